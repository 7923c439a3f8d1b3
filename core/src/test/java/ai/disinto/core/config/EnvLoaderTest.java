package ai.disinto.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** env.sh configuration: acceptance cases 1–24 of spec/core.md (25–27 are in UrlValidatorTest). */
class EnvLoaderTest {
  @TempDir Path root;
  @TempDir Path home;

  /** A fake decryptor that is available and returns fixed text. */
  private static SopsDecryptor sopsReturning(String text) {
    return new SopsDecryptor() {
      @Override
      public boolean isAvailable() {
        return true;
      }

      @Override
      public String decryptDotenv(Path encFile) {
        return text;
      }
    };
  }

  private Map<String, String> env(String... kv) {
    Map<String, String> m = new HashMap<>();
    m.put("USER", "u");
    m.put("HOME", home.toString());
    m.put("PATH", "/opt/bin");
    for (int k = 0; k < kv.length; k += 2) {
      m.put(kv[k], kv[k + 1]);
    }
    return m;
  }

  private void dotenv(String text) throws IOException {
    Files.writeString(root.resolve(".env"), text);
  }

  private void envEnc() throws IOException {
    Files.writeString(root.resolve(".env.enc"), "ENC[opaque]");
  }

  private FactoryEnv load(Map<String, String> p) {
    return EnvLoader.load(EnvLoadOptions.of(root, p).withSops(SopsDecryptor.NONE));
  }

  private FactoryEnv load(Map<String, String> p, SopsDecryptor sops) {
    return EnvLoader.load(EnvLoadOptions.of(root, p).withSops(sops));
  }

  @Test
  @DisplayName("case 1: a plain .env beats the process environment")
  void plainDotenvBeatsTheProcessEnvironment() throws IOException {
    dotenv("FORGE_TOKEN=envfile\n");
    assertThat(load(env("FORGE_TOKEN", "preset")).forgeToken()).isEqualTo("envfile");
  }

  @Test
  @DisplayName("case 2: a non-empty FORGE_URL from the process survives .env")
  void forgeUrlFromTheProcessIsPreserved() throws IOException {
    dotenv("FORGE_URL=http://localhost:3000\n");
    FactoryEnv e = load(env("FORGE_URL", "http://forgejo:3000", "FORGE_REPO", "o/r"));
    assertThat(e.forgeUrl()).isEqualTo("http://forgejo:3000");
    assertThat(e.forgeApi()).isEqualTo("http://forgejo:3000/api/v1/repos/o/r");
  }

  @Test
  @DisplayName("case 3: an empty FORGE_URL in the process is not preserved")
  void emptyForgeUrlFromTheProcessIsNotPreserved() throws IOException {
    dotenv("FORGE_URL=http://myforge:3000\n");
    assertThat(load(env("FORGE_URL", "")).forgeUrl()).isEqualTo("http://myforge:3000");
  }

  @Test
  @DisplayName("case 4: FORGE_TOKEN_OVERRIDE beats .env and feeds the per-agent fallbacks")
  void tokenOverrideBeatsDotenvAndFeedsFallbacks() throws IOException {
    dotenv("FORGE_TOKEN=a\n");
    FactoryEnv e = load(env("FORGE_TOKEN_OVERRIDE", "ovr"));
    assertThat(e.forgeToken()).isEqualTo("ovr");
    assertThat(e.tokenFor(AgentIdentity.PLANNER)).isEqualTo("ovr");
    assertThat(e.tokenFor(AgentIdentity.ARCHITECT)).isEqualTo("ovr");
  }

  @Test
  @DisplayName("case 5: an empty .env value clears the process value and falls back")
  void emptyDotenvValueClearsAndFallsBack() throws IOException {
    dotenv("FORGE_TOKEN=t\nFORGE_PLANNER_TOKEN=\n");
    FactoryEnv e = load(env("FORGE_PLANNER_TOKEN", "x"));
    assertThat(e.getOrEmpty("FORGE_PLANNER_TOKEN")).isEqualTo("t");
  }

  @Test
  @DisplayName("case 6: the review token falls back to REVIEW_BOT_TOKEN only")
  void reviewTokenFallsBackToTheLegacyVariableOnly() {
    assertThat(load(env("REVIEW_BOT_TOKEN", "r")).tokenFor(AgentIdentity.REVIEW)).isEqualTo("r");
    assertThat(load(env("FORGE_TOKEN", "t")).tokenFor(AgentIdentity.REVIEW)).isEmpty();
  }

  @Test
  void everyOtherAgentTokenFallsBackToForgeToken() {
    FactoryEnv e = load(env("FORGE_TOKEN", "t", "FORGE_VAULT_TOKEN", "v"));
    assertThat(e.tokenFor(AgentIdentity.DEV)).isEqualTo("t");
    assertThat(e.tokenFor(AgentIdentity.VAULT)).isEqualTo("v");
    for (AgentIdentity who : List.of(AgentIdentity.PLANNER, AgentIdentity.GARDENER,
        AgentIdentity.SUPERVISOR, AgentIdentity.PREDICTOR, AgentIdentity.ARCHITECT)) {
      assertThat(e.tokenFor(who)).as(who.name()).isEqualTo("t");
    }
  }

  @Test
  @DisplayName("case 7: container mode skips .env and moves logs to $HOME/data/logs")
  void containerModeSkipsDotenvAndCreatesLogDirectories() throws IOException {
    dotenv("FORGE_TOKEN=e\n");
    FactoryEnv e = load(env("DISINTO_CONTAINER", "1", "FORGE_TOKEN", "c"));
    assertThat(e.containerMode()).isTrue();
    assertThat(e.forgeToken()).isEqualTo("c");
    assertThat(e.logDir()).isEqualTo(home.resolve("data/logs"));
    assertThat(e.dataDir()).contains(home.resolve("data"));
    assertThat(e.getOrEmpty("DISINTO_LOG_DIR")).isEqualTo(home.resolve("data/logs").toString());
    for (String sub : EnvLoader.LOG_SUBDIRECTORIES) {
      assertThat(home.resolve("data/logs").resolve(sub)).isDirectory();
    }
    assertThat(EnvLoader.LOG_SUBDIRECTORIES).hasSize(12);
  }

  @Test
  @DisplayName("case 7: container paths follow HOME (no directories created when asked not to)")
  void containerPathsFollowHomeWithoutCreatingDirectories() {
    Map<String, String> p = env("DISINTO_CONTAINER", "1", "HOME", "/h");
    FactoryEnv e = EnvLoader.load(new EnvLoadOptions(root, p, SopsDecryptor.NONE, false));
    assertThat(e.logDir()).isEqualTo(Path.of("/h/data/logs"));
    assertThat(e.dataDir()).contains(Path.of("/h/data"));
    assertThat(e.asMap()).doesNotContainKey("DISINTO_DATA_DIR");
  }

  @Test
  @DisplayName("case 8: only the exact value 1 enables container mode")
  void onlyTheExactValueOneEnablesContainerMode() throws IOException {
    dotenv("FORGE_TOKEN=e\n");
    FactoryEnv e = load(env("DISINTO_CONTAINER", "true", "FORGE_TOKEN", "c"));
    assertThat(e.containerMode()).isFalse();
    assertThat(e.forgeToken()).isEqualTo("e");
    assertThat(e.logDir()).isEqualTo(root.toAbsolutePath().normalize());
    assertThat(e.dataDir()).isEmpty();
  }

  @Test
  @DisplayName("case 9: .env.enc wins when SOPS is available; only KEY= lines count")
  void encryptedDotenvWinsAndIsFiltered() throws IOException {
    envEnc();
    dotenv("FORGE_TOKEN=plain\nPLAIN_ONLY=1\n");
    FactoryEnv e = load(env(), sopsReturning("FORGE_TOKEN=enc\n# c\n\nexport X=1\nbad line\n"));
    assertThat(e.forgeToken()).isEqualTo("enc");
    assertThat(e.asMap()).doesNotContainKeys("X", "PLAIN_ONLY");
  }

  @Test
  void encryptedDotenvAlsoKeepsTheProcessForgeUrl() throws IOException {
    envEnc();
    FactoryEnv e = load(env("FORGE_URL", "http://forgejo:3000"),
        sopsReturning("FORGE_URL=http://localhost:3000\nFORGE_TOKEN=enc\n"));
    assertThat(e.forgeUrl()).isEqualTo("http://forgejo:3000");
  }

  @Test
  @DisplayName("case 10: without SOPS the plain .env is used")
  void withoutSopsThePlainDotenvIsUsed() throws IOException {
    envEnc();
    dotenv("FORGE_TOKEN=plain\n");
    FactoryEnv e = load(env());
    assertThat(e.forgeToken()).isEqualTo("plain");
    assertThat(e.warnings()).isEmpty();
  }

  @Test
  @DisplayName("case 11: a decryption failure is fatal and applies nothing")
  void decryptionFailureIsFatal() throws IOException {
    envEnc();
    dotenv("FORGE_TOKEN=plain\n");
    SopsDecryptor failing = new SopsDecryptor() {
      @Override
      public boolean isAvailable() {
        return true;
      }

      @Override
      public String decryptDotenv(Path encFile) {
        throw new EnvLoadException(SopsCli.DECRYPT_FAILED + " (sops exited with status 1)");
      }
    };
    assertThatThrownBy(() -> load(env(), failing))
        .isInstanceOf(EnvLoadException.class)
        .hasMessageContaining("failed to decrypt .env.enc — decryption failed, possible corruption");
  }

  @Test
  @DisplayName("case 12: decrypted output without assignments is fatal")
  void decryptedOutputWithoutAssignmentsIsFatal() throws IOException {
    envEnc();
    assertThatThrownBy(() -> load(env(), sopsReturning("# only\n# comments\n\n")))
        .isInstanceOf(EnvLoadException.class)
        .hasMessageContaining(".env.enc decryption output failed format validation");
  }

  @Test
  @DisplayName("case 13: defaults from an empty environment")
  void defaultsFromAnEmptyEnvironment() {
    FactoryEnv e = load(env());
    assertThat(e.forgeUrl()).isEqualTo("http://localhost:3000");
    assertThat(e.forgeApi()).isEqualTo("http://localhost:3000/api/v1/repos/");
    assertThat(e.forgeWeb()).isEqualTo("http://localhost:3000/");
    assertThat(e.asMap()).containsEntry("PROJECT_NAME", "").containsEntry("FORGE_OPS_REPO", "")
        .containsEntry("FORGE_REPO", "").containsEntry("WOODPECKER_REPO_ID", "")
        .containsEntry("FORGE_TOKEN", "");
    assertThat(e.projectName()).isEmpty();
    assertThat(e.primaryBranch()).isEqualTo("master");
    assertThat(e.forgeOpsRepo()).isEmpty();
    assertThat(e.woodpeckerServer()).isEqualTo("http://localhost:8000");
    assertThat(e.woodpeckerRepoId()).isEmpty();
    assertThat(e.claudeTimeout()).isEqualTo(Duration.ofSeconds(7200));
    assertThat(e.teaLogin()).isEqualTo("forgejo");
    assertThat(e.botUsernames()).containsExactly("dev-bot", "review-bot", "planner-bot",
        "gardener-bot", "vault-bot", "supervisor-bot", "predictor-bot", "architect-bot");
    assertThat(e.projectRepoRoot()).isEqualTo(Path.of("/home/u/"));
    assertThat(e.opsRepoRoot()).isEqualTo(Path.of("/home/u/-ops"));
    assertThat(e.factoryRoot()).isEqualTo(root.toAbsolutePath().normalize());
    assertThat(e.getOrEmpty("FACTORY_ROOT")).isEqualTo(e.factoryRoot().toString());
    assertThat(e.project()).isEmpty();
  }

  @Test
  @DisplayName("case 14: names derived from FORGE_REPO")
  void namesAreDerivedFromForgeRepo() {
    FactoryEnv e = load(env("FORGE_REPO", "owner/name"));
    assertThat(e.projectName()).isEqualTo("name");
    assertThat(e.projectRepoRoot()).isEqualTo(Path.of("/home/u/name"));
    assertThat(e.opsRepoRoot()).isEqualTo(Path.of("/home/u/name-ops"));
    assertThat(e.forgeOpsRepo()).isEqualTo("owner/name-ops");
    assertThat(e.forgeWeb()).isEqualTo("http://localhost:3000/owner/name");
  }

  @Test
  @DisplayName("case 15: TEA_LOGIN follows codeberg.org unless preset")
  void teaLoginIsDerivedFromTheForgeUrl() {
    assertThat(load(env("FORGE_URL", "https://codeberg.org")).teaLogin()).isEqualTo("codeberg");
    assertThat(load(env("FORGE_URL", "https://codeberg.org", "TEA_LOGIN", "mine")).teaLogin())
        .isEqualTo("mine");
  }

  @Test
  @DisplayName("case 16: vault-only tokens never reach the environment")
  void vaultOnlyTokensAreRemoved() throws IOException {
    dotenv("CLAWHUB_TOKEN=claw\n");
    FactoryEnv e = load(env("GITHUB_TOKEN", "gh"));
    assertThat(e.asMap()).doesNotContainKeys("GITHUB_TOKEN", "CLAWHUB_TOKEN");
    assertThat(e.childProcessEnv()).doesNotContainKeys("GITHUB_TOKEN", "CLAWHUB_TOKEN");
  }

  @Test
  @DisplayName("case 17: nonessential Claude traffic is always disabled")
  void nonessentialTrafficIsAlwaysDisabled() {
    FactoryEnv e = load(env("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "0"));
    assertThat(e.getOrEmpty("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC")).isEqualTo("1");
  }

  @Test
  @DisplayName("case 18: an inherited FORGE_API is kept when no TOML is loaded")
  void inheritedForgeApiIsKeptWithoutToml() {
    FactoryEnv e = load(env("FORGE_API", "http://x/api/v1/repos/a/b", "FORGE_REPO", "c/d"));
    assertThat(e.forgeApi()).isEqualTo("http://x/api/v1/repos/a/b");
  }

  @Test
  @DisplayName("case 19: a PROJECT_TOML that does not exist is ignored")
  void missingProjectTomlIsIgnored() {
    FactoryEnv e = load(env("PROJECT_TOML", "/nonexistent.toml"));
    assertThat(e.project()).isEmpty();
    assertThat(e.forgeUrl()).isEqualTo("http://localhost:3000");
  }

  @Test
  @DisplayName("case 20: an invalid PROJECT_TOML is fatal")
  void invalidProjectTomlIsFatal() throws IOException {
    Path toml = root.resolve("bad.toml");
    Files.writeString(toml, "name = \"x\n");
    assertThatThrownBy(() -> load(env("PROJECT_TOML", toml.toString())))
        .isInstanceOf(ProjectConfigException.class)
        .hasMessageContaining("failed to parse project TOML: " + toml);
  }

  @Test
  void aProjectTomlNamedInDotenvIsLoadedAndBeatsTheDefaults() throws IOException {
    Path toml = root.resolve("p.toml");
    Files.writeString(toml, "name = \"p\"\nrepo = \"o/p\"\nprimary_branch = \"main\"\n");
    dotenv("PROJECT_TOML=" + toml + "\n");
    FactoryEnv e = load(env());
    assertThat(e.project()).map(ProjectConfig::name).contains("p");
    assertThat(e.primaryBranch()).isEqualTo("main");
    assertThat(e.forgeApi()).isEqualTo("http://localhost:3000/api/v1/repos/o/p");
  }

  @Test
  @DisplayName("case 21: dotenv comments and quotes; $(…) stays literal with a warning")
  void dotenvCommentsAndQuotes() throws IOException {
    dotenv("A=http://x:3000   # note\nB='a b'\nC=\"c \\\"q\\\"\"\nD=a#b\nE=$(whoami)\n");
    FactoryEnv e = load(env());
    assertThat(e.asMap()).containsEntry("A", "http://x:3000").containsEntry("B", "a b")
        .containsEntry("C", "c \"q\"").containsEntry("D", "a#b").containsEntry("E", "$(whoami)");
    assertThat(e.warnings()).anySatisfy(w -> assertThat(w).contains("line 5").contains("E"));
  }

  @Test
  @DisplayName("case 22: dotenv duplicates and bad lines")
  void dotenvDuplicatesAndBadLines() throws IOException {
    dotenv("K=1\nK=2\nL=v extra\n");
    FactoryEnv e = load(env());
    assertThat(e.asMap()).containsEntry("K", "2").doesNotContainKey("L");
    assertThat(e.warnings()).anySatisfy(w -> assertThat(w).contains("line 3").contains("L"));
  }

  @Test
  void malformedDotenvIsAnErrorNamingFileLineAndKey() throws IOException {
    dotenv("A=1\nSECRET_TOKEN=\"abc\n");
    assertThatThrownBy(() -> load(env()))
        .isInstanceOf(EnvLoadException.class)
        .hasMessageContaining(root.resolve(".env").toString())
        .hasMessageContaining("line 2")
        .hasMessageContaining("SECRET_TOKEN")
        .hasMessageNotContaining("abc");
  }

  @Test
  @DisplayName("case 23: a missing USER falls back to the JVM user name")
  void missingUserFallsBackToTheJvmUserName() {
    Map<String, String> p = env("FORGE_REPO", "o/n");
    p.remove("USER");
    p.remove("HOME");
    FactoryEnv e = EnvLoader.load(new EnvLoadOptions(root, p, SopsDecryptor.NONE, false));
    String user = System.getProperty("user.name");
    assertThat(e.projectRepoRoot()).isEqualTo(Path.of("/home/" + user + "/n"));
    assertThat(e.getOrEmpty("HOME")).isEqualTo(System.getProperty("user.home"));
  }

  @Test
  @DisplayName("case 24: children get env.sh's PATH prefix")
  void childProcessPathHasThePrefix() {
    FactoryEnv e = load(env());
    String path = e.childProcessEnv().get("PATH");
    assertThat(path).startsWith(home + "/.local/bin:" + home + "/.foundry/bin:")
        .contains(":/usr/local/bin:/usr/bin:/bin:")
        .endsWith(":/opt/bin");
    assertThat(e.asMap().get("PATH")).isEqualTo("/opt/bin");
  }

  @Test
  void trailingSlashesAreStrippedFromTheForgeUrl() {
    FactoryEnv e = load(env("FORGE_URL", "http://f:3000/", "FORGE_REPO", "o/r"));
    assertThat(e.forgeUrl()).isEqualTo("http://f:3000");
    assertThat(e.forgeApi()).isEqualTo("http://f:3000/api/v1/repos/o/r");
    assertThat(e.forgeWeb()).isEqualTo("http://f:3000/o/r");
  }

  @Test
  void anInheritedFactoryRootIsIgnored() {
    FactoryEnv e = load(env("FACTORY_ROOT", "/somewhere/else"));
    assertThat(e.getOrEmpty("FACTORY_ROOT")).isEqualTo(root.toAbsolutePath().normalize().toString());
  }

  @Test
  void getTreatsEmptyAsAbsent() {
    FactoryEnv e = load(env("SOME", ""));
    assertThat(e.get("SOME")).isEmpty();
    assertThat(e.get("NOPE")).isEmpty();
    assertThat(e.getOrEmpty("NOPE")).isEmpty();
    assertThat(e.get("USER")).contains("u");
  }

  @Test
  void toStringShowsNoTokens() throws IOException {
    dotenv("FORGE_TOKEN=sekrit-dev\nFORGE_REVIEW_TOKEN=sekrit-review\n");
    FactoryEnv e = load(env());
    assertThat(e.toString()).doesNotContain("sekrit").contains("FactoryEnv");
  }

  @Test
  void theConfigurationIsImmutable() {
    FactoryEnv e = load(env());
    assertThatThrownBy(() -> e.asMap().put("FORGE_TOKEN", "x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aNonNumericClaudeTimeoutIsReportedWhenAsked() {
    FactoryEnv e = load(env("CLAUDE_TIMEOUT", "soon"));
    assertThatThrownBy(e::claudeTimeout).isInstanceOf(EnvLoadException.class)
        .hasMessageContaining("CLAUDE_TIMEOUT");
  }

  @Test
  void factoryEnvOfAppliesDefaultsWithoutReadingFiles() throws IOException {
    dotenv("FORGE_TOKEN=fromfile\n");
    FactoryEnv e = FactoryEnv.of(Map.of("FACTORY_ROOT", root.toString(), "USER", "u",
        "FORGE_REPO", "o/r", "FORGE_TOKEN", "t"));
    assertThat(e.forgeToken()).isEqualTo("t");
    assertThat(e.forgeApi()).isEqualTo("http://localhost:3000/api/v1/repos/o/r");
    assertThat(e.tokenFor(AgentIdentity.GARDENER)).isEqualTo("t");
  }
}
