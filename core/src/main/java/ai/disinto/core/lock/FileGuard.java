package ai.disinto.core.lock;

import ai.disinto.core.DisintoException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serialises every change of one project's lock file among all Java users of it, in this JVM and
 * in others: an exclusive OS lock on a guard file beside the lock file ({@code
 * .<project>-stack.lock.guard}, never deleted, so every process locks the same inode).
 *
 * <p>The map of in-JVM locks is static on purpose: OS file locks belong to the whole process, so a
 * second channel in the same JVM cannot wait for them (it fails with {@code
 * OverlappingFileLockException}); threads must first queue on one JVM-wide lock per guard file,
 * whichever {@link StackLock} instance they use. It only grows by one entry per project.
 */
final class FileGuard {
  private static final Logger LOG = LoggerFactory.getLogger(FileGuard.class);
  private static final ConcurrentMap<Path, ReentrantLock> IN_JVM = new ConcurrentHashMap<>();

  private FileGuard() {}

  @SuppressWarnings("try") // the FileLock is held for its scope, not referenced
  static <T> T locked(Path guardFile, Supplier<T> action) {
    ReentrantLock jvmLock =
        IN_JVM.computeIfAbsent(guardFile.toAbsolutePath().normalize(), p -> new ReentrantLock());
    jvmLock.lock();
    try {
      FileChannel channel;
      try {
        channel = FileChannel.open(
            guardFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      } catch (IOException e) {
        // A guard file another user owns: fall back to the lock file's own atomic operations.
        LOG.debug("stack-lock: cannot open guard file {}, continuing unguarded", guardFile, e);
        return action.get();
      }
      try (channel; FileLock ignored = channel.lock()) {
        return action.get();
      } catch (IOException e) {
        throw new DisintoException("stack-lock: cannot lock guard file " + guardFile, e);
      }
    } finally {
      jvmLock.unlock();
    }
  }
}
