package ai.disinto.core.lock;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * One contender of {@link StackLockMultiProcessTest}, run as its own JVM: takes the lock
 * {@code iterations} times and, inside, proves it is alone by creating a marker file with
 * CREATE_NEW and appending enter/exit lines to a shared log.
 *
 * <p>Arguments: lockDir project workerId iterations logFile pollMicros.
 */
public final class ContendingMain {
  private ContendingMain() {}

  public static void main(String[] args) throws IOException {
    Path lockDir = Path.of(args[0]);
    String project = args[1];
    String worker = args[2];
    int iterations = Integer.parseInt(args[3]);
    Path log = Path.of(args[4]);
    Duration poll = Duration.ofNanos(Long.parseLong(args[5]) * 1000);
    StackLock lock = StackLock.builder(lockDir).build();
    for (int i = 0; i < iterations; i++) {
      String holder = worker + "-" + i;
      lock.acquire(holder, project, Duration.ofSeconds(120), poll);
      criticalSection(lockDir.resolve("in-critical-section"), log, holder);
      if (lock.release(project, holder) != StackLock.ReleaseResult.RELEASED) {
        append(log, "LOST " + holder);
      }
    }
  }

  static void criticalSection(Path marker, Path log, String holder) throws IOException {
    try {
      Files.createFile(marker);
    } catch (FileAlreadyExistsException e) {
      append(log, "OVERLAP " + holder);
      return;
    }
    append(log, "enter " + holder);
    append(log, "exit " + holder);
    Files.delete(marker);
  }

  static void append(Path log, String line) throws IOException {
    Files.writeString(log, line + "\n", StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
  }
}
