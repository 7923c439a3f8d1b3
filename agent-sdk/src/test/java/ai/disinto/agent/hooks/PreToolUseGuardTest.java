package ai.disinto.agent.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PreToolUseGuardTest {
  private static PreToolUseGuard.Builder base() {
    return PreToolUseGuard.builder().primaryBranch("main").worktree("/w/wt1")
        .factoryRoot("/srv/factory");
  }

  private static final PreToolUseGuard GUARD = base().build();

  private static HookOutcome check(PreToolUseGuard guard, String command) {
    return guard.evaluate(HookInput.parse(
        "{\"tool_name\":\"Bash\",\"tool_input\":{\"command\":" + jsonString(command) + "}}"));
  }

  private static String jsonString(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }

  private static void assertBlocked(PreToolUseGuard guard, String command, String rule) {
    HookOutcome o = check(guard, command);
    assertThat(o.blocked()).as("blocked: %s", command).isTrue();
    assertThat(o.rule()).as("rule of %s", command).contains(rule);
    assertThat(o.reason()).startsWith("BLOCKED: ");
  }

  private static void assertAllowed(PreToolUseGuard guard, String command) {
    HookOutcome o = check(guard, command);
    assertThat(o.blocked()).as("allowed: %s (%s)", command, o.reason()).isFalse();
    assertThat(o.reason()).isEmpty();
  }

  @Nested
  class ForcePush {
    @Test
    void forcePushOfPrimaryIsBlockedNamingTheBranch() {
      HookOutcome o = check(GUARD, "git push --force origin main");
      assertThat(o.rule()).contains("force-push");
      assertThat(o.reason()).contains("main");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "git push -f origin main", "git push --force-with-lease origin main",
        "git push --force-with-lease=main:abc123 origin main", "git push origin +main",
        "git push origin +HEAD:main", "git push -f origin HEAD:refs/heads/main",
        "git push -f origin HEAD:main", "git push origin :main", "git push origin --delete main",
        "git push -d origin main", "git push --mirror origin", "git push --all --force origin",
        "git -C /w/wt1 push -f origin main", "sudo git push -f origin main",
        "bash -c 'git push --force origin main'", "FOO=1 git push -uf origin main"})
    void everyWayOfRewritingPrimaryIsBlocked(String command) {
      assertBlocked(GUARD, command, "force-push");
    }

    @ParameterizedTest
    @ValueSource(strings = {"git push --force", "git push -f", "git push --force origin",
        "git push origin -f", "git push --force-with-lease origin"})
    void forcePushWithoutABranchIsBlocked(String command) {
      assertBlocked(GUARD, command, "force-push");
    }

    @ParameterizedTest
    @ValueSource(strings = {"git push --force-with-lease origin feature",
        "git push -f origin fix/main-thing", "git push --force origin fix/issue-12:fix/issue-12",
        "git push -f origin HEAD", "git push origin feature", "git push",
        "git commit -m 'do not git push --force origin main'"})
    void forcePushOfAFeatureBranchIsAllowed(String command) {
      assertAllowed(GUARD, command);
    }

    @Test
    void plainPushToPrimaryIsBlockedOutsideFormulaSessions() {
      assertBlocked(GUARD, "git push origin main", "push-primary");
      assertBlocked(GUARD, "git push origin HEAD:main", "push-primary");
      assertBlocked(GUARD, "git push origin HEAD:refs/heads/main", "push-primary");
      assertAllowed(base().sessionName("planner-proj").build(), "git push origin main");
    }

    @Test
    void forcePushOfPrimaryIsBlockedEvenForTheSupervisor() {
      assertBlocked(base().sessionName("supervisor-1").build(), "git push -f origin main", "force-push");
    }

    @Test
    void emptyPrimaryBranchMeansMain() {
      HookOutcome o = check(base().primaryBranch("").build(), "git push --force origin main");
      assertThat(o.rule()).contains("force-push");
      assertThat(o.reason()).contains("main");
    }

    @Test
    void anotherPrimaryBranchIsGuardedInstead() {
      PreToolUseGuard g = base().primaryBranch("trunk").build();
      assertBlocked(g, "git push -f origin trunk", "force-push");
      assertAllowed(g, "git push -f origin main");
    }
  }

  @Nested
  class RecursiveRemove {
    @Test
    void removingOutsideTheWorktreeIsBlockedNamingPathAndWorktree() {
      HookOutcome o = check(GUARD, "rm -rf /etc");
      assertThat(o.rule()).contains("rm-outside");
      assertThat(o.reason()).contains("/etc").contains("/w/wt1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rm -rf /", "rm -rf /*", "rm -fr /", "rm -Rf /etc", "rm -r -f /etc",
        "rm --recursive --force /etc", "rm -r /etc", "rm -rf /w/wt1/../../etc", "rm -rf ../other",
        "rm -rf /w/wt10", "rm -rf /w/wt1*", "rm -rf /dev", "rm -rf /tmp", "rm -rf /tmp/*",
        "rm -rf /srv/factory/tmp", "rm -rf $UNKNOWN/build", "rm -rf \"$X/\"", "rm -rf ~/x",
        "cd /etc && rm -rf ssl", "rm -rf -- /etc", "sudo rm -rf /etc", "echo $(rm -rf /etc)",
        "find . | xargs rm -rf /etc"})
    void removalsThatReachOutsideAreBlocked(String command) {
      assertBlocked(GUARD, command, "rm-outside");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rm -rf /w/wt1/build /tmp/x /dev/null", "rm -rf build/out",
        "rm -rf ./target", "rm -rf *", "rm -rf /w/wt1/*", "rm -rf /w/wt1", "rm -rf .",
        "cd sub && rm -rf out", "rm -f /etc/hosts.bak", "rm notes.txt",
        "rm -rf build && cat /etc/hosts", "git commit -m 'rm -rf /etc'"})
    void removalsInsideTheWorktreeAreAllowed(String command) {
      assertAllowed(GUARD, command);
    }

    @Test
    void relativePathsResolveAgainstTheSessionsWorkingDirectory() {
      HookOutcome o = GUARD.evaluate(HookInput.parse(
          "{\"tool_name\":\"Bash\",\"cwd\":\"/etc\",\"tool_input\":{\"command\":\"rm -rf ssl\"}}"));
      assertThat(o.rule()).contains("rm-outside");
      assertThat(o.reason()).contains("/etc/ssl");
    }

    @Test
    void knownVariablesResolve() {
      PreToolUseGuard g = base().variables(Map.of("WORKTREE", "/w/wt1", "HOME", "/home/agent")).build();
      assertAllowed(g, "rm -rf $WORKTREE/build");
      assertAllowed(g, "rm -rf \"${WORKTREE}/build\"");
      assertBlocked(g, "rm -rf ~/cache", "rm-outside");
    }

    @Test
    void factoryRootIsAllowedOnlyToFormulaSessions() {
      assertBlocked(GUARD, "rm -rf /srv/factory/tmp", "rm-outside");
      assertAllowed(base().sessionName("planner-proj").build(), "rm -rf /srv/factory/tmp");
      assertBlocked(base().sessionName("planner-proj").build(), "rm -rf /srv/factory-ops/x", "rm-outside");
    }

    @Test
    void withoutAWorktreeOnlyTheRootIsGuarded() {
      PreToolUseGuard g = base().worktree("").build();
      assertAllowed(g, "rm -rf /etc");
      assertBlocked(g, "rm -rf /", "rm-outside");
    }
  }

  @Nested
  class PhaseProtocol {
    @ParameterizedTest
    @ValueSource(strings = {"curl -X POST http://f/api/v1/repos/a/b/pulls/12/merge",
        "curl -X POST \"$FORGE_API/pulls/${PR}/merge\" -d '{\"Do\":\"merge\"}'",
        "tea pulls merge 12", "python3 -c \"import requests; requests.post('http://f/pulls/3/merge')\""})
    void mergeCallsAreBlocked(String command) {
      assertBlocked(GUARD, command, "merge-api");
    }

    @ParameterizedTest
    @ValueSource(strings = {"git commit -m \"/pulls/3/merge\"", "echo see /pulls/3/merge",
        "grep -r /pulls/3/merge docs", "curl http://f/api/v1/repos/a/b/pulls/12/merges"})
    void mentionsOfTheMergeRouteAreAllowed(String command) {
      assertAllowed(GUARD, command);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "curl -X PATCH http://f/api/v1/repos/a/b/issues/5 -d '{\"state\":\"closed\"}'",
        "curl -X PATCH \"$API/issues/$N\" -H 'Content-Type: application/json' -d '{\"state\": \"closed\"}'",
        "tea issues close 5"})
    void issueClosingIsBlocked(String command) {
      assertBlocked(GUARD, command, "issue-close");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "curl -X POST http://f/api/v1/repos/a/b/issues/5/comments -d '{\"body\":\"state closed\"}'",
        "git commit -m 'close /issues/5 state closed'"})
    void commentsMentioningClosedStateAreAllowed(String command) {
      assertAllowed(GUARD, command);
    }
  }

  @Nested
  class SwitchToPrimary {
    @ParameterizedTest
    @ValueSource(strings = {"git checkout main", "git switch main", "git switch --detach main",
        "git checkout refs/heads/main", "git checkout -B main", "git checkout --track origin/main",
        "echo hi\ngit checkout main", "git checkout main && git checkout -b x",
        "git -c core.x=y checkout -q main"})
    void switchingToPrimaryIsBlocked(String command) {
      assertBlocked(GUARD, command, "switch-primary");
    }

    @ParameterizedTest
    @ValueSource(strings = {"git checkout -b fix main", "git checkout main -- f.txt",
        "git checkout origin/main", "git checkout maintenance", "git switch -c fix main",
        "git checkout main f.txt", "git checkout -", "git commit -m 'git checkout main'"})
    void creatingFromOrRestoringFromPrimaryIsAllowed(String command) {
      assertAllowed(GUARD, command);
    }

    @Test
    void branchWithRegexCharactersIsMatchedLiterally() {
      PreToolUseGuard g = base().primaryBranch("release.1").build();
      assertAllowed(g, "git checkout releaseX1");
      assertBlocked(g, "git checkout release.1", "switch-primary");
    }
  }

  @Nested
  class FactoryRoot {
    @ParameterizedTest
    @ValueSource(strings = {"cat /srv/factory/AGENTS.md", "cd /srv/factory", "source /srv/factory/lib/env.sh",
        ". /srv/factory/lib/env.sh", "ls /srv/factory/", "grep -r x /srv/factory/lib | head",
        "sed -n 1p /srv/factory/x", "cat < /srv/factory/x", "git -C /srv/factory log",
        "cp --target-directory=/srv/factory/x a"})
    void touchingTheFactoryIsBlocked(String command) {
      assertBlocked(GUARD, command, "factory-root");
    }

    @ParameterizedTest
    @ValueSource(strings = {"cat /srv/factory-ops/x", "git commit -m 'see /srv/factory/AGENTS.md'",
        "echo /srv/factory", "cat /w/wt1/AGENTS.md"})
    void siblingsAndMentionsAreAllowed(String command) {
      assertAllowed(GUARD, command);
    }

    @Test
    void formulaSessionsAndFactoryWorktreesMayRead() {
      assertAllowed(base().sessionName("gardener-x").build(), "cat /srv/factory/AGENTS.md");
      assertAllowed(base().worktree("/srv/factory").build(), "cat /srv/factory/AGENTS.md");
      assertAllowed(base().worktree("/srv/factory/worktrees/a").build(), "cat /srv/factory/worktrees/a/x");
    }
  }

  @Nested
  class SystemCommands {
    @ParameterizedTest
    @ValueSource(strings = {"kill -9 123", "kill 5", "kill -TERM 123", "kill 123", "pkill node",
        "killall java", "docker rm x", "docker stop x", "docker kill x", "docker rmi x",
        "docker system prune", "docker container prune -f", "docker compose down",
        "tmux send-keys -t s x", "tmux kill-session -t s"})
    void systemManagementIsBlocked(String command) {
      assertBlocked(GUARD, command, "system-command");
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker ps", "docker logs x", "tmux ls", "echo kill -9 1",
        "git commit -m 'kill 5'"})
    void readingIsAllowed(String command) {
      assertAllowed(GUARD, command);
    }

    @Test
    void supervisorMayManageSystem() {
      assertAllowed(base().sessionName("supervisor-1").build(), "kill -9 123");
      assertBlocked(base().sessionName("planner-1").build(), "kill -9 123", "system-command");
    }
  }

  @Test
  void firstRuleWins() {
    assertThat(check(GUARD, "git push --force origin main && rm -rf /etc").rule()).contains("force-push");
  }

  @Test
  void inputsWithoutACommandAreAllowed() {
    for (String stdin : new String[] {"{\"tool_input\":{}}", "not json", "", "[1]",
        "{\"tool_name\":\"Bash\",\"tool_input\":{\"command\":\"\"}}"}) {
      assertThat(GUARD.evaluate(HookInput.parse(stdin)).blocked()).as(stdin).isFalse();
    }
  }

  @Test
  void unclosedQuotesDoNotHideACommand() {
    assertBlocked(GUARD, "git push -f origin main '", "force-push");
  }

  @Test
  void hereDocumentFedToAShellIsChecked() {
    assertBlocked(GUARD, "bash <<'EOF'\ngit push --force origin main\nEOF", "force-push");
    assertAllowed(GUARD, "cat > notes.md <<'EOF'\ngit push --force origin main\nEOF");
  }
}
