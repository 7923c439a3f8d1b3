package ai.disinto.ci.setup;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.setup.EnvFile;
import ai.disinto.forge.setup.ForgeSetup;
import ai.disinto.forge.setup.ForgeSetupAdminCli;
import ai.disinto.forge.setup.ForgeSetupResult;
import ai.disinto.forge.setup.SetupCliResult;
import ai.disinto.forge.setup.SetupSecret;
import ai.disinto.testkit.forgejo.OriginalMockForgejo;
import ai.disinto.testkit.time.FakeTime;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The init sequence against the original's own stand-in, {@code tests/mock-forgejo.py} of disinto
 * at 41f0210abf (not in this repository): {@code mvn -pl ci -am verify -Dgroups=original
 * -Dtest.excludedGroups= -Dtest=OriginalMockForgejoTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Ddisinto.original.mockForgejo=/path/to/mock-forgejo.py} (or {@code
 * DISINTO_ORIGINAL_MOCK_FORGEJO}). The script has no Woodpecker and no web login, so the sequence
 * stops after the OAuth2 application. What it showed is in docs/mock-disagreements.md; with
 * {@code -Ddisinto.original.record=FILE} the run writes the requests it sent there.
 */
@Tag("original")
class OriginalMockForgejoTest {
  @TempDir Path root;

  @Test
  void theInitSequenceCompletesAgainstTheOriginalsMock() throws Exception {
    Path script = OriginalMockForgejo.locate().orElse(null);
    Assumptions.assumeTrue(script != null, "set " + OriginalMockForgejo.PROPERTY);
    try (OriginalMockForgejo mock = OriginalMockForgejo.start(script)) {
      ForgeSetupAdminCli cli = new ForgeSetupAdminCli() {
        @Override
        public boolean listUsers() {
          return true;
        }

        @Override
        public SetupCliResult createUser(String user, SetupSecret password, String email,
            boolean admin) {
          mock.createUser(user, password.reveal(), email, admin);
          return new SetupCliResult(0, "New user '" + user + "' has been successfully created!");
        }

        @Override
        public SetupCliResult changePassword(String user, SetupSecret password) {
          mock.changePassword(user);
          return new SetupCliResult(0, "");
        }
      };
      EnvFile env = EnvFile.inFactory(root);
      FakeTime time = new FakeTime();
      // The script answers HTTP/1.0 and closes every connection without saying so; a pooled
      // connection would be reused and a POST lost, so each request gets its own connection.
      ForgeClient client = ForgeClient.builder().baseUrl(mock.baseUrl()).sleeper(time)
          .httpClient(new OkHttpClient.Builder()
              .connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS)).build())
          .build();
      ForgeSetup setup = ForgeSetup.builder().envFile(env).adminCli(cli).sleeper(time)
          .clients(url -> client)
          .launcher((u, p) -> {
            throw new AssertionError("the script answers: nothing to start");
          }).build();

      ForgeSetupResult first = setup.run(mock.baseUrl(), "smoke-org/smoke-repo", false);
      CiSetup ci = new CiSetup(CiSetupSettings.of(mock.baseUrl(), first.devToken().reveal(),
          root.toString(), null), env, new CiSetupTest.FakeCrontab(), CronPrompt.none(), time,
          client);
      OAuthAppResult oauth = ci.createWoodpeckerOAuth();
      List<String> firstRun = mock.requests();
      byte[] envAfterFirst = Files.readAllBytes(root.resolve(".env"));

      ForgeSetupResult second = setup.run(mock.baseUrl(), "smoke-org/smoke-repo", false);
      OAuthAppResult oauth2 = ci.createWoodpeckerOAuth();
      List<String> secondRun = mock.requests().subList(firstRun.size(), mock.requests().size());

      assertThat(first.repoCreated()).isTrue();
      assertThat(first.humanToken()).isPresent();
      assertThat(oauth.created()).isTrue();
      assertThat(oauth2.created()).isFalse();
      assertThat(second.repoCreated()).isFalse();
      for (String k : List.of("FORGE_ADMIN_PASS", "FORGE_ADMIN_TOKEN", "HUMAN_TOKEN",
          "FORGE_TOKEN", "FORGE_PASS", "FORGE_TOKEN_LLAMA_NIGHTLY", "FORGE_URL",
          "WP_FORGEJO_CLIENT", "WP_FORGEJO_SECRET")) {
        assertThat(env.has(k)).as(k).isTrue();
      }
      // The script has no GET /user, so no stored token or password can be verified there and
      // the second run re-makes them; its tokens are a hash of user and name, so .env stays.
      assertThat(secondRun).anyMatch(r -> r.startsWith("POST /api/v1/users/dev-bot/tokens"));
      assertThat(Files.readAllBytes(root.resolve(".env"))).isEqualTo(envAfterFirst);

      String record = System.getProperty("disinto.original.record");
      if (record != null && !record.isBlank()) {
        List<String> out = new ArrayList<>();
        out.add("# first run");
        out.addAll(firstRun);
        out.add("# second run");
        out.addAll(secondRun);
        Files.write(Path.of(record), out, StandardCharsets.UTF_8);
      }
    }
  }
}
