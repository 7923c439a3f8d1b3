package ai.disinto.ci.setup;

import ai.disinto.core.Sleeper;
import ai.disinto.forge.setup.EnvFile;
import ai.disinto.forge.setup.ForgeSetup;
import ai.disinto.forge.setup.ForgeSetupAdminCli;
import ai.disinto.forge.setup.ForgeSetupResult;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The forge and CI part of {@code disinto init} in the original's order: forge setup, the OAuth2
 * application, (compose up,) the Woodpecker token and the repository activation.
 */
final class InitSequence {
  record Outcome(ForgeSetupResult forge, OAuthAppResult oauth, TokenResult token,
      ActivationResult activation) {}

  private InitSequence() {}

  static Outcome run(String forgeUrl, String woodpeckerUrl, String slug, Path root,
      ForgeSetupAdminCli cli, Sleeper sleeper, Runnable composeUp) {
    EnvFile env = EnvFile.inFactory(root);
    ForgeSetupResult f = ForgeSetup.builder().envFile(env).adminCli(cli).sleeper(sleeper)
        .launcher((url, port) -> {
          throw new AssertionError("the forge answers: nothing to start");
        }).build().run(forgeUrl, slug, false);
    CiSetupSettings settings = CiSetupSettings.of(forgeUrl, f.devToken().reveal(),
        root.toString(), woodpeckerUrl).withWoodpeckerHost(woodpeckerUrl);
    CiSetup ci = new CiSetup(settings, env, new CiSetupTest.FakeCrontab(), CronPrompt.none(),
        sleeper);
    OAuthAppResult oauth = ci.createWoodpeckerOAuth();
    composeUp.run();
    TokenResult token = ci.generateWoodpeckerToken(Optional.of(f.adminPassword()));
    ActivationResult act = ci.activateRepo(slug, token.token());
    return new Outcome(f, oauth, token, act);
  }
}
