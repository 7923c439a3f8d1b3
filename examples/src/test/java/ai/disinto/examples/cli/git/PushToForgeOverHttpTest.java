package ai.disinto.examples.cli.git;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.core.process.ProcessResult;
import ai.disinto.core.process.ProcessRunner;
import ai.disinto.examples.cli.InProcess;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.forgejo.MockForgejoExtension;
import ai.disinto.testkit.forgejo.RecordedRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code disinto push-to-forge} over the mock forge's smart HTTP, as {@code disinto init} runs it. */
@ExtendWith(MockForgejoExtension.class)
class PushToForgeOverHttpTest {
  static final String PASS = "dev-bot-pw-88";
  @TempDir Path tmp;
  final Map<String, String> env = new HashMap<>();

  String git(Path dir, String... args) {
    List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString()));
    cmd.addAll(List.of(args));
    ProcessResult r = ProcessRunner.command(cmd).environment(env).run(Duration.ofMinutes(1));
    assertThat(r.succeeded()).as("git %s: %s", args, r.stderr()).isTrue();
    return r.stdout().strip();
  }

  @Test
  void aLocalProjectIsPushedAndVerified(MockForgejo m) throws IOException {
    m.seed().user("dev-bot", u -> u.password(PASS).token("tok-dev"))
        .repo("dev-bot/proj", r -> r.autoInit(false));
    env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("HOME", Files.createDirectories(tmp.resolve("home")).toString());
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    env.put("GIT_AUTHOR_NAME", "T");
    env.put("GIT_AUTHOR_EMAIL", "t@example.invalid");
    env.put("GIT_COMMITTER_NAME", "T");
    env.put("GIT_COMMITTER_EMAIL", "t@example.invalid");
    Path src = tmp.resolve("src");
    git(tmp, "init", "-q", "-b", "main", src.toString());
    Files.writeString(src.resolve("README"), "hi\n");
    git(src, "add", "README");
    git(src, "commit", "-q", "-m", "C1");
    git(src, "tag", "v1");
    env.put("FACTORY_ROOT", tmp.toString());
    env.put("FORGE_TOKEN", "tok-dev");
    env.put("FORGE_PASS", PASS);

    InProcess.Result r = InProcess.run(env, "", "push-to-forge", src.toString(), m.baseUrl(),
        "dev-bot/proj");

    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdout()).isEqualTo("Remote:  forgejo -> " + m.baseUrl() + "/dev-bot/proj.git\n"
        + "Pushing: branches to forgejo\nPushing: tags to forgejo\n"
        + "Verify:  repo is not empty (push confirmed)\n");
    assertThat(m.branchHead("dev-bot/proj", "main")).contains(git(src, "rev-parse", "HEAD"));
    assertThat(m.journal()).filteredOn(q -> q.path().endsWith("/git-receive-pack"))
        .isNotEmpty().extracting(RecordedRequest::principal).containsOnly("dev-bot");
    assertThat(r.stdout() + r.stderr()).doesNotContain(PASS);
    assertThat(git(src, "config", "--list")).doesNotContain(PASS);
  }
}
