package ai.disinto.reliability.contention;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.log.FactoryLogging;
import ai.disinto.log.LogTarget;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stack lock under contention from threads of this JVM and of other JVMs at once: 10,000
 * acquisitions, and never two holders inside at the same time.
 */
class StackLockContentionTest {
  static final int IN_PROCESS_THREADS = 4;
  static final int PROCESSES = 2;
  static final int THREADS_PER_PROCESS = 2;
  /**
   * Acquisitions per thread: 8 threads x 1,250 = 10,000 (about ten seconds here; {@code
   * -Dreliability.lockAcquisitions=N} for another total while working on the lock).
   */
  static final int EACH = Integer.getInteger("reliability.lockAcquisitions", 10_000) / 8;

  @TempDir Path tmp;

  @Test
  void acquisitionsFromThreadsAndProcessesNeverOverlap() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("locks"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<Process> procs = new ArrayList<>();
    long start = System.nanoTime();
    for (int p = 0; p < PROCESSES; p++) {
      procs.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
          StackLockWorker.class.getName(), dir.toString(), "proj", "proc" + p,
          String.valueOf(THREADS_PER_PROCESS), String.valueOf(EACH))
          .redirectError(ProcessBuilder.Redirect.DISCARD).start());
    }
    StackLockWorker.Totals here;
    // 10,000 "[stack-lock] acquired" lines would only fill the report.
    try (var quiet = FactoryLogging.bind(LogTarget.of("test", Clock.systemUTC(), l -> { })
        .withThreshold(org.slf4j.event.Level.WARN))) {
      here = StackLockWorker.run(dir, "proj", "here", IN_PROCESS_THREADS, EACH);
    }
    int acquired = here.acquired();
    int overlaps = here.overlaps();
    for (Process p : procs) {
      assertThat(p.waitFor(150, TimeUnit.SECONDS)).as("worker process ended").isTrue();
      String line = new BufferedReader(new InputStreamReader(p.getInputStream(),
          StandardCharsets.UTF_8)).readLine();
      assertThat(line).startsWith("acquired ");
      String[] w = line.split(" ");
      acquired += Integer.parseInt(w[1]);
      overlaps += Integer.parseInt(w[3]);
    }
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    System.out.printf("stack lock: %d acquisitions by %d threads in this JVM and %d threads in %d"
        + " other JVMs, %d overlaps, %d ms%n", acquired, IN_PROCESS_THREADS,
        PROCESSES * THREADS_PER_PROCESS, PROCESSES, overlaps, ms);
    assertThat(overlaps).isZero();
    assertThat(acquired).isEqualTo(
        (IN_PROCESS_THREADS + PROCESSES * THREADS_PER_PROCESS) * EACH);
    assertThat(Files.list(dir).filter(f -> f.toString().endsWith(".lock")).toList())
        .as("no lock file left").isEmpty();
  }
}
