package ai.disinto.ci.logs;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Builds a real SQLite file with the tables of Woodpecker 3's store that the log reader joins
 * ({@code pipelines}, {@code workflows}, {@code steps}, {@code log_entries}; column names and
 * unique keys as Woodpecker's migrations create them). {@code data} is a {@code BLOB} column written
 * as blobs, as Woodpecker writes it; {@link #text()} stores TEXT values instead (what the original
 * reader can handle).
 */
final class WoodpeckerDb implements AutoCloseable {
  private final Connection c;
  private boolean textData;
  private long nextLogId = 1;
  private final java.util.Map<Long, Integer> lineOfStep = new java.util.HashMap<>();

  private WoodpeckerDb(Path file) throws SQLException {
    c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
    try (Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE pipelines (id INTEGER PRIMARY KEY AUTOINCREMENT,"
          + " repo_id INTEGER, number INTEGER, author TEXT, parent INTEGER, event TEXT,"
          + " status TEXT, errors TEXT, created INTEGER, updated INTEGER, started INTEGER,"
          + " finished INTEGER, deploy TEXT, deploy_task TEXT, \"commit\" TEXT, branch TEXT,"
          + " ref TEXT, refspec TEXT, title TEXT, message TEXT, timestamp INTEGER, sender TEXT,"
          + " avatar TEXT, email TEXT, forge_url TEXT, reviewer TEXT, reviewed INTEGER,"
          + " CONSTRAINT UQE_pipelines_s UNIQUE (repo_id, number))");
      s.executeUpdate("CREATE TABLE workflows (id INTEGER PRIMARY KEY AUTOINCREMENT,"
          + " pipeline_id INTEGER, pid INTEGER, name TEXT, state TEXT, error TEXT,"
          + " started INTEGER, finished INTEGER, agent_id INTEGER, platform TEXT,"
          + " environ TEXT, axis_id INTEGER,"
          + " CONSTRAINT UQE_workflows_s UNIQUE (pipeline_id, pid))");
      s.executeUpdate("CREATE TABLE steps (id INTEGER PRIMARY KEY AUTOINCREMENT, uuid TEXT,"
          + " pipeline_id INTEGER, pid INTEGER, ppid INTEGER, name TEXT, state TEXT,"
          + " error TEXT, failure TEXT, exit_code INTEGER, started INTEGER, finished INTEGER,"
          + " type TEXT, CONSTRAINT UQE_steps_s UNIQUE (pipeline_id, pid))");
      s.executeUpdate("CREATE TABLE log_entries (id INTEGER PRIMARY KEY AUTOINCREMENT,"
          + " step_id INTEGER, time INTEGER, line INTEGER, data BLOB, created INTEGER,"
          + " type INTEGER, CONSTRAINT UQE_log_entries_s UNIQUE (step_id, line))");
      s.executeUpdate("CREATE INDEX IDX_log_entries_step_id ON log_entries (step_id)");
    }
  }

  static WoodpeckerDb create(Path file) throws SQLException {
    return new WoodpeckerDb(file);
  }

  /** Stores the following log data as TEXT instead of BLOB values. */
  WoodpeckerDb text() {
    textData = true;
    return this;
  }

  void pipeline(long id, long repoId, long number, String status) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO pipelines (id, repo_id, number,"
        + " event, status, \"commit\", branch) VALUES (?, ?, ?, 'push', ?, 'abc', 'main')")) {
      ps.setLong(1, id);
      ps.setLong(2, repoId);
      ps.setLong(3, number);
      ps.setString(4, status);
      ps.executeUpdate();
    }
  }

  void step(long id, long pipelineId, int pid, String name, String state, int exitCode)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO steps (id, uuid, pipeline_id,"
        + " pid, ppid, name, state, exit_code, type) VALUES (?, ?, ?, ?, 1, ?, ?, ?,"
        + " 'commands')")) {
      ps.setLong(1, id);
      ps.setString(2, "uuid-" + id);
      ps.setLong(3, pipelineId);
      ps.setInt(4, pid);
      ps.setString(5, name);
      ps.setString(6, state);
      ps.setInt(7, exitCode);
      ps.executeUpdate();
    }
  }

  void log(long stepId, String... lines) throws SQLException {
    for (String line : lines) {
      logBytes(stepId, line.getBytes(StandardCharsets.UTF_8));
    }
  }

  void logBytes(long stepId, byte[] data) throws SQLException {
    int line = lineOfStep.merge(stepId, 1, Integer::sum) - 1;
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO log_entries (id, step_id, time,"
        + " line, data, created, type) VALUES (?, ?, ?, ?, ?, 0, 0)")) {
      ps.setLong(1, nextLogId++);
      ps.setLong(2, stepId);
      ps.setLong(3, line);
      ps.setLong(4, line);
      if (textData) {
        ps.setString(5, new String(data, StandardCharsets.UTF_8));
      } else {
        ps.setBytes(5, data);
      }
      ps.executeUpdate();
    }
  }

  /**
   * The acceptance fixture: repo 1 pipeline (id 10, number 5) with steps {@code clone} (100,
   * success), {@code build} (101, failure), {@code lint} (102, killed), {@code test} (103,
   * success); repo 2 pipeline (id 20, number 5) with failed {@code deploy} (200), its lines
   * written between build's and lint's; repo 1 pipeline 6 all green; pipeline 7 with 250 failed
   * lines; pipeline 8 with one two-line entry and 199 single-line entries.
   */
  WoodpeckerDb standard() throws SQLException {
    pipeline(10, 1, 5, "failure");
    step(100, 10, 2, "clone", "success", 0);
    step(101, 10, 3, "build", "failure", 1);
    step(102, 10, 4, "lint", "killed", 137);
    step(103, 10, 5, "test", "success", 0);
    pipeline(20, 2, 5, "failure");
    step(200, 20, 2, "deploy", "failure", 2);
    log(100, "+ git clone", "Cloning into 'repo'...");
    log(101, "+ make", "cc -c main.c", "main.c:3: error: expected ';'");
    log(200, "+ ./deploy.sh", "deploy: permission denied");
    log(102, "+ golint ./...", "Killed");
    log(103, "+ make test", "ok all tests");
    log(101, "make: *** [all] Error 1");

    pipeline(11, 1, 6, "success");
    step(110, 11, 2, "build", "success", 0);
    log(110, "+ make", "done");

    pipeline(12, 1, 7, "failure");
    step(120, 12, 2, "test", "failure", 1);
    for (int i = 1; i <= 250; i++) {
      log(120, "line " + i);
    }

    pipeline(13, 1, 8, "failure");
    step(130, 13, 2, "test", "error", 1);
    log(130, "first\nsecond");
    for (int i = 1; i <= 199; i++) {
      log(130, "row " + i);
    }
    return this;
  }

  @Override
  public void close() throws SQLException {
    c.close();
  }
}
