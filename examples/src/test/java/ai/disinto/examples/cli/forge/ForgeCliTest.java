package ai.disinto.examples.cli.forge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.disinto.core.Sleeper;
import ai.disinto.core.config.FactoryEnv;
import ai.disinto.examples.cli.CliContext;
import ai.disinto.examples.cli.CliException;
import ai.disinto.forge.client.ForgeClient;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link ForgeCli#client}: one place that builds the CLI's forge clients. */
class ForgeCliTest {
  private static final FactoryEnv ENV = FactoryEnv.of(Map.of(
      "FORGE_URL", "http://forge.example:3000", "FORGE_REPO", "o/r", "FORGE_TOKEN", "tok"));

  private static CliContext ctx() {
    return new CliContext(new ByteArrayInputStream(new byte[0]),
        new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()),
        Map.of(), Path.of("."), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), d -> { });
  }

  @Test
  void anApiBaseReplacesTheRepositoryApiRoot() {
    ForgeClient c = ForgeCli.client(ENV, ctx(), "http://forge.example:3000/api/v1/repos/o/ops");

    assertThat(c.repoApi()).contains("http://forge.example:3000/api/v1/repos/o/ops");
  }

  @Test
  void anEmptyApiBaseIsTheConfiguredRepository() {
    assertThat(ForgeCli.client(ENV, ctx(), "").repoApi())
        .isEqualTo(ForgeCli.client(ENV, ctx()).repoApi())
        .contains("http://forge.example:3000/api/v1/repos/o/r");
  }

  @Test
  void anEmptyApiBaseKeepsAConfiguredForgeApi() {
    FactoryEnv env = FactoryEnv.of(Map.of("FORGE_URL", "http://forge.example:3000",
        "FORGE_API", "http://forge.example:3000/api/v1/repos/o/elsewhere", "FORGE_TOKEN", "t"));

    assertThat(ForgeCli.client(env, ctx(), "").repoApi())
        .contains("http://forge.example:3000/api/v1/repos/o/elsewhere");
  }

  @Test
  void anInvalidApiBaseExits1WithForgeApisErrorLine() {
    assertThatThrownBy(() -> ForgeCli.client(ENV, ctx(), "http://forge.example:3000/x;rm -rf"))
        .isInstanceOfSatisfying(CliException.class, e -> {
          assertThat(e.exitCode()).isEqualTo(1);
          assertThat(e.getMessage())
              .isEqualTo("ERROR: FORGE_API validation failed - possible URL injection attempt");
        });
  }
}
