package ai.disinto.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VaultActionValidatorTest {
  static final String T_HIGH = "id = \"publish-site-20260331\"\nformula = \"run-publish-site\"\n"
      + "context = \"Publish updated site\"\nsecrets = [\"DEPLOY_KEY\"]\n";
  static final String GH_TOKEN = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";

  @TempDir Path tmp;
  VaultActionValidator validator;

  @BeforeEach
  void formulas() throws IOException {
    Path f = Files.createDirectories(tmp.resolve("formulas"));
    for (String n : List.of("run-publish-site.toml", "groom-backlog.toml", "dev.toml",
        "release.toml", "release.sh", "run-supervisor.toml", "run-rent-a-human.toml",
        "only-script.sh")) {
      Files.writeString(f.resolve(n), "");
    }
    validator = new VaultActionValidator(f);
  }

  String error(String toml) {
    try {
      validator.validate(toml);
    } catch (VaultValidationException e) {
      return e.errorLine();
    }
    throw new AssertionError("accepted: " + toml);
  }

  VaultValidationException refusal(String toml) {
    try {
      validator.validate(toml);
    } catch (VaultValidationException e) {
      return e;
    }
    throw new AssertionError("accepted: " + toml);
  }

  @Test
  void theSchemaExamplesAreValid() {
    VaultAction a = validator.validate(T_HIGH);
    assertThat(a.id()).isEqualTo("publish-site-20260331");
    assertThat(a.formula()).isEqualTo("run-publish-site");
    assertThat(a.context()).isEqualTo("Publish updated site");
    assertThat(a.secrets()).containsExactly("DEPLOY_KEY");
    assertThat(a.mounts()).isEmpty();
    assertThat(a.rawToml()).isEqualTo(T_HIGH);
    VaultAction full = validator.validate("id = \"promote-1\"\nformula = \"run-supervisor\"\n"
        + "context = \"Promote a build\"\n\nsecrets = [\"DEPLOY_KEY\", \"DOCKER_HUB_TOKEN\"]\n"
        + "model = \"sonnet\"\ntools = [\"docker\"]\ntimeout_minutes = 45\n# a comment\n"
        + "blast_radius = \"high\"\ndispatch_mode = \"pr\"\nmounts = [\"ssh\", \"gpg\", \"sops\"]\n");
    assertThat(full.model()).contains("sonnet");
    assertThat(full.tools()).contains(List.of("docker"));
    assertThat(full.timeoutMinutes()).hasValue(45);
    assertThat(full.blastRadius()).contains(Tier.HIGH);
    assertThat(full.dispatchMode()).contains("pr");
    assertThat(full.mounts()).containsExactly("ssh", "gpg", "sops");
    assertThat(validator.validate("id = \"release-v120\"\nformula = \"release\"\n"
        + "context = \"Release v1.2.0 — includes vault redesign, .profile system, architect agent\"\n"
        + "secrets = [\"GITHUB_TOKEN\", \"CODEBERG_TOKEN\"]\nmounts = [\"ssh\"]\n").secrets())
        .containsExactly("GITHUB_TOKEN", "CODEBERG_TOKEN");
  }

  @Test
  void unknownFieldsAreSortedAndCommaJoined() {
    VaultValidationException e = refusal(T_HIGH + "zed = 3\nfoo = 1\n");
    assertThat(e.errorLine()).isEqualTo("ERROR: Unknown fields in TOML: foo,zed");
    assertThat(e.field()).contains("foo");
  }

  @Test
  void unknownFieldsAreReportedBeforeAMissingId() {
    assertThat(error("formula = \"dev\"\ncontext = \"c\"\nsecrets = []\nfoo = 1\n"))
        .isEqualTo("ERROR: Unknown fields in TOML: foo");
  }

  @Test
  void keysTheOriginalDidNotSeeAreUnknownToo() {
    assertThat(error(T_HIGH + "a-b = 1\n")).isEqualTo("ERROR: Unknown fields in TOML: a-b");
    assertThat(error(T_HIGH + "x.y = 1\n")).isEqualTo("ERROR: Unknown fields in TOML: x");
    assertThat(error(T_HIGH + "[extra]\nid = \"b\"\n"))
        .isEqualTo("ERROR: Unknown fields in TOML: extra");
  }

  @Test
  void requiredFieldsAreNamed() {
    assertThat(error("formula = \"dev\"\ncontext = \"c\"\nsecrets = []\n"))
        .isEqualTo("ERROR: Missing required field: id");
    assertThat(error("id = \"\"\nformula = \"dev\"\ncontext = \"c\"\nsecrets = []\n"))
        .isEqualTo("ERROR: Missing required field: id");
    assertThat(error("id = \"a\"\ncontext = \"c\"\nsecrets = []\n"))
        .isEqualTo("ERROR: Missing required field: formula");
    assertThat(error("id = \"a\"\nformula = \"dev\"\nsecrets = []\n"))
        .isEqualTo("ERROR: Missing required field: context");
    assertThat(error("id = \"a\"\nformula = \"dev\"\ncontext = \"c\"\n"))
        .isEqualTo("ERROR: Missing required field: secrets");
    assertThat(validator.validate("id = \"a\"\nformula = \"dev\"\ncontext = \"c\"\nsecrets = []\n")
        .secrets()).isEmpty();
  }

  @Test
  void wrongTypesAreRefusedWithTheFieldNamed() {
    String rest = "formula = \"dev\"\ncontext = \"c\"\nsecrets = []\n";
    assertThat(refusal("id = 5\n" + rest).errorLine()).isEqualTo("ERROR: 'id' must be a string");
    assertThat(refusal("id = 5\n" + rest).field()).contains("id");
    assertThat(error("id = \"a\"\nformula = true\ncontext = \"c\"\nsecrets = []\n"))
        .isEqualTo("ERROR: 'formula' must be a string");
    assertThat(error("id = \"a\"\nformula = \"dev\"\ncontext = 1.5\nsecrets = []\n"))
        .isEqualTo("ERROR: 'context' must be a string");
    assertThat(error("id = \"a\"\nformula = \"dev\"\ncontext = \"c\"\nsecrets = \"DEPLOY_KEY\"\n"))
        .isEqualTo("ERROR: 'secrets' must be an array of strings");
    assertThat(error("id = \"a\"\nformula = \"dev\"\ncontext = \"c\"\nsecrets = [1]\n"))
        .isEqualTo("ERROR: 'secrets' must be an array of strings");
    assertThat(error("id = \"a\"\n" + rest + "mounts = \"ssh\"\n"))
        .isEqualTo("ERROR: 'mounts' must be an array of strings");
    assertThat(error("id = \"a\"\n" + rest + "model = 3\n"))
        .isEqualTo("ERROR: 'model' must be a non-empty string");
    assertThat(error("id = \"a\"\n" + rest + "tools = [1, 2]\n"))
        .isEqualTo("ERROR: 'tools' must be an array of strings");
    assertThat(error("id = \"a\"\n" + rest + "timeout_minutes = \"30\"\n"))
        .isEqualTo("ERROR: 'timeout_minutes' must be a positive integer");
    assertThat(error("id = \"a\"\n" + rest + "timeout_minutes = 1.5\n"))
        .isEqualTo("ERROR: 'timeout_minutes' must be a positive integer");
    assertThat(error("id = \"a\"\n" + rest + "blast_radius = \"critical\"\n"))
        .isEqualTo("ERROR: 'blast_radius' must be one of low, medium, high");
    assertThat(error("id = \"a\"\n" + rest + "blast_radius = \"LOW\"\n"))
        .isEqualTo("ERROR: 'blast_radius' must be one of low, medium, high");
    assertThat(error("id = \"a\"\n" + rest + "dispatch_mode = \"now\"\n"))
        .isEqualTo("ERROR: 'dispatch_mode' must be one of direct, pr");
  }

  @ParameterizedTest
  @ValueSource(strings = {"../x", "a/b", "a..b", ".hidden", "-x", "a b", "vault/../../etc"})
  void anIdThatIsNotASafeFileAndBranchNameIsRefused(String id) {
    VaultValidationException e = refusal(T_HIGH.replace("publish-site-20260331", id));
    assertThat(e.field()).contains("id");
    assertThat(e.errorLine()).startsWith("ERROR: 'id' must be letters, digits");
  }

  @Test
  void theSecretAllowlistIsMatchedExactly() {
    assertThat(error(T_HIGH.replace("DEPLOY_KEY", "AWS_KEY")))
        .isEqualTo("ERROR: Unknown secret (not in allowlist): AWS_KEY");
    assertThat(error(T_HIGH.replace("DEPLOY_KEY", "GITHUB.TOKEN")))
        .isEqualTo("ERROR: Unknown secret (not in allowlist): GITHUB.TOKEN");
    assertThat(error(T_HIGH.replace("\"DEPLOY_KEY\"", "\"DEPLOY_KEY\", \"*\"")))
        .isEqualTo("ERROR: Unknown secret (not in allowlist): *");
  }

  @Test
  void mountsMustBeAliases() {
    assertThat(error(T_HIGH + "mounts = [\"ssh\", \"docker\"]\n"))
        .isEqualTo("ERROR: Unknown mount alias (not in allowlist): docker");
  }

  @Test
  void theFormulaMustExistAsTomlOrScript() {
    assertThat(error(T_HIGH.replace("run-publish-site", "nope")))
        .isEqualTo("ERROR: Formula not found: nope (checked .toml and .sh)");
    assertThat(validator.validate(T_HIGH.replace("run-publish-site", "release")).formula())
        .isEqualTo("release");
    assertThat(validator.validate(T_HIGH.replace("run-publish-site", "only-script")).formula())
        .isEqualTo("only-script");
    assertThat(error(T_HIGH.replace("run-publish-site", "../formulas/dev")))
        .isEqualTo("ERROR: Formula not found: ../formulas/dev (checked .toml and .sh)");
  }

  @Test
  void optionalFieldsAreChecked() {
    assertThat(error(T_HIGH + "model = \"\"\n"))
        .isEqualTo("ERROR: 'model' must be a non-empty string");
    assertThat(error(T_HIGH + "tools = \"x\"\n")).isEqualTo("ERROR: 'tools' must be an array");
    assertThat(error(T_HIGH + "timeout_minutes = 0\n"))
        .isEqualTo("ERROR: 'timeout_minutes' must be a positive integer");
    assertThat(error(T_HIGH + "timeout_minutes = -5\n"))
        .isEqualTo("ERROR: 'timeout_minutes' must be a positive integer");
  }

  @Test
  void invalidTomlIsReportedByTheParser() {
    assertThat(error("id = \"a")).startsWith("ERROR: Invalid TOML: ");
    assertThat(error("id = \"a\"\nid = \"b\"\n")).startsWith("ERROR: Invalid TOML: ");
  }

  @Test
  void fieldsMustStayReadableByTheDispatchersLineParser() {
    assertThat(error(T_HIGH.replace("secrets = [\"DEPLOY_KEY\"]", "secrets = [\n \"DEPLOY_KEY\"\n]")))
        .isEqualTo("ERROR: Unsupported TOML layout: secrets must be a single-line value at column 0");
    assertThat(error(T_HIGH.replace("context = \"Publish updated site\"",
        "  context = \"Publish updated site\"")))
        .isEqualTo("ERROR: Unsupported TOML layout: context must be a single-line value at column 0");
    assertThat(error(T_HIGH.replace("\"Publish updated site\"", "'Publish updated site'")))
        .isEqualTo("ERROR: Unsupported TOML layout: context must be a single-line value at column 0");
    assertThat(error(T_HIGH.replace("\"Publish updated site\"", "\"\"\"Publish\nsite\"\"\"")))
        .isEqualTo("ERROR: Unsupported TOML layout: context must be a single-line value at column 0");
    assertThat(error(T_HIGH.replace("id = ", "\"id\" = ")))
        .isEqualTo("ERROR: Unsupported TOML layout: id must be a single-line value at column 0");
    assertThat(validator.validate(T_HIGH.replace("\n", "\r\n")).id())
        .isEqualTo("publish-site-20260331");
  }

  @Test
  void aMultiMegabyteContextIsRefusedWithTheFieldNamedBeforeParsing() {
    String huge = "x".repeat(3_000_000);
    VaultValidationException e = refusal(T_HIGH.replace("Publish updated site", huge));
    assertThat(e.field()).contains("context");
    assertThat(e.errorLine()).isEqualTo("ERROR: 'context' is too long (more than 16384 characters)");
    VaultValidationException just = refusal(T_HIGH.replace("Publish updated site",
        "y".repeat(VaultActionValidator.MAX_FIELD_CHARS + 1)));
    assertThat(just.field()).contains("context");
    assertThat(validator.validate(T_HIGH.replace("Publish updated site",
        "y".repeat(VaultActionValidator.MAX_FIELD_CHARS))).context()).hasSize(16384);
    assertThat(refusal(T_HIGH + "# " + "z ".repeat(40_000) + "\n").errorLine())
        .isEqualTo("ERROR: TOML content is too large (more than 65536 characters)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"context", "id", "formula", "model", "secrets", "tools", "mounts"})
  void aSecretInAnyFieldIsRefusedWithTheFieldNamedAndNotRepeated(String field) {
    String toml = switch (field) {
      case "context" -> T_HIGH.replace("Publish updated site", "use " + GH_TOKEN + " please");
      case "id" -> T_HIGH.replace("publish-site-20260331", GH_TOKEN);
      case "formula" -> T_HIGH.replace("run-publish-site", GH_TOKEN);
      case "model" -> T_HIGH + "model = \"" + GH_TOKEN + "\"\n";
      case "secrets" -> T_HIGH.replace("\"DEPLOY_KEY\"", "\"DEPLOY_KEY\", \"" + GH_TOKEN + "\"");
      case "tools" -> T_HIGH + "tools = [\"Bash(curl -H 'Authorization: token " + GH_TOKEN + "')\"]\n";
      default -> T_HIGH + "mounts = [\"" + GH_TOKEN + "\"]\n";
    };
    VaultValidationException e = refusal(toml);
    assertThat(e.field()).contains(field);
    assertThat(e.errorLine()).isEqualTo("ERROR: potential secret in field '" + field
        + "' (value not shown)");
    assertThat(e.getMessage()).doesNotContain(GH_TOKEN).doesNotContain(GH_TOKEN.substring(4, 20));
  }

  @Test
  void aSecretInACommentOrAnUnknownKeyIsRefusedWithoutRepeatingIt() {
    VaultValidationException c = refusal(T_HIGH + "# token " + GH_TOKEN + "\n");
    assertThat(c.errorLine()).contains("outside its fields").doesNotContain(GH_TOKEN);
    VaultValidationException k = refusal(T_HIGH + GH_TOKEN + " = 1\n");
    assertThat(k.getMessage()).startsWith("ERROR: Unknown fields in TOML: ")
        .doesNotContain(GH_TOKEN);
    VaultValidationException p = refusal("id = \"" + GH_TOKEN);
    assertThat(p.getMessage()).startsWith("ERROR: Invalid TOML").doesNotContain(GH_TOKEN);
  }

  @Test
  void validateFileReportsAMissingFile() {
    assertThatThrownBy(() -> validator.validateFile(tmp.resolve("none.toml")))
        .isInstanceOf(VaultValidationException.class)
        .hasMessage("ERROR: File not found: " + tmp.resolve("none.toml"));
  }
}
