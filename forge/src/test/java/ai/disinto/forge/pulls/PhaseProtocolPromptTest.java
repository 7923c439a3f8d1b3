package ai.disinto.forge.pulls;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.forge.client.ForgeClient;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** build_phase_protocol_prompt (pr-lifecycle 32): the text is a format callers embed verbatim. */
class PhaseProtocolPromptTest {
  private static final String EXPECTED = """
      ## Git workflow

      After implementing changes:
      1. Stage and commit with a descriptive message.
      2. Rebase on the target branch before pushing:
         git fetch origin main && git rebase origin/main
      3. Push your branch:
         git push origin fix/issue-7
         If rejected, use: git push --force-with-lease origin fix/issue-7

      If you encounter rebase conflicts:
      1. Resolve conflicts in the affected files.
      2. Stage resolved files: git add <files>
      3. Continue rebase: git rebase --continue
      4. Push with --force-with-lease.""";

  @Test
  @DisplayName("case 32: the prompt is the original's text with branch, remote and base")
  void promptIsTheOriginalTextWithSubstitutions() {
    assertThat(PullRequests.phaseProtocolPrompt("fix/issue-7", "origin", "main"))
        .isEqualTo(EXPECTED);
  }

  @Test
  void promptHasNoFinalNewline() {
    assertThat(PullRequests.phaseProtocolPrompt("b", "r", "p")).doesNotEndWith("\n");
  }

  @Test
  void instancePromptUsesTheConfiguredRemoteAndBase() {
    PullRequests prs = PullRequests.builder(ForgeClient.builder().repo("o/r").build())
        .config(PullsConfig.defaults().withRemote("forge").withPrimaryBranch("master"))
        .build();

    assertThat(prs.phaseProtocolPrompt("fix/issue-8"))
        .contains("   git fetch forge master && git rebase forge/master\n")
        .contains("   git push forge fix/issue-8\n")
        .contains("git push --force-with-lease forge fix/issue-8\n");
  }
}
