package ai.disinto.agent.beyond;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.agent.hooks.HookOutcome;
import ai.disinto.agent.hooks.PreToolUseGuard;
import ai.disinto.git.push.PushNamespace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PreToolUse guard confines pushes to the configured branch namespace. */
class ConfinedPushGuardTest {
  @TempDir Path tmp;

  private PreToolUseGuard guard(String session) {
    return PreToolUseGuard.builder().primaryBranch("main").worktree(tmp.toString())
        .sessionName(session).pushNamespace(PushNamespace.defaults()).build();
  }

  @Test
  void aPushInsideTheNamespaceIsAllowed() {
    PreToolUseGuard g = guard("dev-p-1");
    for (String c : List.of("git push origin fix/issue-7", "git push -u origin fix/issue-7",
        "git push --force-with-lease origin fix/issue-7", "git push origin HEAD:fix/issue-7",
        "git push origin refs/heads/fix/x:refs/heads/fix/x")) {
      assertThat(g.evaluateCommand(c, "").blocked()).as(c).isFalse();
    }
  }

  @Test
  void aPushOutsideTheNamespaceIsRefusedNamingIt() {
    PreToolUseGuard g = guard("dev-p-1");
    for (String c : List.of("git push origin feature", "git push origin HEAD:release",
        "git push origin fix/issue-7:hotfix", "git push origin v1.0", "git push --all origin",
        "cd /tmp && git push origin fix/", "git push origin fix/a feature")) {
      HookOutcome o = g.evaluateCommand(c, "");
      assertThat(o.blocked()).as(c).isTrue();
      assertThat(o.rule()).as(c).contains("push-namespace");
      assertThat(o.reason()).startsWith("BLOCKED: agents may push only to branches under fix/");
    }
  }

  @Test
  void aPushOfHeadIsJudgedByTheCheckedOutBranch() throws Exception {
    Files.createDirectories(tmp.resolve(".git"));
    Files.writeString(tmp.resolve(".git/HEAD"), "ref: refs/heads/experiment\n");
    assertThat(guard("dev-p-1").evaluateCommand("git push origin HEAD", "").rule())
        .contains("push-namespace");
    assertThat(guard("dev-p-1").evaluateCommand("git push", "").rule())
        .contains("push-namespace");
    Files.writeString(tmp.resolve(".git/HEAD"), "ref: refs/heads/fix/issue-3\n");
    assertThat(guard("dev-p-1").evaluateCommand("git push origin HEAD", "").blocked()).isFalse();
  }

  @Test
  void aFormulaSessionMayStillPushThePrimaryBranch() {
    assertThat(guard("gardener-p").evaluateCommand("git push origin main", "").blocked())
        .isFalse();
    assertThat(guard("gardener-p").evaluateCommand("git push origin other", "").rule())
        .contains("push-namespace");
  }

  @Test
  void notConfinedByDefault() {
    PreToolUseGuard g = PreToolUseGuard.builder().worktree(tmp.toString()).build();
    assertThat(g.evaluateCommand("git push origin feature", "").blocked()).isFalse();
  }

  @Test
  void theEnvironmentTurnsConfinementOnWithItsNamespaces() {
    assertThat(PushNamespace.fromEnv(Map.of())).isEmpty();
    assertThat(PushNamespace.fromEnv(Map.of("DISINTO_CONFINE_PUSHES", "1")).orElseThrow()
        .prefixes()).containsExactly("fix/");
    PushNamespace ns = PushNamespace.fromEnv(Map.of("DISINTO_CONFINE_PUSHES", "yes",
        "DISINTO_PUSH_NAMESPACE", "fix/, chore/")).orElseThrow();
    assertThat(ns.allows("chore/deps")).isTrue();
    assertThat(ns.allows("refs/heads/fix/1")).isTrue();
    assertThat(ns.allows("fix/")).isFalse();
    assertThat(ns.allows("main")).isFalse();
  }
}
