package ai.disinto.core.lock;

import ai.disinto.core.DisintoException;
import ai.disinto.core.Sleeper;
import ai.disinto.core.WaitListener;
import ai.disinto.core.WaitProgress;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A file-based mutual exclusion for a project's single shared stack, with a heartbeat that its
 * holder refreshes and that waiters break when it grows stale.
 *
 * <p>Mirrors {@code stack_lock_check}, {@code stack_lock_acquire}, {@code stack_lock_heartbeat}
 * and {@code stack_lock_release} in {@code lib/stack-lock.sh}, with the same lock file ({@code
 * <lockDir>/<project>-stack.lock}, one line {@code {"holder": "…", "since": "…", "heartbeat":
 * "…"}}) and the same {@code [stack-lock] …} messages (logged at INFO through SLF4J), so the
 * shell and Java can share one lock. {@link #tryAcquire} takes the lock only if it can do so
 * without waiting.
 *
 * <p>Deliberate improvements: acquisition is atomic (the new file is hard-linked into place, which
 * fails when a lock exists, and every change by Java callers runs under an OS lock on a guard file
 * beside the lock, so two acquirers or two stale-lock breakers can never both win); holders are
 * JSON-escaped; the file is mode 0644; an unparsable file younger than the stale age is held, not
 * stale (it may be a write in progress); only ISO-8601 heartbeats count; project names are
 * validated; waits never overshoot the deadline; a lost heartbeat is reported.
 *
 * <p>Instances are immutable and thread-safe. Waits go through the injected {@link Clock} and
 * {@link Sleeper}.
 */
public final class StackLock {
  private static final Logger LOG = LoggerFactory.getLogger(StackLock.class);

  /** The original's time between polls of a held lock. */
  public static final Duration POLL_INTERVAL = Duration.ofSeconds(30);
  /** The original's heartbeat age beyond which a lock is stale. */
  public static final Duration STALE_AFTER = Duration.ofSeconds(600);
  /** The original's longest wait in {@code acquire}. */
  public static final Duration MAX_WAIT = Duration.ofSeconds(3600);
  /** How often a holder should refresh its heartbeat (the original's recommendation). */
  public static final Duration HEARTBEAT_EVERY = Duration.ofSeconds(120);

  private static final Pattern PROJECT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final DateTimeFormatter ISO_SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
  private static final Set<PosixFilePermission> MODE_0644 =
      PosixFilePermissions.fromString("rw-r--r--");

  private final Path lockDir;
  private final Clock clock;
  private final Sleeper sleeper;
  private final WaitListener listener;
  private final Duration staleAfter;

  private StackLock(Builder b) {
    this.lockDir = b.lockDir;
    this.clock = b.clock;
    this.sleeper = b.sleeper;
    this.listener = b.listener;
    this.staleAfter = b.staleAfter;
  }

  /**
   * Starts a configuration for locks kept in {@code lockDir}.
   *
   * @param lockDir the directory of the lock files (the original's {@code $HOME/data/locks})
   * @return a builder with the system UTC clock, real sleeps and the original's stale age
   */
  public static Builder builder(Path lockDir) {
    return new Builder(lockDir);
  }

  /**
   * A lock with every default, in the original's directory {@code <home>/data/locks}.
   *
   * @param home the user's home directory ({@code HOME})
   * @return the stack lock
   */
  public static StackLock forHome(Path home) {
    return builder(defaultLockDir(home)).build();
  }

  /**
   * The original's lock directory for a home directory.
   *
   * @param home the user's home directory
   * @return {@code <home>/data/locks}
   */
  public static Path defaultLockDir(Path home) {
    return home.resolve("data").resolve("locks");
  }

  /**
   * The lock file of a project.
   *
   * @param project the project name
   * @return {@code <lockDir>/<project>-stack.lock}
   * @throws IllegalArgumentException when the name is not {@code [A-Za-z0-9][A-Za-z0-9._-]*}
   */
  public Path lockFile(String project) {
    return lockDir.resolve(validProject(project) + "-stack.lock");
  }

  /**
   * Inspects the lock. Mirrors {@code stack_lock_check}.
   *
   * @param project the project name
   * @return free, held (heartbeat at most the stale age old) or stale
   * @throws IllegalArgumentException for an invalid project name
   * @throws DisintoException when the file exists but cannot be read
   */
  public LockStatus check(String project) {
    Path file = lockFile(project);
    Optional<byte[]> content = read(file);
    if (content.isEmpty()) {
      return new LockStatus.Free();
    }
    Optional<Map<String, String>> fields = parse(content.get());
    if (fields.isEmpty()) {
      // Unparsable: stale only when old, since a writer without hard links may be mid-write.
      return olderThanStale(file) ? new LockStatus.Stale("unknown") : new LockStatus.Held("unknown");
    }
    String holder = fields.get().getOrDefault("holder", "unknown");
    String heartbeat = fields.get().getOrDefault("heartbeat", "");
    if (heartbeat.isEmpty()) {
      return new LockStatus.Stale(holder);
    }
    long age = clock.instant().getEpochSecond() - epochSeconds(heartbeat);
    return age > staleAfter.getSeconds() ? new LockStatus.Stale(holder) : new LockStatus.Held(holder);
  }

  /**
   * Acquires the lock, waiting at most {@link #MAX_WAIT} and polling every {@link
   * #POLL_INTERVAL}.
   *
   * @param holder who takes the lock
   * @param project the project name
   * @return the lease on the lock
   * @throws LockTimeoutException when the lock stays held past the wait
   * @see #acquire(String, String, Duration, Duration)
   */
  public Lease acquire(String holder, String project) {
    return acquire(holder, project, MAX_WAIT, POLL_INTERVAL);
  }

  /**
   * Acquires the lock, waiting at most {@code maxWait} and polling every {@link #POLL_INTERVAL}.
   *
   * @param holder who takes the lock
   * @param project the project name
   * @param maxWait the longest wait; zero fails at once when the lock is held
   * @return the lease on the lock
   * @throws LockTimeoutException when the lock stays held past the wait
   * @see #acquire(String, String, Duration, Duration)
   */
  public Lease acquire(String holder, String project, Duration maxWait) {
    return acquire(holder, project, maxWait, POLL_INTERVAL);
  }

  /**
   * Acquires the lock for {@code holder}. Mirrors {@code stack_lock_acquire}: a free lock is
   * claimed (even past the deadline), a stale one is broken and the claim retried at once, a held
   * one is polled until the deadline. The claim is atomic: of any number of competing callers (in
   * any JVM) exactly one wins; a shell caller of the original can still overwrite a lock, as the
   * original can.
   *
   * @param holder who takes the lock, written into the file
   * @param project the project name
   * @param maxWait the longest wait for a held lock
   * @param pollInterval the pause between checks of a held lock (shortened to the time left)
   * @return the lease; closing it releases the lock if still ours
   * @throws LockTimeoutException when the lock stays held past {@code maxWait}
   * @throws IllegalArgumentException for an invalid project name or a negative duration
   * @throws DisintoException when the lock directory cannot be written, or when interrupted
   */
  public Lease acquire(String holder, String project, Duration maxWait, Duration pollInterval) {
    Objects.requireNonNull(holder, "holder");
    Path file = lockFile(project);
    if (maxWait.isNegative() || pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("maxWait must be >= 0 and pollInterval > 0");
    }
    try {
      return waitAndAcquire(holder, project, file, maxWait, pollInterval);
    } finally {
      listener.waitEnded();
    }
  }

  private Lease waitAndAcquire(String holder, String project, Path file, Duration maxWait,
      Duration pollInterval) {
    Instant start = clock.instant();
    Instant deadline = start.plus(maxWait);
    createLockDir();
    while (true) {
      Attempt attempt = FileGuard.locked(guardFile(project), () -> attempt(holder, project, file));
      if (attempt.acquired() != null) {
        say("[stack-lock] acquired lock for " + project + " as " + holder);
        return new Lease(this, holder, project, attempt.acquired());
      }
      if (!(attempt.status() instanceof LockStatus.Held held)) {
        continue; // a stale lock was broken, or a claim lost to a vanished lock: at once again
      }
      String current = held.holder();
      Duration remaining = Duration.between(clock.instant(), deadline);
      if (remaining.isNegative() || remaining.isZero()) {
        say("[stack-lock] timed out waiting for lock on " + project
            + " (held by " + current + ")");
        throw new LockTimeoutException(project, current);
      }
      Duration pause = pollInterval.compareTo(remaining) < 0 ? pollInterval : remaining;
      say("[stack-lock] " + project + " locked by " + current + ", waiting "
          + seconds(pause) + "s (" + seconds(remaining) + "s left)...");
      Duration waited = Duration.between(start, clock.instant());
      listener.waiting(new WaitProgress("lock on " + project + " (held by " + current + ")",
          waited.isNegative() ? Duration.ZERO : waited, maxWait));
      try {
        sleeper.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DisintoException("stack-lock: interrupted while waiting for " + project, e);
      }
    }
  }

  /**
   * Takes the lock for {@code holder} if that can be done without waiting: a free lock is claimed,
   * a stale one is broken and then claimed, a held one is left alone. The waiting counterpart is
   * {@link #acquire(String, String, Duration, Duration)}; the claim is just as atomic.
   *
   * @param holder who takes the lock, written into the file
   * @param project the project name
   * @return the lease when the lock was taken; empty when someone else holds it
   * @throws IllegalArgumentException for an invalid project name
   * @throws DisintoException when the lock directory cannot be written
   */
  public Optional<Lease> tryAcquire(String holder, String project) {
    Objects.requireNonNull(holder, "holder");
    Path file = lockFile(project);
    createLockDir();
    while (true) {
      Attempt attempt = FileGuard.locked(guardFile(project), () -> attempt(holder, project, file));
      if (attempt.acquired() != null) {
        say("[stack-lock] acquired lock for " + project + " as " + holder);
        return Optional.of(new Lease(this, holder, project, attempt.acquired()));
      }
      if (attempt.status() instanceof LockStatus.Held) {
        return Optional.empty();
      }
      // A stale lock was broken, or a claim lost to a vanished lock: at once again.
    }
  }

  private void createLockDir() {
    try {
      Files.createDirectories(lockDir);
    } catch (IOException e) {
      throw new DisintoException("stack-lock: cannot create " + lockDir, e);
    }
  }

  /** The original prints these lines on stderr; here they are INFO lines of this class's logger. */
  private static void say(String message) {
    LOG.info("{}", message);
  }

  /** One guarded step: claim a free lock, break a stale one, or report the holder. */
  private Attempt attempt(String holder, String project, Path file) {
    LockStatus status = check(project);
    if (status instanceof LockStatus.Held) {
      return new Attempt(status, null);
    }
    if (status instanceof LockStatus.Stale stale) {
      say("[stack-lock] breaking stale lock held by " + stale.holder()
          + " for " + project);
      breakStale(project, file);
      return new Attempt(status, null);
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    String iso = ISO_SECONDS.format(now);
    Path tmp = writeTemp(LockJson.render(holder, iso, iso));
    try {
      claim(tmp, file);
      return new Attempt(status, now);
    } catch (FileAlreadyExistsException lost) {
      // A writer outside the guard (the shell original) got there first.
      return new Attempt(check(project), null);
    } finally {
      deleteQuietly(tmp);
    }
  }

  /** Moves the stale file aside atomically, confirms it is still stale, then deletes it. */
  private void breakStale(String project, Path file) {
    Path aside = lockDir.resolve("." + project + "-stack.lock.broken-" + UUID.randomUUID());
    try {
      Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
    } catch (NoSuchFileException gone) {
      return;
    } catch (IOException e) {
      throw new DisintoException("stack-lock: cannot break the lock " + file, e);
    }
    try {
      Optional<Map<String, String>> fields = read(aside).flatMap(StackLock::parse);
      boolean refreshed = fields.isPresent() && !fields.get().getOrDefault("heartbeat", "").isEmpty()
          && clock.instant().getEpochSecond() - epochSeconds(fields.get().get("heartbeat"))
              <= staleAfter.getSeconds();
      if (refreshed) {
        // A shell holder refreshed it in between: put it back unless someone claimed meanwhile.
        restore(project, file, aside);
      }
    } catch (IOException e) {
      throw new DisintoException("stack-lock: cannot break the lock " + file, e);
    } finally {
      deleteQuietly(aside);
    }
  }

  /**
   * Puts a lock that was moved aside back in place, unless a new lock was created meanwhile: a
   * hard link where the file system has them, else a move that does not replace.
   */
  private static void restore(String project, Path file, Path aside) throws IOException {
    try {
      Files.createLink(file, aside);
      return;
    } catch (FileAlreadyExistsException claimed) {
      LOG.debug("stack-lock: refreshed lock for {} not restored: claimed meanwhile", project);
      return;
    } catch (UnsupportedOperationException noLinks) {
      LOG.debug("stack-lock: no hard links here; restoring the lock for {} by a move", project);
    }
    try {
      Files.move(aside, file);
    } catch (FileAlreadyExistsException claimed) {
      LOG.debug("stack-lock: refreshed lock for {} not restored: claimed meanwhile", project);
    }
  }

  /**
   * Refreshes the heartbeat if {@code holder} holds the lock, keeping {@code since}. Mirrors
   * {@code stack_lock_heartbeat} (which is silent either way).
   *
   * @param holder the caller
   * @param project the project name
   * @return true when refreshed; false when there is no lock or another holder has it
   * @throws IllegalArgumentException for an invalid project name
   * @throws DisintoException when the lock file cannot be written
   */
  public boolean heartbeat(String holder, String project) {
    Objects.requireNonNull(holder, "holder");
    Path file = lockFile(project);
    return FileGuard.locked(guardFile(project), () -> {
      Optional<byte[]> content = read(file);
      if (content.isEmpty()) {
        return false;
      }
      Map<String, String> fields = parse(content.get()).orElse(Map.of());
      if (!holder.equals(fields.getOrDefault("holder", ""))) {
        return false;
      }
      String now = ISO_SECONDS.format(clock.instant());
      Path tmp = writeTemp(LockJson.render(holder, fields.getOrDefault("since", ""), now));
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        moveOrFail(tmp, file);
      } catch (IOException e) {
        deleteQuietly(tmp);
        throw new DisintoException("stack-lock: cannot refresh " + file, e);
      }
      return true;
    });
  }

  /**
   * Refreshes the heartbeat every {@link #HEARTBEAT_EVERY} on {@code executor} until closed.
   *
   * @param holder the caller
   * @param project the project name
   * @param executor runs the refresh loop (one task for the lease's lifetime)
   * @return the running task; close it to stop the refreshes
   * @see #startHeartbeat(String, String, ExecutorService, Duration)
   */
  public HeartbeatTask startHeartbeat(String holder, String project, ExecutorService executor) {
    return startHeartbeat(holder, project, executor, HEARTBEAT_EVERY);
  }

  /**
   * Refreshes the heartbeat every {@code every} (timed by the injected sleeper) until closed, as
   * the original's callers do from a background loop. When the lock turns out to be gone or held
   * by someone else, it says so once and stops.
   *
   * @param holder the caller
   * @param project the project name
   * @param executor runs the refresh loop
   * @param every the pause between refreshes
   * @return the running task; close it to stop the refreshes
   * @throws IllegalArgumentException for an invalid project name
   */
  public HeartbeatTask startHeartbeat(
      String holder, String project, ExecutorService executor, Duration every) {
    lockFile(project);
    AtomicBoolean stopped = new AtomicBoolean();
    Future<?> loop = executor.submit(() -> {
      while (!stopped.get()) {
        try {
          sleeper.sleep(every);
        } catch (InterruptedException e) {
          return;
        }
        if (stopped.get()) {
          return;
        }
        try {
          if (!heartbeat(holder, project)) {
            say("[stack-lock] heartbeat stopped: " + holder
                + " no longer holds the lock for " + project);
            return;
          }
        } catch (RuntimeException e) {
          // Keep refreshing: one failed write (a full disk, a racing release) must not silently
          // end the loop while the holder still works under the lock.
          LOG.warn("stack-lock: heartbeat for {} failed: {}", project, e.toString());
        }
      }
    });
    return () -> {
      stopped.set(true);
      loop.cancel(true);
    };
  }

  /**
   * Deletes the lock whoever holds it. Mirrors {@code stack_lock_release PROJECT}.
   *
   * @param project the project name
   * @return {@code RELEASED}, or {@code NOT_PRESENT} when there was no lock
   * @throws IllegalArgumentException for an invalid project name
   */
  public ReleaseResult release(String project) {
    return release(project, "");
  }

  /**
   * Deletes the lock if {@code holder} holds it. Mirrors {@code stack_lock_release PROJECT
   * HOLDER}; an empty holder releases unconditionally, as in the original.
   *
   * @param project the project name
   * @param holder the caller; empty for no check
   * @return {@code RELEASED}, {@code NOT_PRESENT}, or {@code NOT_OWNER} (the lock stays)
   * @throws IllegalArgumentException for an invalid project name
   * @throws DisintoException when the lock file cannot be deleted
   */
  public ReleaseResult release(String project, String holder) {
    Objects.requireNonNull(holder, "holder");
    Path file = lockFile(project);
    return FileGuard.locked(guardFile(project), () -> {
      Optional<byte[]> content = read(file);
      if (content.isEmpty()) {
        return ReleaseResult.NOT_PRESENT;
      }
      if (!holder.isEmpty()) {
        String current = parse(content.get()).orElse(Map.of()).getOrDefault("holder", "");
        if (!current.equals(holder)) {
          say("[stack-lock] refusing to release: lock held by '" + current
              + "', not '" + holder + "'");
          return ReleaseResult.NOT_OWNER;
        }
      }
      try {
        if (!Files.deleteIfExists(file)) {
          return ReleaseResult.NOT_PRESENT;
        }
      } catch (IOException e) {
        throw new DisintoException("stack-lock: cannot delete " + file, e);
      }
      say("[stack-lock] released lock for " + project);
      return ReleaseResult.RELEASED;
    });
  }

  // ---- file helpers ----

  private Path guardFile(String project) {
    return lockDir.resolve("." + project + "-stack.lock.guard");
  }

  private static String validProject(String project) {
    if (project == null || !PROJECT_NAME.matcher(project).matches()) {
      throw new IllegalArgumentException(
          "invalid project name for the stack lock (allowed: [A-Za-z0-9][A-Za-z0-9._-]*): "
              + project);
    }
    return project;
  }

  private static Optional<byte[]> read(Path file) {
    try {
      return Optional.of(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new DisintoException("stack-lock: cannot read " + file, e);
    }
  }

  private static Optional<Map<String, String>> parse(byte[] content) {
    try {
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(content))
          .toString();
      return LockJson.parseObject(text);
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  private boolean olderThanStale(Path file) {
    try {
      Instant modified = Files.getLastModifiedTime(file).toInstant();
      return Duration.between(modified, clock.instant()).compareTo(staleAfter) > 0;
    } catch (NoSuchFileException e) {
      return true;
    } catch (IOException e) {
      throw new DisintoException("stack-lock: cannot stat " + file, e);
    }
  }

  /** Epoch seconds of an ISO-8601 timestamp (UTC when it has no offset); 0 when unparsable. */
  static long epochSeconds(String timestamp) {
    try {
      return OffsetDateTime.parse(timestamp).toEpochSecond();
    } catch (DateTimeParseException notWithOffset) {
      try {
        return LocalDateTime.parse(timestamp).toEpochSecond(ZoneOffset.UTC);
      } catch (DateTimeParseException unparsable) {
        return 0;
      }
    }
  }

  private Path writeTemp(String content) {
    Path tmp = null;
    try {
      tmp = Files.createTempFile(lockDir, ".lock-tmp-", "");
      try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.TRUNCATE_EXISTING)) {
        out.write(content.getBytes(StandardCharsets.UTF_8));
      }
      setMode0644(tmp);
      return tmp;
    } catch (IOException e) {
      if (tmp != null) {
        deleteQuietly(tmp);
      }
      throw new DisintoException("stack-lock: cannot write a lock file in " + lockDir, e);
    }
  }

  /** Puts {@code tmp}'s content at {@code file} only if {@code file} does not exist. */
  private static void claim(Path tmp, Path file) throws FileAlreadyExistsException {
    try {
      Files.createLink(file, tmp);
      return;
    } catch (FileAlreadyExistsException e) {
      throw e;
    } catch (UnsupportedOperationException | IOException noHardLinks) {
      LOG.debug("stack-lock: hard links unavailable in {}, using create-new", file.getParent());
    }
    try {
      byte[] content = Files.readAllBytes(tmp);
      try (OutputStream out = Files.newOutputStream(
          file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        out.write(content);
      }
      setMode0644(file);
    } catch (FileAlreadyExistsException e) {
      throw e;
    } catch (IOException e) {
      throw new DisintoException("stack-lock: cannot create " + file, e);
    }
  }

  private static void setMode0644(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, MODE_0644);
    } catch (UnsupportedOperationException notPosix) {
      // Windows and friends: the default permissions stand.
    }
  }

  private static void moveOrFail(Path tmp, Path file) {
    try {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      deleteQuietly(tmp);
      throw new DisintoException("stack-lock: cannot refresh " + file, e);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.debug("stack-lock: could not delete {}", file, e);
    }
  }

  /** Whole seconds as an integer, fractions with up to millisecond precision. */
  static String seconds(Duration d) {
    if (d.getNano() == 0) {
      return Long.toString(d.getSeconds());
    }
    return java.math.BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros().toPlainString();
  }

  private record Attempt(LockStatus status, Instant acquired) {}

  /** The outcome of a release. */
  public enum ReleaseResult {
    /** The lock file was deleted. */
    RELEASED,
    /** There was no lock file. */
    NOT_PRESENT,
    /** Another holder has the lock; it was left in place (the original's return code 1). */
    NOT_OWNER
  }

  /** A running heartbeat loop; {@link #close()} stops it. */
  @FunctionalInterface
  public interface HeartbeatTask extends AutoCloseable {
    /** Stops the refreshes (interrupting a pending pause). */
    @Override
    void close();
  }

  /**
   * A held lock. Closing it releases the lock if this holder still has it.
   */
  public static final class Lease implements AutoCloseable {
    private final StackLock lock;
    private final String holder;
    private final String project;
    private final Instant since;

    private Lease(StackLock lock, String holder, String project, Instant since) {
      this.lock = lock;
      this.holder = holder;
      this.project = project;
      this.since = since;
    }

    /**
     * Who holds the lock.
     *
     * @return the holder
     */
    public String holder() {
      return holder;
    }

    /**
     * The project whose lock this is.
     *
     * @return the project name
     */
    public String project() {
      return project;
    }

    /**
     * When the lock was taken (the file's {@code since}).
     *
     * @return the acquisition time, to the second
     */
    public Instant since() {
      return since;
    }

    /**
     * Refreshes the heartbeat.
     *
     * @return false when the lock is no longer this holder's
     * @see StackLock#heartbeat(String, String)
     */
    public boolean heartbeat() {
      return lock.heartbeat(holder, project);
    }

    /** Releases the lock if this holder still has it (a lock taken over is left alone). */
    @Override
    public void close() {
      lock.release(project, holder);
    }

    @Override
    public String toString() {
      return "Lease[holder=" + holder + ", project=" + project + ", since=" + since + "]";
    }
  }

  /** Configuration of a {@link StackLock}. */
  public static final class Builder {
    private final Path lockDir;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.system();
    private WaitListener listener = WaitListener.NONE;
    private Duration staleAfter = STALE_AFTER;

    private Builder(Path lockDir) {
      this.lockDir = Objects.requireNonNull(lockDir, "lockDir");
    }

    /**
     * The clock for timestamps, ages and deadlines.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * How waits pause.
     *
     * @param sleeper the sleeper
     * @return this builder
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * Who hears about waits for a held lock: before each pause of {@code acquire} and when the
     * wait is over (default: nobody).
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder waitListener(WaitListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * The heartbeat age beyond which a lock is stale (the original's 600 s).
     *
     * @param staleAfter the age; compared to whole seconds, strictly
     * @return this builder
     */
    public Builder staleAfter(Duration staleAfter) {
      this.staleAfter = Objects.requireNonNull(staleAfter, "staleAfter");
      return this;
    }

    /**
     * Builds the lock.
     *
     * @return an immutable stack lock
     */
    public StackLock build() {
      return new StackLock(this);
    }
  }
}
