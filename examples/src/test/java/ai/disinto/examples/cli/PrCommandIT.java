package ai.disinto.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.testkit.forgejo.MockForgejo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shaded jar runs {@code disinto pr …} as scripts call it, against the mock Forgejo. */
class PrCommandIT {
  @TempDir Path root;

  @Test
  void createFindMergeAndWalkWorkFromTheJar() {
    try (MockForgejo forge = MockForgejo.start()) {
      forge.seed().user("o", "pw-o").user("dev-bot", u -> u.password("pw").token("tok-dev"))
          .user("review-bot", u -> u.password("pw").token("tok-review"));
      forge.seed().repo("o/r", r -> r.collaborator("dev-bot", "write")
          .collaborator("review-bot", "write"));
      forge.seed().branch("o/r", "fix/issue-7", "main");
      forge.pushBranch("o/r", "fix/issue-7", null);
      DisintoProcess p = new DisintoProcess()
          .env("FACTORY_ROOT", root.toString())
          .env("FORGE_URL", forge.baseUrl())
          .env("FORGE_REPO", "o/r")
          .env("FORGE_TOKEN", "tok-dev")
          .env("PRIMARY_BRANCH", "main")
          .env("WOODPECKER_REPO_ID", "0");

      DisintoProcess.Result created = p.run("pr", "create", "fix/issue-7", "Fix 7", "Fixes #7");
      DisintoProcess.Result found = p.run("pr", "find", "fix/issue-7");

      assertThat(created.exitCode()).as(created.stderr()).isZero();
      assertThat(created.stdout()).matches("[0-9]+");
      assertThat(created.stderr()).contains("pr-lifecycle: created PR #" + created.stdout());
      assertThat(found.stdout()).isEqualTo(created.stdout());

      long pr = Long.parseLong(created.stdout());
      String sha = forge.seed().headSha("o/r", pr);
      forge.seed().comment("o/r", pr, "review-bot",
          "<!-- reviewed: " + sha + " -->\n### Verdict\n**APPROVE** — fine");
      DisintoProcess.Result walk = p.run("pr", "walk", created.stdout(), "", root.toString(),
          "--agent-cmd", "false", "--review-interval", "0.01", "--vars");

      assertThat(walk.exitCode()).as(walk.stderr()).isZero();
      assertThat(walk.stdout()).isEqualTo("_PR_WALK_EXIT_REASON=merged\n");
      assertThat(p.run("pr", "is-merged", created.stdout()).exitCode()).isZero();
      assertThat(p.run("pr", "merge", created.stdout(), "--vars").stdout())
          .isEqualTo("_PR_MERGE_ERROR=\n");
      assertThat(p.run("pr", "phase-prompt", "fix/issue-7").stdout())
          .startsWith("## Git workflow\n").endsWith("4. Push with --force-with-lease.\n");
    }
  }
}
