package ai.disinto.examples.cli.vault;

import ai.disinto.core.config.FactoryEnv;
import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.ForgeException;
import ai.disinto.forge.client.ForgePath;
import ai.disinto.forge.client.ForgeResponse;
import ai.disinto.forge.client.model.ContentsResponse;
import ai.disinto.examples.cli.CliCommand;
import ai.disinto.examples.cli.CliException;
import ai.disinto.examples.cli.Main;
import ai.disinto.vault.BlastRadiusClassifier;
import ai.disinto.vault.VaultAction;
import ai.disinto.vault.VaultActionValidator;
import ai.disinto.vault.VaultApiException;
import ai.disinto.vault.VaultClient;
import ai.disinto.vault.VaultConfig;
import ai.disinto.vault.VaultRequestResult;
import ai.disinto.vault.VaultValidationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code disinto vault request|classify|validate}: the drop-ins for {@code vault_request} of
 * lib/vault.sh, {@code bash vault/classify.sh} and {@code bash vault/validate.sh}.
 */
@Command(name = "vault", description = "Vault actions (lib/vault.sh, vault/classify.sh,"
    + " vault/validate.sh).",
    subcommands = {VaultCommand.Request.class, VaultCommand.Classify.class,
        VaultCommand.Validate.class})
public final class VaultCommand extends CliCommand {
  /** Creates the command; picocli calls it. */
  public VaultCommand() {}

  @Override
  public Integer call() {
    throw new CliException(Main.EXIT_USAGE,
        "disinto vault: missing subcommand (request, classify, validate)");
  }

  /**
   * {@code disinto vault request ACTION_ID TOML}: files a vault action in the ops repo. TOML is the
   * action's text (as {@code vault_request}'s second argument), {@code -} for standard input, or
   * the path of a file holding it (an argument without {@code =} and without a newline).
   *
   * <p>Prints only the PR number on standard output (nothing for a low-tier direct commit). Exit 0
   * when filed, 1 when the arguments or the action are refused, 2 when the forge refused a step.
   * The tier comes from the ops repo's own {@code vault/policy.toml} on its primary branch, read
   * from the forge; {@code VAULT_BLAST_RADIUS_OVERRIDE} is the requester's environment and is
   * ignored.
   */
  @Command(name = "request", description = "File a vault action: PR for medium/high tier,"
      + " direct commit for low (vault_request).")
  public static final class Request extends CliCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "ACTION_ID") String actionId;
    @Parameters(index = "1", arity = "0..1", paramLabel = "TOML") String toml;

    /** Creates the command; picocli calls it. */
    public Request() {}

    @Override
    public Integer call() throws IOException {
      String content = content();
      FactoryEnv env = factoryEnv();
      String ops = env.forgeOpsRepo();
      if (ops.isEmpty()) {
        throw new CliException(1, "ERROR: FORGE_OPS_REPO is not set");
      }
      if (!env.getOrEmpty("VAULT_BLAST_RADIUS_OVERRIDE").isEmpty()) {
        log("vault: ignoring VAULT_BLAST_RADIUS_OVERRIDE: a requester cannot choose its own tier");
      }
      String base = env.primaryBranch().isEmpty() ? "main" : env.primaryBranch();
      ForgeClient agent;
      try {
        agent = ForgeClient.fromEnv(env).forRepo(ops);
      } catch (ForgeException | IllegalArgumentException e) {
        throw new CliException(1, "ERROR: " + e.getMessage(), e);
      }
      String adminToken = env.getOrEmpty("FORGE_ADMIN_TOKEN");
      Optional<ForgeClient> admin = adminToken.isEmpty() ? Optional.empty()
          : Optional.of(agent.withToken(adminToken));
      VaultClient vault = new VaultClient(agent, admin,
          VaultConfig.of(ops, base, env.forgeRepo(), Optional.empty()),
          new VaultActionValidator(factoryRoot().resolve("formulas")),
          policy(admin.orElse(agent), base));
      VaultRequestResult r;
      try {
        r = vault.request(actionId == null ? "" : actionId, content);
      } catch (VaultValidationException e) {
        err().println(e.errorLine());
        if (e.field().isPresent() || e.errorLine().startsWith("ERROR: Invalid TOML")
            || e.errorLine().startsWith("ERROR: TOML content")) {
          err().println("ERROR: TOML validation failed");
        }
        err().flush();
        return 1;
      } catch (VaultApiException e) {
        err().println(e.getMessage());
        err().flush();
        return 2;
      } catch (ForgeException e) {
        err().println("ERROR: " + e.getMessage());
        err().flush();
        return 2;
      }
      if (r.prNumber().isPresent()) {
        out().println(r.prNumber().getAsLong());
        out().flush();
      }
      return 0;
    }

    private String content() throws IOException {
      if (toml == null) {
        return "";
      }
      if (toml.equals("-")) {
        return readStdin();
      }
      if (toml.contains("=") || toml.contains("\n")) {
        return toml;
      }
      Path file = ctx().workingDir().resolve(toml);
      if (!Files.isRegularFile(file)) {
        throw new CliException(1, "ERROR: File not found: " + file);
      }
      return Files.readString(file, StandardCharsets.UTF_8);
    }

    /** The ops repo's policy on its primary branch: what operators reviewed, not a local copy. */
    private BlastRadiusClassifier policy(ForgeClient forge, String base) {
      try {
        ForgeResponse r = forge.send("GET", ForgePath.of("contents").segments("vault/policy.toml")
            .query("ref", base), null);
        if (r.status() == 200) {
          ContentsResponse file = ForgeClient.moshi().adapter(ContentsResponse.class)
              .fromJson(r.body());
          if (file != null) {
            return BlastRadiusClassifier.ofPolicyText(file.decodedText());
          }
        }
        log("vault: no readable vault/policy.toml on " + base + " of the ops repo (HTTP "
            + r.status() + "): every formula is high");
      } catch (IOException | RuntimeException e) {
        log("vault: cannot read vault/policy.toml of the ops repo: every formula is high");
      }
      return BlastRadiusClassifier.denyAll();
    }
  }

  /**
   * {@code disinto vault classify FORMULA [OVERRIDE]}: the drop-in for {@code vault/classify.sh}.
   * Prints {@code low}, {@code medium} or {@code high} from {@code
   * {OPS_REPO_ROOT}/vault/policy.toml}; exit 0. Without a formula: the usage line on standard
   * error, exit 1, as the original. Arguments after the override are ignored, as there.
   */
  @Command(name = "classify", description = "Print the blast-radius tier of a formula"
      + " (vault/classify.sh).")
  public static final class Classify extends CliCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "FORMULA") String formula;
    @Parameters(index = "1", arity = "0..1", paramLabel = "OVERRIDE") String override;
    @Parameters(index = "2..*", arity = "0..*", hidden = true) List<String> ignored;

    /** Creates the command; picocli calls it. */
    public Classify() {}

    @Override
    public Integer call() {
      if (formula == null || formula.isEmpty()) {
        err().println("Usage: classify.sh <formula-name> [blast_radius_override]");
        err().flush();
        return 1;
      }
      Path policy = factoryEnv().opsRepoRoot().resolve("vault/policy.toml");
      out().println(new BlastRadiusClassifier(policy).classify(formula, override).wire());
      out().flush();
      return 0;
    }
  }

  /**
   * {@code disinto vault validate FILE}: the drop-in for {@code vault/validate.sh}. On success
   * prints {@code VALID: <abs path>} and the action's id, formula, context, secrets and mounts;
   * exit 0. On failure the {@code ERROR:} line and {@code INVALID: <abs path>} on standard error,
   * exit 1. Without a file: two usage lines on standard error, exit 1.
   */
  @Command(name = "validate", description = "Validate a vault action TOML (vault/validate.sh).")
  public static final class Validate extends CliCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE") String file;

    /** Creates the command; picocli calls it. */
    public Validate() {}

    @Override
    public Integer call() {
      if (file == null || file.isEmpty()) {
        err().println("Usage: validate.sh <path-to-toml>");
        err().println("Example: validate.sh vault/examples/publish.toml");
        err().flush();
        return 1;
      }
      Path given = Path.of(file);
      Path abs = given.isAbsolute() ? given
          : ctx().workingDir().resolve(given).normalize();
      try {
        VaultAction a = new VaultActionValidator(factoryRoot().resolve("formulas"))
            .validateFile(abs);
        out().println("VALID: " + abs);
        out().println("  ID: " + a.id());
        out().println("  Formula: " + a.formula());
        out().println("  Context: " + a.context());
        out().println("  Secrets: " + String.join(" ", a.secrets()));
        out().println("  Mounts: " + (a.mounts().isEmpty() ? "none" : String.join(" ", a.mounts())));
        out().flush();
        return 0;
      } catch (VaultValidationException e) {
        err().println(e.errorLine());
        err().println("INVALID: " + abs);
        err().flush();
        return 1;
      }
    }
  }
}
