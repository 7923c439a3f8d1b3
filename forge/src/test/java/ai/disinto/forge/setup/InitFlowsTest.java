package ai.disinto.forge.setup;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.forge.setup.ProtectionResult.Outcome;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.forgejo.MockForgejoExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The forge-side init chain: ops setup, protection of ops and project, hiring; run twice. */
@ExtendWith(MockForgejoExtension.class)
class InitFlowsTest {
  @TempDir
  Path tmp;

  @Test
  void theWholeChainTwiceWritesOnlyOnTheFirstRun(MockForgejo m) throws Exception {
    SetupWorld w = new SetupWorld(m, tmp.resolve("home"));
    m.seed().repo("disinto-admin/p", r -> r.collaborator("dev-bot", "write")
        .collaborator("gardener-bot", "write").collaborator("architect-bot", "write"));
    Path factory = tmp.resolve("factory");
    Files.createDirectories(factory.resolve("formulas"));
    Files.writeString(factory.resolve("formulas/dev.toml"), "[formula]\n");
    OpsSetup ops = new OpsSetup(w.admin(), new OpsSetup.Settings(m.baseUrl(), "main",
        Optional.empty(), w.adminGit()));
    HireAgent hire = new HireAgent(w.admin(), w.protection(), new HireAgent.Settings(factory,
        m.baseUrl(), "p", Optional.of("disinto-admin/p"), w.adminGit(), new SecureRandom(),
        Optional.empty(), u -> false));
    Runnable chain = () -> {
      String slug = ops.setup("disinto-admin/p-ops", tmp.resolve("ops")).actualSlug();
      assertThat(w.protection().setupVault(slug, "main").ok()).isTrue();
      assertThat(w.protection().setupProject("disinto-admin/p", "main").ok()).isTrue();
      hire.hire(HireRequest.of("dev-qwen2", "dev"));
    };
    chain.run();
    assertThat(w.protection().verify("disinto-admin/p-ops", "main", ProtectionProfile.VAULT)
        .ok()).isTrue();
    String env = Files.readString(factory.resolve(".env"));
    m.clearJournal();
    chain.run();
    assertThat(w.writes()).isEmpty();
    assertThat(Files.readString(factory.resolve(".env"))).isEqualTo(env);
    assertThat(w.protection().setupProject("disinto-admin/p", "main").outcome())
        .isEqualTo(Outcome.UNCHANGED);
  }
}
