package ai.disinto.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.disinto.core.DisintoException;
import ai.disinto.testkit.forgejo.Fault;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.forgejo.MockForgejoExtension;
import ai.disinto.testkit.forgejo.RecordedRequest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The demo cycle against a mock Forgejo in this JVM, checked from the forge's side. */
@ExtendWith(MockForgejoExtension.class)
class FactoryDemoTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  private DemoReport run(MockForgejo forge) {
    return FactoryDemo.builder()
        .forgeUrl(forge.baseUrl())
        .out(new PrintStream(out, true, StandardCharsets.UTF_8))
        .build()
        .run();
  }

  private String output() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private static List<RecordedRequest> requests(MockForgejo forge, String method, String pathRegex) {
    return forge.journal().stream()
        .filter(r -> r.method().equals(method) && r.apiPath().matches(pathRegex))
        .toList();
  }

  @Test
  void worksOffTheBacklogLeavingEveryIssueClosedAndEveryPrMerged(MockForgejo forge) {
    DemoReport report = run(forge);

    assertThat(report.complete()).isTrue();
    assertThat(report.issues()).containsExactly(1L, 2L, 3L);
    assertThat(report.closedIssues()).containsExactlyInAnyOrder(1L, 2L, 3L);
    assertThat(report.mergedPulls()).hasSize(3).isEqualTo(report.pulls());
    // Each PR was merged through the API, and each issue closed by the dev bot.
    assertThat(requests(forge, "POST", "/repos/demo/widgets/pulls/\\d+/merge"))
        .extracting(RecordedRequest::status).containsExactly(200, 200, 200);
    assertThat(requests(forge, "PATCH", "/repos/demo/widgets/issues/\\d+"))
        .filteredOn(r -> r.body().contains("\"closed\""))
        .extracting(RecordedRequest::principal).containsOnly("dev-bot").hasSize(3);
    assertThat(output()).contains("summary: 3/3 issues closed, 3/3 PRs merged, 1 agent fix");
  }

  @Test
  void takesTheDependencyBeforeTheIssueThatWaitsOnIt(MockForgejo forge) {
    run(forge);

    List<String> claims = output().lines().filter(l -> l.trim().startsWith("claim")).toList();
    assertThat(claims).hasSize(3);
    assertThat(claims.get(0)).contains("#2");
    assertThat(claims.get(1)).contains("#3");
    assertThat(claims.get(2)).contains("#1");
  }

  @Test
  void theFlakyBranchFailsCiOnceAndTheAgentsFixIsWhatGetsMerged(MockForgejo forge) {
    DemoReport report = run(forge);

    assertThat(report.agentRuns()).isEqualTo(1);
    assertThat(output()).containsPattern("agent +#2 +answered \"CI failed on PR #\\d+ \\(attempt 1/3\\)\\.\"");
    // Two pipelines ran for the flaky branch: the failing one and the one after the fix.
    assertThat(requests(forge, "POST", "/repos/demo/widgets/statuses/[0-9a-f]+"))
        .filteredOn(r -> r.body().contains("\"failure\"")).hasSize(1);
  }

  @Test
  void everyWaitIsVirtualSoTheWalksTakeFactoryMinutesButNoRealTime(MockForgejo forge) {
    DemoReport report = run(forge);

    assertThat(report.virtual()).isGreaterThanOrEqualTo(java.time.Duration.ofMinutes(20));
    assertThat(report.real()).isLessThan(report.virtual());
  }

  @Test
  void aMergeTheForgeRefusesBlocksTheIssueAndTheRunReportsIncomplete(MockForgejo forge) {
    forge.faults().add(Fault.on("POST", "/repos/demo/widgets/pulls/*/merge")
        .withStatus(405).withBody("{\"message\":\"User not allowed to merge PR\"}"));

    DemoReport report = run(forge);

    assertThat(report.complete()).isFalse();
    assertThat(report.mergedPulls()).isEmpty();
    assertThat(output()).contains("merge_blocked").contains("blocked: merge_blocked");
    // The blocked issue got its diagnostic comment and the blocked label.
    assertThat(requests(forge, "POST", "/repos/demo/widgets/issues/2/comments"))
        .extracting(RecordedRequest::body).anySatisfy(b -> assertThat(b).contains("merge_blocked"));
  }

  @Test
  void refusesAForgeThatIsNotAMock(MockForgejo forge) {
    String notAMock = forge.apiUrl() + "/nothing-here";

    assertThatThrownBy(() -> FactoryDemo.builder().forgeUrl(notAMock).build().run())
        .isInstanceOf(DisintoException.class)
        .hasMessageContaining("/_mock/seed")
        .hasMessageContaining("mock Forgejo");
  }

  @Test
  void rejectsARepositoryThatIsNotOwnerSlashName() {
    assertThatThrownBy(() -> FactoryDemo.builder().repo("widgets"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("owner/name");
  }

  @Test
  void runsOnAnEmbeddedMockWhenNoForgeIsGiven() {
    DemoReport report = FactoryDemo.builder()
        .out(new PrintStream(out, true, StandardCharsets.UTF_8)).build().run();

    assertThat(report.complete()).isTrue();
    assertThat(output()).startsWith("disinto demo: 3 backlog issues in http://127.0.0.1:");
    assertThat(Map.of("forgeRequests", report.forgeRequests()))
        .hasEntrySatisfying("forgeRequests", n -> assertThat(n).isGreaterThan(50));
  }
}
