package ai.disinto.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** load-project.sh: acceptance cases 1–22 of spec/core.md. */
class ProjectConfigLoaderTest {
  static final String DISINTO_EXAMPLE = """
      # projects/disinto.toml.example
      name            = "disinto"
      repo            = "johba/disinto"
      ops_repo        = "disinto-admin/disinto-ops"
      forge_url       = "http://localhost:3000"
      repo_root       = "/home/YOU/dark-factory"
      ops_repo_root   = "/home/YOU/disinto-ops"
      primary_branch  = "main"

      [ci]
      woodpecker_repo_id = 0
      stale_minutes      = 60

      [services]
      containers = []

      [monitoring]
      check_prs            = true
      check_dev_agent      = true
      check_pipeline_stall = false

      # [agents.llama]
      #   base_url = "http://10.10.10.1:8081"

      # [mirrors]
      # github   = "git@github.com:johba/disinto.git"
      """;

  static final String HARB_EXAMPLE = """
      name            = "harb"
      repo            = "johba/harb"
      forge_url       = "http://localhost:3000"
      repo_root       = "/home/YOU/harb"
      primary_branch  = "master"

      [ci]
      woodpecker_repo_id = 0
      stale_minutes      = 60

      [services]
      containers = ["ponder"]

      [monitoring]
      check_prs            = true
      check_dev_agent      = true
      check_pipeline_stall = true
      """;

  @TempDir Path dir;
  private final List<String> warnings = new ArrayList<>();

  private Path toml(String text) throws IOException {
    Path p = dir.resolve("project.toml");
    Files.writeString(p, text);
    return p;
  }

  private Map<String, String> bareMetal(String text, String... kv) throws IOException {
    return applied(text, false, kv);
  }

  private Map<String, String> applied(String text, boolean container, String... kv)
      throws IOException {
    Map<String, String> env = new HashMap<>();
    for (int k = 0; k < kv.length; k += 2) {
      env.put(kv[k], kv[k + 1]);
    }
    ProjectConfigLoader.apply(ProjectConfigLoader.load(toml(text)), env, container, "u", warnings);
    return env;
  }

  @Test
  @DisplayName("case 1: the disinto example on bare metal")
  void disintoExampleOnBareMetal() throws IOException {
    Map<String, String> e = bareMetal(DISINTO_EXAMPLE);
    assertThat(e)
        .containsEntry("PROJECT_NAME", "disinto")
        .containsEntry("FORGE_REPO", "johba/disinto")
        .containsEntry("FORGE_OPS_REPO", "disinto-admin/disinto-ops")
        .containsEntry("FORGE_URL", "http://localhost:3000")
        .containsEntry("PROJECT_REPO_ROOT", "/home/YOU/dark-factory")
        .containsEntry("OPS_REPO_ROOT", "/home/YOU/disinto-ops")
        .containsEntry("PRIMARY_BRANCH", "main")
        .containsEntry("WOODPECKER_REPO_ID", "0")
        .containsEntry("CI_STALE_MINUTES", "60")
        .containsEntry("PROJECT_CONTAINERS", "")
        .containsEntry("CHECK_PRS", "true")
        .containsEntry("CHECK_DEV_AGENT", "true")
        .containsEntry("CHECK_PIPELINE_STALL", "false")
        .containsEntry("FORGE_API", "http://localhost:3000/api/v1/repos/johba/disinto")
        .containsEntry("FORGE_REPO_OWNER", "johba");
    assertThat(e.keySet()).noneMatch(k -> k.startsWith("MIRROR_") || k.startsWith("AGENT_"));
    assertThat(warnings).isEmpty();
  }

  @Test
  @DisplayName("case 2: the harb example's containers list")
  void harbExampleContainers() throws IOException {
    Map<String, String> e = bareMetal(HARB_EXAMPLE);
    assertThat(e).containsEntry("PROJECT_CONTAINERS", "ponder").containsEntry("PRIMARY_BRANCH", "master");
  }

  @Test
  @DisplayName("case 3: mirrors")
  void mirrors() throws IOException {
    Map<String, String> e = bareMetal("""
        [mirrors]
        github = "git@github.com:o/p.git"
        codeberg = "git@codeberg.org:o/p.git"
        """);
    assertThat(e)
        .containsEntry("MIRROR_GITHUB", "git@github.com:o/p.git")
        .containsEntry("MIRROR_CODEBERG", "git@codeberg.org:o/p.git")
        .containsEntry("MIRROR_NAMES", "github codeberg")
        .containsEntry("MIRROR_URLS", "git@github.com:o/p.git git@codeberg.org:o/p.git");
  }

  @Test
  @DisplayName("case 4: a mixed-case mirror key")
  void mixedCaseMirrorKey() throws IOException {
    Map<String, String> e = bareMetal("[mirrors]\nGitHub = \"u1\"\n");
    assertThat(e).containsEntry("MIRROR_GITHUB", "u1").containsEntry("MIRROR_NAMES", "GitHub");
  }

  @Test
  @DisplayName("case 5: a dashed mirror key is warned and skipped")
  void dashedMirrorKeyIsSkippedWithAWarning() throws IOException {
    Map<String, String> e = bareMetal("[mirrors]\ngood = \"g\"\nbad-name = \"b\"\n");
    assertThat(e).containsEntry("MIRROR_GOOD", "g").doesNotContainKey("MIRROR_BAD-NAME");
    assertThat(warnings).singleElement().asString()
        .contains("skipping invalid shell identifier").contains("MIRROR_BAD-NAME");
  }

  @Test
  @DisplayName("case 6: a dashed agent name")
  void dashedAgentName() throws IOException {
    Map<String, String> e = bareMetal("""
        [agents.dev-qwen2]
        base_url = "http://10.10.10.1:8081"
        model = "unsloth/Qwen3.5-35B-A3B"
        roles = ["dev"]
        forge_user = "dev-qwen2"
        compact_pct = 60
        poll_interval = 30
        """);
    assertThat(e)
        .containsEntry("AGENT_DEV_QWEN2_BASE_URL", "http://10.10.10.1:8081")
        .containsEntry("AGENT_DEV_QWEN2_MODEL", "unsloth/Qwen3.5-35B-A3B")
        .containsEntry("AGENT_DEV_QWEN2_ROLES", "dev")
        .containsEntry("AGENT_DEV_QWEN2_FORGE_USER", "dev-qwen2")
        .containsEntry("AGENT_DEV_QWEN2_COMPACT_PCT", "60")
        .doesNotContainKey("AGENT_DEV_QWEN2_POLL_INTERVAL");
  }

  @Test
  @DisplayName("case 7: many dashes")
  void manyDashes() throws IOException {
    assertThat(bareMetal("[agents.review-qwen-3b]\nbase_url = \"http://h:1\"\n"))
        .containsEntry("AGENT_REVIEW_QWEN_3B_BASE_URL", "http://h:1");
  }

  @Test
  @DisplayName("case 8: an invalid agent name beside a valid one")
  void invalidAgentNameBesideAValidOne() throws IOException {
    Map<String, String> e = bareMetal("""
        [agents."weird name"]
        base_url = "http://w:1"
        [agents.llama]
        base_url = "http://l:1"
        """);
    assertThat(e).containsEntry("AGENT_LLAMA_BASE_URL", "http://l:1");
    assertThat(e.keySet()).noneMatch(k -> k.contains("WEIRD"));
    assertThat(warnings).singleElement().asString()
        .contains("skipping invalid shell identifier from [agents.*]")
        .contains("AGENT_WEIRD NAME_BASE_URL");
  }

  @Test
  @DisplayName("case 9: roles rendering")
  void rolesRendering() throws IOException {
    assertThat(bareMetal("[agents.llama]\nroles = [\"dev\",\"review\"]\n"))
        .containsEntry("AGENT_LLAMA_ROLES", "dev review");
    assertThat(bareMetal("[agents.llama]\nroles = \"dev\"\n")).containsEntry("AGENT_LLAMA_ROLES", "dev");
  }

  @Test
  @DisplayName("case 10: a trailing = is kept")
  void trailingEqualsIsKept() throws IOException {
    assertThat(bareMetal("[agents.llama]\napi_key = \"abc=\"\n"))
        .containsEntry("AGENT_LLAMA_API_KEY", "abc=");
  }

  @Test
  @DisplayName("case 11: no newline injection")
  void noNewlineInjection() throws IOException {
    Map<String, String> e =
        bareMetal("[mirrors]\nx = \"git@h:o/p.git\\nFORGE_TOKEN=evil\"\n", "FORGE_TOKEN", "good");
    assertThat(e).containsEntry("MIRROR_X", "git@h:o/p.git\nFORGE_TOKEN=evil")
        .containsEntry("FORGE_TOKEN", "good");
  }

  @Test
  @DisplayName("case 12: a TOML without forge_url resets FORGE_URL from .env, with a warning")
  void missingForgeUrlResetsTheDotenvValueWithAWarning() throws IOException {
    Path root = dir.resolve("factory");
    Files.createDirectories(root);
    Files.writeString(root.resolve(".env"), "FORGE_URL=http://myforge:3000\n");
    Path t = toml("name = \"p\"\nrepo = \"o/p\"\n");
    FactoryEnv e = EnvLoader.load(new EnvLoadOptions(root,
        Map.of("USER", "u", "HOME", "/h", "PROJECT_TOML", t.toString()), SopsDecryptor.NONE, false));
    assertThat(e.forgeUrl()).isEqualTo("http://localhost:3000");
    assertThat(e.warnings()).anySatisfy(w -> assertThat(w).contains("forge_url")
        .contains("http://myforge:3000"));
  }

  @Test
  @DisplayName("case 13: the TOML beats the process environment on bare metal")
  void tomlBeatsTheProcessOnBareMetal() throws IOException {
    Path t = toml("forge_url = \"http://tomlforge:3000\"\nrepo = \"o/p\"\n");
    FactoryEnv e = EnvLoader.load(new EnvLoadOptions(dir, Map.of("USER", "u", "HOME", "/h",
        "FORGE_URL", "http://forgejo:3000", "PROJECT_TOML", t.toString()), SopsDecryptor.NONE, false));
    assertThat(e.forgeUrl()).isEqualTo("http://tomlforge:3000");
    assertThat(e.forgeApi()).isEqualTo("http://tomlforge:3000/api/v1/repos/o/p");
    assertThat(e.project()).isPresent();
  }

  @Test
  @DisplayName("case 14: container mode respects compose values")
  void containerModeRespectsComposeValues() throws IOException {
    Map<String, String> e = applied(
        "repo = \"owner/proj\"\nname = \"proj\"\nrepo_root = \"/home/x/proj\"\n", true,
        "FORGE_URL", "http://forgejo:3000", "FORGE_REPO", "disinto-admin/disinto",
        "PROJECT_NAME", "project");
    assertThat(e)
        .containsEntry("FORGE_REPO", "disinto-admin/disinto")
        .containsEntry("PROJECT_NAME", "project")
        .containsEntry("PROJECT_REPO_ROOT", "/home/agent/repos/project")
        .containsEntry("OPS_REPO_ROOT", "/home/agent/repos/project-ops")
        .containsEntry("FORGE_API", "http://forgejo:3000/api/v1/repos/disinto-admin/disinto");
  }

  @Test
  @DisplayName("case 15: container mode fills empty values")
  void containerModeFillsEmptyValues() throws IOException {
    assertThat(applied("[ci]\nwoodpecker_repo_id = 7\n", true, "WOODPECKER_REPO_ID", ""))
        .containsEntry("WOODPECKER_REPO_ID", "7");
  }

  @Test
  @DisplayName("case 16: a repo without a slash")
  void repoWithoutASlash() throws IOException {
    Map<String, String> e = bareMetal("repo = \"justname\"\n");
    assertThat(e).containsEntry("FORGE_REPO_OWNER", "justname")
        .containsEntry("FORGE_OPS_REPO", "justname-ops")
        .containsEntry("PROJECT_NAME", "");
    FactoryEnv later = FactoryEnv.of(Map.of("USER", "u", "HOME", "/h",
        "PROJECT_TOML", dir.resolve("project.toml").toString()));
    assertThat(later.projectName()).isEqualTo("justname");
    assertThat(later.projectRepoRoot()).isEqualTo(Path.of("/home/u/justname"));
  }

  @Test
  @DisplayName("case 17: scalar types are rendered without validation")
  void scalarTypesAreRenderedWithoutValidation() throws IOException {
    Map<String, String> e = bareMetal("""
        [ci]
        woodpecker_repo_id = 3.5
        stale_minutes = "abc"
        [monitoring]
        check_prs = "yes"
        """);
    assertThat(e).containsEntry("WOODPECKER_REPO_ID", "3.5").containsEntry("CI_STALE_MINUTES", "abc")
        .containsEntry("CHECK_PRS", "yes");
  }

  @Test
  void floatsRenderAsPythonDoes() {
    assertThat(TomlValues.pythonFloat(60.0)).isEqualTo("60.0");
    assertThat(TomlValues.pythonFloat(3.5)).isEqualTo("3.5");
    assertThat(TomlValues.pythonFloat(1e16)).isEqualTo("1e+16");
    assertThat(TomlValues.pythonFloat(1.5e-7)).isEqualTo("1.5e-07");
    assertThat(TomlValues.pythonFloat(0.0001)).isEqualTo("0.0001");
    assertThat(TomlValues.pythonFloat(12345678.0)).isEqualTo("12345678.0");
    assertThat(TomlValues.pythonFloat(Double.POSITIVE_INFINITY)).isEqualTo("inf");
  }

  @Test
  @DisplayName("case 18: invalid TOML names file, line and key")
  void invalidTomlIsAProjectConfigException() throws IOException {
    Path t = toml("repo = \"o/r\"\nname = \"x\n");
    assertThatThrownBy(() -> ProjectConfigLoader.load(t))
        .isInstanceOfSatisfying(ProjectConfigException.class, ex -> {
          assertThat(ex.path()).isEqualTo(t);
          assertThat(ex.line()).hasValue(2);
          assertThat(ex.key()).contains("name");
        })
        .hasMessageContaining("failed to parse project TOML: " + t)
        .hasMessageContaining("line 2")
        .hasMessageContaining("key 'name'");
  }

  @Test
  void aSectionThatIsNotATableIsAProjectConfigException() throws IOException {
    Path t = toml("name = \"p\"\nmirrors = \"x\"\n");
    assertThatThrownBy(() -> ProjectConfigLoader.load(t))
        .isInstanceOf(ProjectConfigException.class)
        .hasMessageContaining("failed to parse project TOML")
        .hasMessageContaining("key 'mirrors'");
  }

  @Test
  @DisplayName("case 19: no path means nothing to load")
  void noPathMeansNothingToLoad() {
    assertThat(ProjectConfigLoader.loadIfExists(null)).isEmpty();
    assertThat(ProjectConfigLoader.loadIfExists(Path.of(""))).isEmpty();
    assertThat(ProjectConfigLoader.loadIfExists(dir.resolve("absent.toml"))).isEmpty();
  }

  @Test
  @DisplayName("case 20: an empty file")
  void emptyFile() throws IOException {
    Map<String, String> env = new HashMap<>();
    Map<String, String> exported =
        ProjectConfigLoader.apply(ProjectConfigLoader.load(toml("")), env, false, "u", warnings);
    assertThat(exported).containsExactly(
        Map.entry("PROJECT_NAME", ""), Map.entry("FORGE_REPO", ""),
        Map.entry("FORGE_URL", "http://localhost:3000"));
    assertThat(env).doesNotContainKeys("FORGE_API", "FORGE_REPO_OWNER");
  }

  @Test
  @DisplayName("case 21: an agent without model")
  void agentWithoutModel() throws IOException {
    assertThat(bareMetal("[agents.x]\nbase_url = \"http://x:1\"\n"))
        .containsEntry("AGENT_X_BASE_URL", "http://x:1").doesNotContainKey("AGENT_X_MODEL");
  }

  @Test
  @DisplayName("case 22: a non-table under agents is ignored")
  void nonTableUnderAgentsIsIgnored() throws IOException {
    Path t = toml("agents.foo = \"str\"\n[agents.bar]\nmodel = \"m\"\n");
    ProjectConfig cfg = ProjectConfigLoader.load(t);
    assertThat(cfg.agents()).containsOnlyKeys("bar");
    assertThat(cfg.agentVariables()).containsOnlyKeys("AGENT_BAR_MODEL");
  }

  @Test
  void bareMetalDerivesRepoRootsFromTheUserName() throws IOException {
    assertThat(bareMetal("name = \"p\"\nrepo = \"o/p\"\n"))
        .containsEntry("PROJECT_REPO_ROOT", "/home/u/p").containsEntry("OPS_REPO_ROOT", "/home/u/p-ops")
        .containsEntry("FORGE_WEB", "http://localhost:3000/o/p");
  }

  @Test
  void containerModeOverridesTomlRepoRoots() throws IOException {
    assertThat(applied("name = \"p\"\nrepo_root = \"/host/p\"\n", true))
        .containsEntry("PROJECT_REPO_ROOT", "/home/agent/repos/p")
        .containsEntry("OPS_REPO_ROOT", "/home/agent/repos/p-ops");
  }

  @Test
  void anInlineTableWhereAValueBelongsIsWarnedAndIgnored() throws IOException {
    ProjectConfig cfg = ProjectConfigLoader.load(toml("primary_branch = { a = 1 }\n"));
    assertThat(cfg.primaryBranch()).isEmpty();
    assertThat(cfg.warnings()).singleElement().asString().contains("primary_branch");
  }

  @Test
  void toStringHidesApiKeysAndMirrorUrls() throws IOException {
    ProjectConfig cfg = ProjectConfigLoader.load(toml(
        "[mirrors]\ngh = \"https://user:ghp_secret@github.com/o/p\"\n[agents.l]\napi_key = \"sk-hush\"\n"));
    assertThat(cfg.toString()).doesNotContain("ghp_secret").doesNotContain("sk-hush").contains("gh");
  }

  @Test
  void applyReportsWhatItExported() throws IOException {
    Map<String, String> env = new HashMap<>(Map.of("PROJECT_NAME", "compose"));
    Map<String, String> exported = ProjectConfigLoader.apply(
        ProjectConfigLoader.load(toml("name = \"p\"\nrepo = \"o/p\"\n")), env, true, "u", warnings);
    assertThat(exported).doesNotContainKey("PROJECT_NAME")
        .containsEntry("FORGE_REPO", "o/p").containsEntry("FORGE_REPO_OWNER", "o")
        .containsEntry("PROJECT_REPO_ROOT", "/home/agent/repos/compose");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"x = |", "x = { a = | }", "[t]\nx = [ { b = | } ]", "y = |"})
  void deeplyNestedValuesAreAParseErrorNamingTheFile(String around) throws IOException {
    String prefix = around.substring(0, around.indexOf('|'));
    String suffix = around.substring(around.indexOf('|') + 1);
    String open = around.startsWith("y") ? "{ a = " : "[";
    String close = around.startsWith("y") ? " }" : "]";
    Path toml = dir.resolve("deep.toml");
    StringBuilder deep = new StringBuilder("name = \"d\"\n").append(prefix);
    deep.append(open.repeat(1000)).append("1").append(close.repeat(1000)).append(suffix);
    Files.writeString(toml, deep + "\n");
    assertThatThrownBy(() -> ProjectConfigLoader.load(toml))
        .isInstanceOf(ProjectConfigException.class)
        .hasMessageStartingWith("failed to parse project TOML: " + toml + ":")
        .hasMessageContaining("nested")
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300).doesNotContain("\n"));
  }

  @Test
  void nestingWithinTheBoundStillLoads() throws IOException {
    Path toml = dir.resolve("nested.toml");
    Files.writeString(toml, "name = \"d\"\nrepo = \"o/d\"\n"
        + "[services]\ncontainers = " + "[".repeat(20) + "\"a\"" + "]".repeat(20) + "\n"
        + "# [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n"
        + "note = \"" + "[".repeat(200) + "\"\n");
    assertThat(ProjectConfigLoader.load(toml).containers()).contains(List.of("a"));
  }
}
