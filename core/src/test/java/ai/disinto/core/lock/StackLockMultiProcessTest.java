package ai.disinto.core.lock;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutual exclusion under real contention: 2,000 acquisitions of one lock by 8 threads, and by 4
 * separate JVMs, with never two holders in the critical section at once. Waiting here is real
 * (the poll interval is tiny), since waiting on another holder is the thing under test.
 */
class StackLockMultiProcessTest {
  private static final int TOTAL = 2000;

  @TempDir Path dir;

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void eightThreadsNeverHoldTheLockTogether() throws Exception {
    Path log = dir.resolve("log");
    StackLock lock = StackLock.builder(dir)
        .sleeper(d -> LockSupport.parkNanos(d.toNanos()))
        .build();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < 8; w++) {
        String worker = "t" + w;
        workers.add(pool.submit(() -> {
          for (int i = 0; i < TOTAL / 8; i++) {
            String holder = worker + "-" + i;
            lock.acquire(holder, "shared", Duration.ofSeconds(50), Duration.ofNanos(200_000));
            ContendingMain.criticalSection(dir.resolve("in-critical-section"), log, holder);
            if (lock.release("shared", holder) != StackLock.ReleaseResult.RELEASED) {
              ContendingMain.append(log, "LOST " + holder);
            }
          }
          return null;
        }));
      }
      for (Future<?> f : workers) {
        f.get(55, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertStrictlyAlternating(log);
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void fourJvmsNeverHoldTheLockTogether() throws Exception {
    Path log = dir.resolve("log");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<Process> processes = new ArrayList<>();
    for (int w = 0; w < 4; w++) {
      ProcessBuilder pb = new ProcessBuilder(
          java.toString(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
          "-cp", System.getProperty("java.class.path"),
          ContendingMain.class.getName(),
          dir.toString(), "shared", "p" + w, Integer.toString(TOTAL / 4), log.toString(), "500");
      pb.redirectErrorStream(true);
      pb.redirectOutput(dir.resolve("worker-" + w + ".out").toFile());
      processes.add(pb.start());
    }
    for (int w = 0; w < processes.size(); w++) {
      Process p = processes.get(w);
      boolean done = p.waitFor(80, TimeUnit.SECONDS);
      if (!done) {
        processes.forEach(Process::destroyForcibly);
      }
      assertThat(done).as("worker %d finished", w).isTrue();
      assertThat(p.exitValue()).as("worker %d exit code; output: %s", w,
          Files.readString(dir.resolve("worker-" + w + ".out"))).isZero();
    }
    assertStrictlyAlternating(log);
  }

  /** Every enter is followed by the exit of the same holder, and there were TOTAL of them. */
  private static void assertStrictlyAlternating(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    assertThat(lines).noneMatch(l -> l.startsWith("OVERLAP") || l.startsWith("LOST"));
    assertThat(lines).hasSize(2 * TOTAL);
    for (int i = 0; i < lines.size(); i += 2) {
      String enter = lines.get(i);
      assertThat(enter).startsWith("enter ");
      assertThat(lines.get(i + 1)).isEqualTo("exit " + enter.substring("enter ".length()));
    }
  }
}
