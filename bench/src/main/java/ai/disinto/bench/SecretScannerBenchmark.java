package ai.disinto.bench;

import ai.disinto.core.secrets.SecretScanner;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code SecretScanner.defaults()} on what a factory scans before every issue body, comment and
 * log excerpt it posts: a clean 4 KB pull request body and a 64 KB CI log with three secrets.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SecretScannerBenchmark {
  private SecretScanner scanner;
  private String prBody;
  private String ciLog;

  /** Builds the texts once and checks that they are what the benchmark names claim. */
  @Setup
  public void setUp() {
    scanner = SecretScanner.defaults();
    prBody = Corpus.prBody4k();
    ciLog = Corpus.ciLog64k();
    if (!scanner.scan(prBody).clean()) {
      throw new IllegalStateException("the PR body must be clean");
    }
    if (scanner.scan(ciLog).clean()) {
      throw new IllegalStateException("the CI log must hold secrets");
    }
  }

  /** Scanning a clean 4 KB PR body (the common case: nothing found). */
  @Benchmark
  public SecretScanner.ScanResult scanCleanPrBody4k() {
    return scanner.scan(prBody);
  }

  /** Scanning a 64 KB CI log with three secrets. */
  @Benchmark
  public SecretScanner.ScanResult scanCiLog64k() {
    return scanner.scan(ciLog);
  }

  /** Redacting a clean 4 KB PR body (the text comes back unchanged). */
  @Benchmark
  public String redactCleanPrBody4k() {
    return scanner.redact(prBody);
  }

  /** Redacting a 64 KB CI log with three secrets. */
  @Benchmark
  public String redactCiLog64k() {
    return scanner.redact(ciLog);
  }
}
