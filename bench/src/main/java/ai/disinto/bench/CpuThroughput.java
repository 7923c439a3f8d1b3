package ai.disinto.bench;

import ai.disinto.core.deps.DependencyParser;
import ai.disinto.core.secrets.SecretScanner;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.Consumer;

/**
 * Throughput of the in-process text tools in MB/s of the calling thread's CPU time, on the
 * {@link Corpus} texts the JMH benchmarks use. On a machine shared with other work, JMH's wall-clock
 * scores fall with the load; CPU time counts only the cycles this thread got, which is what "on one
 * core" means. Run: {@code java -cp bench/target/benchmarks.jar ai.disinto.bench.CpuThroughput}.
 */
public final class CpuThroughput {
  private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

  private CpuThroughput() {}

  /**
   * Warms up, then measures each operation for about two seconds of CPU time.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    SecretScanner scanner = SecretScanner.defaults();
    String ciLog = Corpus.ciLog64k();
    String prBody = Corpus.prBody4k();
    String epic = Corpus.issueBodyLarge();
    String issue = Corpus.issueBodyTypical();
    for (int round = 0; round < 2; round++) {
      boolean report = round == 1;
      measure(report, "secrets scan, CI log 64 KB", ciLog, scanner::scan);
      measure(report, "secrets redact, CI log 64 KB", ciLog, scanner::redact);
      measure(report, "secrets scan, PR body 4 KB", prBody, scanner::scan);
      measure(report, "secrets redact, PR body 4 KB", prBody, scanner::redact);
      measure(report, "parse-deps, epic 64 KB", epic, t -> DependencyParser.parse(t, 400));
      measure(report, "parse-deps, issue 1.5 KB", issue, t -> DependencyParser.parse(t, 400));
    }
  }

  private static void measure(boolean report, String name, String text, Consumer<String> op) {
    long budget = 2_000_000_000L;
    long start = MX.getCurrentThreadCpuTime();
    long ops = 0;
    long used;
    do {
      for (int i = 0; i < 16; i++) {
        op.accept(text);
      }
      ops += 16;
      used = MX.getCurrentThreadCpuTime() - start;
    } while (used < budget);
    if (report) {
      double mbPerS = (double) ops * text.length() / (used / 1e9) / 1e6;
      System.out.printf("%-32s %8.1f MB/s  (%d ops, %.2f s CPU)%n", name, mbPerS, ops, used / 1e9);
    }
  }
}
