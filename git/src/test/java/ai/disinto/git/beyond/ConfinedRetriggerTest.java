package ai.disinto.git.beyond;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.forge.pulls.RetriggerResult;
import ai.disinto.git.push.GitCliRetrigger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library's own push of an agent's branch refuses refs outside the namespace; dry runs. */
class ConfinedRetriggerTest {
  @TempDir Path tmp;
  private Path bare;
  private Path work;

  @BeforeEach
  void repos() throws Exception {
    bare = tmp.resolve("origin.git");
    work = Files.createDirectories(tmp.resolve("work"));
    git(tmp, "init", "-q", "--bare", "-b", "main", bare.toString());
    git(work, "init", "-q", "-b", "main");
    git(work, "commit", "-q", "--allow-empty", "-m", "root");
    git(work, "remote", "add", "origin", bare.toString());
    git(work, "push", "-q", "origin", "main");
  }

  private Map<String, String> env(String... kv) {
    Map<String, String> env = new HashMap<>(Map.of("HOME", tmp.toString(),
        "GIT_AUTHOR_NAME", "a", "GIT_AUTHOR_EMAIL", "a@x.invalid", "GIT_COMMITTER_NAME", "a",
        "GIT_COMMITTER_EMAIL", "a@x.invalid"));
    for (int i = 0; i < kv.length; i += 2) {
      env.put(kv[i], kv[i + 1]);
    }
    return env;
  }

  @Test
  void aBranchOutsideTheNamespaceIsNotPushed() throws Exception {
    git(work, "checkout", "-q", "-b", "feature");

    RetriggerResult r = new GitCliRetrigger(env("DISINTO_CONFINE_PUSHES", "1"))
        .retrigger(work, "origin", "main");

    assertThat(r.exitStatus()).isEqualTo(1);
    assertThat(r.output()).startsWith("BLOCKED: agents may push only to branches under fix/")
        .contains("'feature'");
    assertThat(git(bare, "branch", "--list")).doesNotContain("feature");
  }

  @Test
  void aBranchInsideIsPushedAndADryRunPushesNothing() throws Exception {
    git(work, "checkout", "-q", "-b", "fix/issue-1");

    RetriggerResult dry = new GitCliRetrigger(env("DISINTO_CONFINE_PUSHES", "1",
        "DISINTO_DRY_RUN", "1")).retrigger(work, "origin", "main");
    assertThat(dry.exitStatus()).as(dry.output()).isZero();
    assertThat(git(bare, "branch", "--list")).doesNotContain("fix/issue-1");

    RetriggerResult r = new GitCliRetrigger(env("DISINTO_CONFINE_PUSHES", "1"))
        .retrigger(work, "origin", "main");
    assertThat(r.exitStatus()).as(r.output()).isZero();
    assertThat(git(bare, "branch", "--list")).contains("fix/issue-1");
  }

  private static String git(Path dir, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=Dev",
        "-c", "user.email=dev@example.invalid", "-c", "commit.gpgsign=false"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("git %s: %s", List.of(args), out).isZero();
    return out;
  }
}
