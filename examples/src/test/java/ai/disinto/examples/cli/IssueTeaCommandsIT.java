package ai.disinto.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.testkit.forgejo.MockForgejo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jar as a process runs {@code issue} and {@code tea} against a mock Forgejo in this JVM. */
class IssueTeaCommandsIT {
  @Test
  void scriptFilesClaimsChecksAndBlocksAnIssue(@TempDir Path root) {
    try (MockForgejo m = MockForgejo.start()) {
      m.seed().user("dev-bot", u -> u.token("tok-dev-bot"));
      m.seed().repo("o/r", r -> r.collaborator("dev-bot", "write"));
      m.seed().label("o/r", "backlog", "#0075ca");
      DisintoProcess p = new DisintoProcess()
          .env("FORGE_URL", m.baseUrl())
          .env("FORGE_REPO", "o/r")
          .env("FORGE_TOKEN", "tok-dev-bot")
          .env("FACTORY_ROOT", root.toString())
          .env("LOG_AGENT", "dev");

      DisintoProcess.Result filed = p.run("tea", "file-issue", "Add X", "Depends on #99", "backlog");
      String number = filed.stdout().trim();
      DisintoProcess.Result claim = p.run("issue", "claim", number);
      DisintoProcess.Result deps = p.run("issue", "check-deps", "--vars", number);
      DisintoProcess.Result block = p.run("issue", "block", number, "no_push");
      DisintoProcess.Result secret = p.run("tea", "comment", number, "TOKEN=abcdefghijklmnopqrstuvwxyz");

      assertThat(filed.exitCode()).as(filed.stderr()).isZero();
      assertThat(number).isEqualTo("1");
      assertThat(claim.exitCode()).as(claim.stderr()).isZero();
      assertThat(claim.stdout()).isEmpty();
      assertThat(claim.stderr()).contains("dev: issue-lifecycle: claimed issue #1");
      assertThat(deps.exitCode()).isEqualTo(1);
      assertThat(deps.stdout()).isEqualTo("_ISSUE_BLOCKED_BY=99\n_ISSUE_SUGGESTION=\n");
      assertThat(block.exitCode()).isZero();
      assertThat(secret.exitCode()).isEqualTo(4);
      assertThat(m.journal()).filteredOn(q -> q.method().equals("POST")
              && q.apiPath().equals("/repos/o/r/issues/1/comments")).singleElement()
          .satisfies(q -> assertThat(q.body()).contains("### Blocked — issue #1"));
      assertThat(m.journal()).filteredOn(q -> q.apiPath().equals("/repos/o/r/labels")
          && q.method().equals("POST")).extracting(q -> q.body())
          .containsExactly("{\"name\":\"in-progress\",\"color\":\"#1d76db\"}",
              "{\"name\":\"blocked\",\"color\":\"#e11d48\"}");
    }
  }
}
