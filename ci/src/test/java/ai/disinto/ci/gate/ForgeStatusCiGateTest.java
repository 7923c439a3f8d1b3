package ai.disinto.ci.gate;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.RetryPolicy;
import ai.disinto.forge.pulls.CommitState;
import ai.disinto.testkit.forgejo.Fault;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.forgejo.MockForgejoExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The forge-status gate against the mock Forgejo. */
@ExtendWith(MockForgejoExtension.class)
class ForgeStatusCiGateTest {
  private MockForgejo forge;
  private ForgeStatusCiGate gate;

  @BeforeEach
  void world(MockForgejo forge) {
    this.forge = forge;
    forge.seed().user("o", u -> u.password("pw").token("tok-o"));
    forge.seed().repo("o/r");
    ForgeClient c = ForgeClient.builder().baseUrl(forge.baseUrl()).repo("o/r").token("tok-o")
        .retryPolicy(RetryPolicy.none()).build();
    gate = new ForgeStatusCiGate(c, "");
  }

  @Test
  void onlyZeroMeansNoCi() {
    assertThat(gate.ciConfigured()).isTrue();
    assertThat(new ForgeStatusCiGate(ForgeClient.builder().build(), "0").ciConfigured()).isFalse();
  }

  @Test
  void docsOnlyPrsNeedNoCiButCodePrsDo() {
    long docs = forge.seed().pull("o/r", p -> p.head("d").file("docs/a.md", "x\n"));
    long code = forge.seed().pull("o/r", p -> p.head("c").file("src/A.java", "x\n"));

    assertThat(gate.ciRequiredForPr(docs)).isFalse();
    assertThat(gate.ciRequiredForPr(code)).isTrue();
    assertThat(ai.disinto.ci.helpers.CiService.hasCodeFiles(java.util.List.of("README.MD"))).isTrue();
    assertThat(ai.disinto.ci.helpers.CiService.hasCodeFiles(java.util.List.of("formulas/x.toml"))).isFalse();
  }

  @Test
  void unreadableFileListNeedsCi() {
    long pr = forge.seed().pull("o/r", p -> p.head("d").file("docs/a.md", "x\n"));
    forge.faults().add(Fault.on("GET", "/repos/o/r/pulls/*/files").withStatus(500));

    assertThat(gate.ciRequiredForPr(pr)).isTrue();
  }

  @Test
  void statusAndPipelineComeFromTheCombinedStatus() {
    String sha = forge.pushBranch("o/r", "b", null);
    assertThat(gate.commitStatus(sha)).isEqualTo(CommitState.UNKNOWN);
    forge.seed().status("o/r", sha, "ci/woodpecker", "failure", "http://ci/repos/2/pipeline/41/3");

    assertThat(gate.commitStatus(sha)).isEqualTo(CommitState.FAILURE);
    assertThat(gate.pipelineNumber(sha)).hasValue(41);
  }

  @Test
  void unreadableStatusIsEmpty() {
    forge.faults().add(Fault.on("GET", "/repos/o/r/commits/**").withStatus(502));

    assertThat(gate.commitStatus("abc")).isEqualTo(CommitState.UNKNOWN);
    assertThat(gate.pipelineNumber("abc")).isEmpty();
  }
}
