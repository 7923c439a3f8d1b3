package ai.disinto.bench;

import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.RetryPolicy;
import ai.disinto.forge.client.model.Issue;
import ai.disinto.testkit.forgejo.MockForgejo;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code ForgeClient.getAll} listing 1,000 or 10,000 open issues (20 or 200 pages of 50) from an
 * in-process
 * {@link MockForgejo} over real HTTP on the loopback: what {@code forge_api_all} does when an
 * agent scans the backlog. It measures the client (paging, HTTP, JSON binding) together with the
 * mock's serving, so it is an upper bound on the client's own cost.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ForgeListingBenchmark {
  static final String REPO = "johba/harb";
  /** How many issues the mock holds: paging 10,000 should cost about 10 times 1,000. */
  @Param({"1000", "10000"})
  public int issues;
  static final String PATH = "/issues?state=open&type=issues";

  private MockForgejo forge;
  private ForgeClient client;

  /** Starts the mock, seeds the labelled issues and checks that one listing returns them all. */
  @Setup(Level.Trial)
  public void startForge() {
    forge = MockForgejo.start();
    forge.seed().user("dev-bot", u -> u.password("pw-dev").token("tok-bench"));
    forge.seed().repo(REPO, r -> r.collaborator("dev-bot", "write"));
    forge.seed().label(REPO, "backlog", "#0075ca");
    for (int i = 1; i <= issues; i++) {
      int n = i;
      forge.seed().issue(REPO, s -> s.title("Issue " + n).author("dev-bot").labels("backlog")
          .body("## Dependencies\n\n- #" + Math.max(1, n - 1) + "\n\nSome text for issue " + n));
    }
    client = ForgeClient.builder().baseUrl(forge.baseUrl()).repo(REPO).token("tok-bench")
        .retryPolicy(RetryPolicy.none()).build();
    int got = client.getAll(PATH, Issue.class).size();
    if (got != issues) {
      throw new IllegalStateException("listed " + got + " issues, expected " + issues);
    }
  }

  /** Empties the mock's request journal so it does not grow over the run. */
  @Setup(Level.Iteration)
  public void clearJournal() {
    forge.clearJournal();
  }

  /** Stops the mock. */
  @TearDown(Level.Trial)
  public void stopForge() {
    forge.close();
  }

  /** Lists every open issue, all pages (the name predates the 10,000 parameter). */
  @Benchmark
  public List<Issue> listThousandIssues() {
    return client.getAll(PATH, Issue.class);
  }
}
