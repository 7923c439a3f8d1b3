package ai.disinto.bench;

import ai.disinto.core.deps.DependencyParser;
import java.util.List;
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
 * {@code DependencyParser.parse(body, self)}, run for every backlog issue each time a dev agent
 * looks for work: a typical 1.5 KB issue body and a 64 KB epic.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class DependencyParserBenchmark {
  private String typical;
  private String large;

  /** Builds the bodies once and checks that both hold dependencies. */
  @Setup
  public void setUp() {
    typical = Corpus.issueBodyTypical();
    large = Corpus.issueBodyLarge();
    if (DependencyParser.parse(typical, 400).isEmpty()
        || DependencyParser.parse(large, 400).isEmpty()) {
      throw new IllegalStateException("the bodies must hold dependencies");
    }
  }

  /** A typical issue body of about 1.5 KB. */
  @Benchmark
  public List<Long> parseTypicalBody() {
    return DependencyParser.parse(typical, 400);
  }

  /** A 64 KB epic body. */
  @Benchmark
  public List<Long> parseLargeBody64k() {
    return DependencyParser.parse(large, 400);
  }
}
