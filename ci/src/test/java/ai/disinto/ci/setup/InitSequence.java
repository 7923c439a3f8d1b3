package ai.disinto.ci.setup;

import ai.disinto.core.Sleeper;
import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.setup.BranchProtection;
import ai.disinto.forge.setup.GitAccess;
import ai.disinto.forge.setup.HireAgent;
import ai.disinto.forge.setup.HireRequest;
import ai.disinto.forge.setup.HireResult;
import ai.disinto.forge.setup.OpsSetup;
import ai.disinto.forge.setup.OpsSetupResult;
import ai.disinto.forge.setup.ProtectionResult;
import ai.disinto.forge.setup.EnvFile;
import ai.disinto.forge.setup.ForgeSetup;
import ai.disinto.forge.setup.ForgeSetupAdminCli;
import ai.disinto.forge.setup.ForgeSetupResult;
import ai.disinto.git.GitAuth;
import ai.disinto.git.push.ForgePush;
import ai.disinto.git.push.PushResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The forge and CI part of {@code disinto init} in the original's order: forge setup, the ops
 * repository, branch protection of ops and project, hiring an agent, the OAuth2 application,
 * (compose up,) the Woodpecker token and the repository activation.
 */
final class InitSequence {
  record Outcome(ForgeSetupResult forge, OpsSetupResult ops, ProtectionResult vault,
      ProtectionResult project, HireResult hire, OAuthAppResult oauth, TokenResult token,
      ActivationResult activation) {}

  private InitSequence() {}

  static Outcome run(String forgeUrl, String woodpeckerUrl, String slug, Path root,
      ForgeSetupAdminCli cli, Sleeper sleeper, Runnable composeUp) {
    EnvFile env = EnvFile.inFactory(root);
    ForgeSetupResult f = ForgeSetup.builder().envFile(env).adminCli(cli).sleeper(sleeper)
        .launcher((url, port) -> {
          throw new AssertionError("the forge answers: nothing to start");
        }).build().run(forgeUrl, slug, false);
    ForgeClient admin = ForgeClient.builder().baseUrl(forgeUrl).token(f.adminToken().reveal())
        .sleeper(sleeper).build();
    Map<String, String> gitEnv = new LinkedHashMap<>();
    gitEnv.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    gitEnv.put("HOME", root.resolve("home").toString());
    gitEnv.put("GIT_CONFIG_NOSYSTEM", "1");
    GitAccess adminGit = GitAccess.of(gitEnv).withLogin(f.adminUser(), f.adminPassword().reveal());
    // disinto init pushes the project's checkout before it sets up ops and protection.
    Path project = root.resolve("project");
    if (!Files.isDirectory(project.resolve(".git"))) {
      git(project, gitEnv, "init", "-q", "-b", "main");
      git(project, gitEnv, "-c", "user.name=init", "-c", "user.email=init@invalid", "commit",
          "-q", "--allow-empty", "-m", "project");
    }
    PushResult pushed = new ForgePush(admin, sleeper).push(project, forgeUrl, slug,
        new GitAuth(f.adminUser(), f.adminPassword().reveal()));
    if (!pushed.succeeded()) {
      throw new AssertionError("project push: " + pushed);
    }
    OpsSetupResult ops = new OpsSetup(admin, new OpsSetup.Settings(forgeUrl, "main",
        Optional.empty(), adminGit)).setup(slug + "-ops", root.resolve("ops"));
    BranchProtection protection = new BranchProtection(admin, sleeper);
    ProtectionResult vault = protection.setupVault(ops.actualSlug(), "main");
    ProtectionResult projectRule = protection.setupProject(slug, "main");
    HireResult hire = new HireAgent(admin, protection, new HireAgent.Settings(root, forgeUrl,
        slug.substring(slug.indexOf('/') + 1), Optional.of(slug), adminGit, new SecureRandom(),
        Optional.empty(), u -> false)).hire(HireRequest.of("dev-qwen2", "dev"));
    CiSetupSettings settings = CiSetupSettings.of(forgeUrl, f.devToken().reveal(),
        root.toString(), woodpeckerUrl).withWoodpeckerHost(woodpeckerUrl);
    CiSetup ci = new CiSetup(settings, env, new CiSetupTest.FakeCrontab(), CronPrompt.none(),
        sleeper);
    OAuthAppResult oauth = ci.createWoodpeckerOAuth();
    composeUp.run();
    TokenResult token = ci.generateWoodpeckerToken(Optional.of(f.adminPassword()));
    ActivationResult act = ci.activateRepo(slug, token.token());
    return new Outcome(f, ops, vault, projectRule, hire, oauth, token, act);
  }

  private static void git(Path dir, Map<String, String> env, String... args) {
    try {
      Files.createDirectories(dir);
      List<String> cmd = new ArrayList<>(List.of("git"));
      cmd.addAll(List.of(args));
      ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
      pb.environment().clear();
      pb.environment().putAll(env);
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new AssertionError("git " + String.join(" ", args) + ": " + out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
