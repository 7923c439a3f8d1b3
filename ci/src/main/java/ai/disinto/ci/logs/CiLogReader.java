package ai.disinto.ci.logs;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteOpenMode;

/**
 * Reads CI step logs from Woodpecker's SQLite database ({@code <data dir>/woodpecker.sqlite}), so
 * an agent fixing a CI failure gets the tail of the failed steps' output without API access.
 * Mirrors {@code lib/ci-log-reader.py}.
 *
 * <p>Rows are {@code log_entries.data} of the pipeline's steps ({@code log_entries.step_id ->
 * steps.id -> steps.pipeline_id -> pipelines.id}), in {@code log_entries.id} order, as the original
 * reads them: of the named step whatever its state, or of every step whose state is {@code
 * failure}, {@code error} or {@code killed}. The entries are joined with newlines, split into
 * lines, and the last {@value #MAX_OUTPUT_LINES} lines are kept (bounded while reading).
 *
 * <p>Where it differs from the original: the database is opened read-only with a busy timeout
 * (a database locked by the Woodpecker server gives a {@link CiLogException} once that has passed,
 * never a hang); {@code BLOB} data (what Woodpecker 3 writes, and on which the original fails with
 * a {@code TypeError}) is decoded as UTF-8, malformed sequences replaced by U+FFFD and counted in
 * {@link LogResult#invalidUtf8Entries()}; TEXT rows are read as well; and when a repository id is
 * given, only that repository's pipeline of that number is read (pipeline numbers are unique only
 * per repository; the original merges every repository's pipeline {@code n}).
 */
public final class CiLogReader {
  private static final Logger LOG = LoggerFactory.getLogger(CiLogReader.class);

  /** How many lines a read keeps at most (the last ones). */
  public static final int MAX_OUTPUT_LINES = 200;
  /** Where the Woodpecker data volume is mounted in the agents' container. */
  public static final Path DEFAULT_DATA_DIR = Path.of("/woodpecker-data");
  /** The database file's name in the data directory. */
  public static final String DB_FILE = "woodpecker.sqlite";
  /** How long a read waits for a lock held by a writer before it gives up. */
  public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(5);

  private static final String FAILED_STATES = "('failure', 'error', 'killed')";

  private final Path dataDir;
  private final OptionalLong repoId;
  private final Duration busyTimeout;

  /**
   * Creates a reader with the default busy timeout.
   *
   * @param dataDir the Woodpecker data directory ({@code WOODPECKER_DATA_DIR}, see {@link
   *     #dataDir(String)})
   * @param repoId the Woodpecker repository whose pipelines are read; empty reads pipeline numbers
   *     across all repositories, as the original does
   */
  public CiLogReader(Path dataDir, OptionalLong repoId) {
    this(dataDir, repoId, DEFAULT_BUSY_TIMEOUT);
  }

  /**
   * Creates a reader.
   *
   * @param dataDir the Woodpecker data directory
   * @param repoId the Woodpecker repository whose pipelines are read, or empty for all
   * @param busyTimeout how long to wait for a write lock to go away; at least one millisecond
   * @throws IllegalArgumentException when the timeout is shorter than a millisecond
   */
  public CiLogReader(Path dataDir, OptionalLong repoId, Duration busyTimeout) {
    this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
    this.repoId = Objects.requireNonNull(repoId, "repoId");
    this.busyTimeout = Objects.requireNonNull(busyTimeout, "busyTimeout");
    if (busyTimeout.toMillis() < 1 || busyTimeout.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("busy timeout out of range: " + busyTimeout);
    }
  }

  /**
   * The data directory named by a {@code WOODPECKER_DATA_DIR} value: the value, or {@link
   * #DEFAULT_DATA_DIR} when it is unset or empty (the original turned an empty value into a
   * relative path).
   *
   * @param envValue the variable's value, or {@code null} when unset
   * @return the data directory
   */
  public static Path dataDir(String envValue) {
    return envValue == null || envValue.isEmpty() ? DEFAULT_DATA_DIR : Path.of(envValue);
  }

  /**
   * The database file read.
   *
   * @return {@code <data dir>/woodpecker.sqlite}
   */
  public Path databasePath() {
    return dataDir.resolve(DB_FILE);
  }

  /**
   * Reads the last {@value #MAX_OUTPUT_LINES} log lines of a pipeline's failed steps, or of one
   * step.
   *
   * @param pipelineNumber the pipeline number
   * @param stepName a step name (any state); empty (or an empty name) for every failed step
   * @return the lines, empty when there are no rows
   * @throws CiLogException {@link CiLogException.Kind#DB_NOT_FOUND} when the database file does
   *     not exist; {@link CiLogException.Kind#DB_ERROR} when SQLite cannot open or query it
   */
  public LogResult read(long pipelineNumber, Optional<String> stepName) throws CiLogException {
    Optional<String> step = stepName.filter(s -> !s.isEmpty());
    Path db = databasePath();
    if (!Files.exists(db)) {
      throw new CiLogException(CiLogException.Kind.DB_NOT_FOUND,
          "Woodpecker database not found at " + db, null);
    }
    StringBuilder sql = new StringBuilder("SELECT le.data FROM log_entries le"
        + " JOIN steps s ON le.step_id = s.id"
        + " JOIN pipelines p ON s.pipeline_id = p.id"
        + " WHERE p.number = ?");
    if (repoId.isPresent()) {
      sql.append(" AND p.repo_id = ?");
    }
    sql.append(step.isPresent() ? " AND s.name = ?" : " AND s.state IN " + FAILED_STATES);
    sql.append(" ORDER BY le.id");
    Deque<String> kept = new ArrayDeque<>();
    int total = 0;
    int rows = 0;
    int invalid = 0;
    try (Connection c = open(db); PreparedStatement ps = c.prepareStatement(sql.toString())) {
      int i = 1;
      ps.setLong(i++, pipelineNumber);
      if (repoId.isPresent()) {
        ps.setLong(i++, repoId.getAsLong());
      }
      if (step.isPresent()) {
        ps.setString(i, step.get());
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows++;
          byte[] bytes = rs.getBytes(1);
          String text;
          try {
            text = strict(bytes);
          } catch (CharacterCodingException e) {
            invalid++;
            text = new String(bytes, StandardCharsets.UTF_8);
          }
          for (String line : text.split("\n", -1)) {
            total++;
            kept.addLast(line);
            if (kept.size() > MAX_OUTPUT_LINES) {
              kept.removeFirst();
            }
          }
        }
      }
    } catch (SQLException e) {
      throw new CiLogException(CiLogException.Kind.DB_ERROR,
          "cannot read the Woodpecker database at " + db + ": " + describe(e), e);
    }
    if (invalid > 0) {
      LOG.warn("{} log entries of pipeline #{} were not valid UTF-8; malformed bytes replaced by"
          + " U+FFFD", invalid, pipelineNumber);
    }
    if (rows == 0) {
      return new LogResult(List.of(), false, 0, 0);
    }
    return new LogResult(new ArrayList<>(kept), total > kept.size(), total, invalid);
  }

  /**
   * The last lines of log entries as the original computes them: the entries joined with
   * {@code "\n"}, split on {@code "\n"} (an entry with embedded newlines gives several lines, an
   * empty entry one empty line), the last {@code maxLines} kept.
   *
   * @param entries the entries in order
   * @param maxLines how many lines to keep at most
   * @return the kept lines
   */
  public static List<String> tail(List<String> entries, int maxLines) {
    Deque<String> kept = new ArrayDeque<>();
    for (String entry : entries) {
      for (String line : entry.split("\n", -1)) {
        kept.addLast(line);
        if (kept.size() > maxLines) {
          kept.removeFirst();
        }
      }
    }
    return List.copyOf(kept);
  }

  private Connection open(Path db) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setOpenMode(SQLiteOpenMode.READONLY);
    config.setBusyTimeout((int) busyTimeout.toMillis());
    SQLiteDataSource ds = new SQLiteDataSource(config);
    ds.setUrl("jdbc:sqlite:" + db.toAbsolutePath());
    return ds.getConnection();
  }

  private static String strict(byte[] bytes) throws CharacterCodingException {
    if (bytes == null) {
      return "";
    }
    return StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes)).toString();
  }

  /** SQLite's own words, with a hint for the cases an operator can act on. */
  private static String describe(SQLException e) {
    String m = Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName());
    String lower = m.toLowerCase(Locale.ROOT);
    if (lower.contains("sqlite_busy") || lower.contains("locked")) {
      return "the database is locked (" + m + ")";
    }
    if (lower.contains("sqlite_notadb") || lower.contains("not a database")
        || lower.contains("malformed") || lower.contains("sqlite_corrupt")) {
      return "the file is not a readable SQLite database (" + m + ")";
    }
    if (lower.contains("no such table") || lower.contains("no such column")) {
      return "the database does not have Woodpecker's schema (" + m + ")";
    }
    return m;
  }

  /**
   * What a read found.
   *
   * @param lines the kept lines (at most {@value #MAX_OUTPUT_LINES}), oldest first
   * @param truncated whether earlier lines were dropped
   * @param totalLines how many lines the rows made before truncation
   * @param invalidUtf8Entries how many entries were not valid UTF-8 (decoded with U+FFFD)
   */
  public record LogResult(List<String> lines, boolean truncated, int totalLines,
      int invalidUtf8Entries) {
    /** Copies the lines. */
    public LogResult {
      lines = List.copyOf(lines);
    }

    /**
     * Whether no row matched.
     *
     * @return true when there are no lines
     */
    public boolean isEmpty() {
      return lines.isEmpty();
    }

    /**
     * The lines joined with {@code "\n"}, without a final newline.
     *
     * @return the text
     */
    public String text() {
      return String.join("\n", lines);
    }
  }
}
