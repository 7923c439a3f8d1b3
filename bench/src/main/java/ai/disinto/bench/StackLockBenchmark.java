package ai.disinto.bench;

import ai.disinto.core.lock.StackLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code StackLock} acquire and release of a free lock in a temporary directory (uncontended):
 * the price every agent pays around each run. Each operation takes the guard file's OS lock twice,
 * writes a temp file, claims the lock file atomically, reads it back on release and deletes it, so
 * it is file-system bound and the numbers depend on the temp dir's file system.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class StackLockBenchmark {
  private Path dir;
  private StackLock lock;

  /** Creates the temp dir and a lock that logs nothing. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("disinto-bench-lock");
    lock = StackLock.builder(dir).build();
  }

  /** Deletes the temp dir. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** Acquires the free lock (no waiting) and releases it as its holder. */
  @Benchmark
  public StackLock.ReleaseResult acquireAndRelease() {
    StackLock.Lease lease = lock.acquire("bench-agent", "harb", Duration.ZERO);
    return lock.release(lease.project(), lease.holder());
  }
}
