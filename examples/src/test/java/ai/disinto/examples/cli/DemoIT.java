package ai.disinto.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.forge.client.ForgeAuth;
import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.model.Issue;
import ai.disinto.forge.client.model.PullRequest;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.forgejo.MockForgejoExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code disinto demo}, the README's main job, run as a process. */
@ExtendWith(MockForgejoExtension.class)
class DemoIT {
  @Test
  void demoAgainstAMockInThisJvmExitsZeroAndLeavesIssuesClosedAndPrsMerged(MockForgejo forge) {
    DisintoProcess.Result r = new DisintoProcess().run("demo", "--forge-url", forge.baseUrl());

    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdout()).contains("summary: 3/3 issues closed, 3/3 PRs merged");
    ForgeClient anonymous = ForgeClient.builder().baseUrl(forge.baseUrl()).repo("demo/widgets")
        .auth(new ForgeAuth.None()).build();
    List<Issue> issues = anonymous.getAll("/issues?state=all&type=issues", Issue.class);
    List<PullRequest> pulls = anonymous.getAll("/pulls?state=all", PullRequest.class);
    assertThat(issues).hasSize(3).allSatisfy(i -> assertThat(i.state()).isEqualTo("closed"));
    assertThat(pulls).hasSize(3).allSatisfy(p -> assertThat(p.merged()).isTrue());
  }

  @Test
  void demoOnItsEmbeddedMockExitsZeroWithOneLinePerStep() {
    DisintoProcess.Result r = new DisintoProcess().run("demo");

    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdout().lines().filter(l -> l.trim().startsWith("walk"))).hasSize(3);
    assertThat(r.stdout()).containsPattern("(?m)^summary: 3/3 issues closed, 3/3 PRs merged, 1 agent fix; \\d+ forge requests in \\d+ ms");
  }

  @Test
  void aRepositoryNameWithoutOwnerIsAUsageError() {
    DisintoProcess.Result r = new DisintoProcess().run("demo", "--repo", "widgets");

    assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(r.stderr()).contains("owner/name");
    assertThat(r.stdout()).isEmpty();
  }
}
