package ai.disinto.examples.cli.pr;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.examples.cli.InProcess;
import ai.disinto.testkit.forgejo.Fault;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.forgejo.MockForgejoExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** What the {@code disinto pr} subcommands share: clients that wait on the invocation's time. */
@ExtendWith(MockForgejoExtension.class)
class PrSubcommandTest {
  @TempDir Path root;

  private Map<String, String> env(MockForgejo forge) {
    forge.seed().user("dev-bot", u -> u.password("pw-dev").token("tok-dev"));
    forge.seed().repo("o/r", r -> r.collaborator("dev-bot", "write"));
    forge.seed().repo("o/ops", r -> r.collaborator("dev-bot", "write"));
    return Map.of("FACTORY_ROOT", root.toString(), "FORGE_URL", forge.baseUrl(),
        "FORGE_REPO", "o/r", "FORGE_TOKEN", "tok-dev", "PRIMARY_BRANCH", "main",
        "LOG_AGENT", "dev");
  }

  @Test
  void aClientForAnApiUrlRetriesOnTheInvocationsSleeper(MockForgejo forge) {
    Map<String, String> env = env(forge);
    long pr = forge.seed().pull("o/ops", p -> p.head("vault/req-1").author("dev-bot"));
    forge.faults().add(Fault.on("GET", "/repos/o/ops/pulls/main/**").times(1).withStatus(503));

    InProcess.Result r = InProcess.run(env, "", "pr", "find", "vault/req-1",
        forge.apiUrl() + "/repos/o/ops");

    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdout()).isEqualTo(Long.toString(pr));
    assertThat(r.sleeps()).singleElement()
        .satisfies(d -> assertThat(d).isBetween(Duration.ofMillis(400), Duration.ofMillis(600)));
  }

  @Test
  void theLifecycleWaitsOnTheInvocationsSleeper(MockForgejo forge) {
    Map<String, String> env = env(forge);
    long pr = forge.seed().pull("o/r", p -> p.head("fix/issue-7").author("dev-bot"));

    InProcess.Result r = InProcess.run(env, "", "pr", "poll-review", Long.toString(pr), "60", "30");

    assertThat(r.stderr()).contains("review timeout after 60s");
    assertThat(r.sleeps()).containsExactly(Duration.ofSeconds(30), Duration.ofSeconds(30));
  }

  @Test
  void anInvalidApiUrlExits1WithForgeApisErrorLine(MockForgejo forge) {
    InProcess.Result r = InProcess.run(env(forge), "", "pr", "find", "vault/req-1",
        "http://localhost/x $(id)");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stderr()).contains("FORGE_API validation failed - possible URL injection attempt");
    assertThat(forge.journal()).isEmpty();
  }
}
