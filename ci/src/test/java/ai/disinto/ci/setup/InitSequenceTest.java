package ai.disinto.ci.setup;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.forge.setup.EnvFile;
import ai.disinto.forge.setup.SetupCliResult;
import ai.disinto.forge.setup.SetupSecret;
import ai.disinto.forge.setup.ForgeSetupAdminCli;
import ai.disinto.testkit.forgejo.MockAdminCli;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.forgejo.RecordedRequest;
import ai.disinto.testkit.time.FakeTime;
import ai.disinto.testkit.woodpecker.ForgeLogin;
import ai.disinto.testkit.woodpecker.MockWoodpecker;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitSequenceTest {
  @TempDir Path root;

  static ForgeSetupAdminCli cli(MockAdminCli mock) {
    return new ForgeSetupAdminCli() {
      @Override
      public boolean listUsers() {
        return mock.listUsers().ok();
      }

      @Override
      public SetupCliResult createUser(String user, SetupSecret password, String email,
          boolean admin) {
        MockAdminCli.Result r = mock.createUser(user, password.reveal(), email, admin);
        return new SetupCliResult(r.exitCode(), r.output());
      }

      @Override
      public SetupCliResult changePassword(String user, SetupSecret password) {
        MockAdminCli.Result r = mock.changePassword(user, password.reveal());
        return new SetupCliResult(r.exitCode(), r.output());
      }
    };
  }

  @Test
  void aSecondInitSendsOnlyReadsAndLeavesEnvByteIdentical() throws Exception {
    try (MockForgejo forge = MockForgejo.start(); MockWoodpecker wp = MockWoodpecker.start()) {
      FakeTime time = new FakeTime();
      EnvFile env = EnvFile.inFactory(root);
      Runnable composeUp = () -> wp.forgeLogin(new ForgeLogin(forge.baseUrl(),
          "http://forgejo:3000", wp.baseUrl(), env.get("WP_FORGEJO_CLIENT").orElseThrow(),
          env.get("WP_FORGEJO_SECRET").orElseThrow()));
      // Woodpecker fetches a repository it activates from the forge; the mock is told instead.
      InitSequence.Outcome first = InitSequence.run(forge.baseUrl(), wp.baseUrl(),
          "smoke-org/smoke-repo", root, cli(forge.admin()), time, () -> {
            composeUp.run();
            wp.addForgeRepo(repoId(forge, env.get("FORGE_TOKEN").orElseThrow()),
                "smoke-org/smoke-repo");
          });
      assertThat(first.token().outcome()).isEqualTo(TokenOutcome.GENERATED_PERSONAL);
      assertThat(first.activation().outcome()).isEqualTo(ActivationResult.Outcome.ACTIVATED);
      byte[] before = Files.readAllBytes(root.resolve(".env"));
      forge.clearJournal();
      wp.clearJournal();

      InitSequence.Outcome second = InitSequence.run(forge.baseUrl(), wp.baseUrl(),
          "smoke-org/smoke-repo", root, cli(forge.admin()), time, () -> {});

      assertThat(forge.journal()).isNotEmpty()
          .extracting(RecordedRequest::method).containsOnly("GET");
      assertThat(wp.journal()).extracting(r -> r.method()).containsOnly("GET");
      assertThat(Files.readAllBytes(root.resolve(".env"))).isEqualTo(before);
      assertThat(second.oauth().created()).isFalse();
      assertThat(second.token().outcome()).isEqualTo(TokenOutcome.ALREADY_SET);
      assertThat(second.activation().outcome()).isEqualTo(ActivationResult.Outcome.ALREADY_ACTIVE);
      assertThat(second.activation().repoId()).isEqualTo(first.activation().repoId());
    }
  }

  /** The forge's id of the project repository. */
  private static long repoId(MockForgejo forge, String token) {
    try {
      java.net.HttpURLConnection c = (java.net.HttpURLConnection) java.net.URI.create(
          forge.apiUrl() + "/repos/smoke-org/smoke-repo").toURL().openConnection();
      c.setRequestProperty("Authorization", "token " + token);
      String body = new String(c.getInputStream().readAllBytes(),
          java.nio.charset.StandardCharsets.UTF_8);
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"id\":(\\d+)")
          .matcher(body);
      if (!m.find()) {
        throw new AssertionError("no id in " + body);
      }
      return Long.parseLong(m.group(1));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
