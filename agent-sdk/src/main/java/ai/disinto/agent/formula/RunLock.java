package ai.disinto.agent.formula;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PID run lock of a formula agent ({@code /tmp/planner-run.lock} and the like): a file holding
 * the owner's decimal PID and a newline, so that the shell agents and this port exclude each other.
 *
 * <p>Mirrors {@code acquire_run_lock} of lib/formula-session.sh, which exits the whole process
 * when a live owner holds the lock; here {@link #tryAcquire} answers empty and the caller ends.
 * Improvements: the file is created atomically (create-new; a collision re-checks the owner
 * once), so two starters cannot both win; an owner that exists but belongs to another user counts
 * as alive; and the lock is released by {@link #close()} (try-with-resources), which deletes the
 * file only while it still holds our PID, so no error path leaves a lock behind and a lock taken
 * over by someone else is never deleted.
 */
public final class RunLock implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RunLock.class);

  private final Path file;
  private final long pid;
  private boolean closed;

  private RunLock(Path file, long pid) {
    this.file = file;
    this.pid = pid;
  }

  /**
   * Takes the lock for this process.
   *
   * @param lockFile the lock file
   * @return the lock, or empty when a live process holds it (logged as {@code run: already
   *     running (PID <pid>)}, the file untouched)
   * @throws UncheckedIOException when the file cannot be read or written
   */
  public static Optional<RunLock> tryAcquire(Path lockFile) {
    return tryAcquire(lockFile, ProcessHandle.current().pid());
  }

  /**
   * Takes the lock for a given process, such as the shell script that called {@code disinto
   * formula lock}.
   *
   * @param lockFile the lock file
   * @param ownerPid the PID written into it
   * @return the lock, or empty when another live process holds it
   * @throws UncheckedIOException when the file cannot be read or written
   */
  public static Optional<RunLock> tryAcquire(Path lockFile, long ownerPid) {
    Objects.requireNonNull(lockFile, "lockFile");
    for (int attempt = 0; attempt < 2; attempt++) {
      Optional<Long> holder = readPid(lockFile);
      if (holder.isPresent() && holder.get() != ownerPid && alive(holder.get())) {
        LOG.info("run: already running (PID {})", holder.get());
        return Optional.empty();
      }
      if (Files.exists(lockFile) || holder.isPresent()) {
        // Stale: no PID, garbage, or a process that is gone.
        try {
          Files.deleteIfExists(lockFile);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot remove the stale lock " + lockFile, e);
        }
      }
      try {
        Files.write(lockFile, (ownerPid + "\n").getBytes(StandardCharsets.US_ASCII),
            StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return Optional.of(new RunLock(lockFile, ownerPid));
      } catch (FileAlreadyExistsException e) {
        // Someone created it between our check and our write: look at the owner once more.
        continue;
      } catch (IOException e) {
        try {
          Files.deleteIfExists(lockFile);
        } catch (IOException ignored) {
          // Nothing more can be done; the original error is the one to report.
        }
        throw new UncheckedIOException("cannot write the lock " + lockFile, e);
      }
    }
    Optional<Long> holder = readPid(lockFile);
    LOG.info("run: already running (PID {})", holder.map(String::valueOf).orElse(""));
    return Optional.empty();
  }

  /**
   * Tells whether a lock file holds the PID of a live process.
   *
   * @param lockFile the lock file
   * @return the live owner's PID, or empty
   */
  public static Optional<Long> liveOwner(Path lockFile) {
    return readPid(lockFile).filter(RunLock::alive);
  }

  static Optional<Long> readPid(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII).strip();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      // Unreadable or undecodable: as good as garbage, the original's cat fails and it takes over.
      return Optional.empty();
    }
    if (!text.matches("[0-9]{1,18}")) {
      return Optional.empty();
    }
    return Optional.of(Long.parseLong(text));
  }

  static boolean alive(long pid) {
    return pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /**
   * The lock file.
   *
   * @return its path
   */
  public Path file() {
    return file;
  }

  /**
   * The PID this lock wrote.
   *
   * @return the owner's PID
   */
  public long ownerPid() {
    return pid;
  }

  /**
   * Releases the lock: deletes the file when it still holds our PID. Idempotent; never throws.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    Optional<Long> holder = readPid(file);
    if (holder.isPresent() && holder.get() == pid) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        LOG.warn("cannot remove the run lock {}: {}", file, e.getMessage());
      }
    } else if (Files.exists(file)) {
      LOG.debug("run lock {} now belongs to PID {}; left in place", file,
          holder.map(String::valueOf).orElse("?"));
    }
  }

  @Override
  public String toString() {
    return "RunLock[" + file + ", pid=" + pid + "]";
  }
}
