package ai.disinto.examples.cli.setup;

import ai.disinto.core.config.FactoryEnv;
import ai.disinto.examples.cli.CliCommand;
import ai.disinto.examples.cli.CliException;
import ai.disinto.forge.client.ForgeAuth;
import ai.disinto.forge.client.ForgeException;
import ai.disinto.forge.setup.BranchProtection;
import ai.disinto.forge.setup.ProtectionProfile;
import ai.disinto.forge.setup.ProtectionResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code disinto protect vault|profile|project|verify|remove|help}: the drop-in for running
 * lib/branch-protection.sh ({@code setup}, {@code setup-profile}, {@code setup-project}, {@code
 * verify}, {@code remove}).
 *
 * <p>Needs {@code FORGE_TOKEN} and {@code FORGE_URL} ({@code ERROR: X is required}, exit 1);
 * {@code FORGE_OPS_REPO} only for {@code vault}, {@code verify} and {@code remove}, which work on
 * the ops repository (the original demanded it for every command). The calls use {@code
 * FORGE_ADMIN_TOKEN}, else {@code HUMAN_TOKEN}, else {@code FORGE_TOKEN}: the protection routes
 * need repository admin rights. Exit 0 when the branch ends up as asked, else 1; {@code help} and
 * no subcommand print the usage and exit 0.
 */
@Command(name = "protect",
    description = "Branch protection on the ops, .profile and project repos"
        + " (lib/branch-protection.sh).",
    subcommands = {ProtectCommand.Vault.class, ProtectCommand.Profile.class,
        ProtectCommand.Project.class, ProtectCommand.Verify.class, ProtectCommand.Remove.class,
        ProtectCommand.Help.class})
public final class ProtectCommand extends CliCommand {
  static final String USAGE = String.join("\n",
      "Usage: disinto protect {vault|profile|project|verify|remove} [args...]",
      "",
      "Commands:",
      "  vault [branch]              Protect the ops repo's branch (default: main)",
      "  profile <repo> [branch]     Protect a .profile repo and create its journal branch",
      "  project <repo> [branch]     Protect the project repo",
      "  verify [branch]             Check the ops repo's protection",
      "  remove [branch]             Remove the ops repo's protection (cleanup/testing)",
      "",
      "Environment:",
      "  FORGE_TOKEN       Forgejo API token (required)",
      "  FORGE_URL         Forgejo URL, e.g. http://localhost:3000 (required)",
      "  FORGE_OPS_REPO    Ops repo owner/name (vault, verify, remove)",
      "  FORGE_ADMIN_TOKEN Admin token used for the calls when set (else HUMAN_TOKEN, FORGE_TOKEN)",
      "");

  /** Creates the command; picocli calls it. */
  public ProtectCommand() {}

  @Override
  public Integer call() {
    out().print(USAGE);
    out().flush();
    return 0;
  }

  /** The steps every subcommand shares. */
  abstract static class Base extends CliCommand {
    FactoryEnv env;

    BranchProtection protection(boolean needsOps) {
      env = factoryEnv();
      if (env.get("FORGE_TOKEN").isEmpty()) {
        throw new CliException(1, "ERROR: FORGE_TOKEN is required");
      }
      if (env.get("FORGE_URL").isEmpty()) {
        throw new CliException(1, "ERROR: FORGE_URL is required");
      }
      if (needsOps && env.get("FORGE_OPS_REPO").isEmpty()) {
        throw new CliException(1, "ERROR: FORGE_OPS_REPO is required");
      }
      String token = SetupCli.adminToken(env).orElse(env.getOrEmpty("FORGE_TOKEN"));
      return new BranchProtection(SetupCli.client(env.getOrEmpty("FORGE_URL"),
          ForgeAuth.token(token), ctx()), sleeper());
    }

    String ops() {
      return env.getOrEmpty("FORGE_OPS_REPO");
    }

    static String branch(String b) {
      return b == null || b.isEmpty() ? "main" : b;
    }

    static String repo(String r) {
      if (r == null || r.isEmpty()) {
        throw new CliException(1, "ERROR: repo path required (format: owner/repo)");
      }
      return r;
    }

    static int exit(ProtectionResult r) {
      return r.ok() ? 0 : 1;
    }

    int run(java.util.function.IntSupplier body) {
      try {
        return body.getAsInt();
      } catch (IllegalArgumentException e) {
        throw new CliException(1, "ERROR: " + e.getMessage(), e);
      } catch (ForgeException e) {
        throw new CliException(1, "ERROR: " + e.getMessage(), e);
      }
    }
  }

  /** {@code disinto protect vault [BRANCH]}. */
  @Command(name = "vault", description = "Protect FORGE_OPS_REPO's branch (default main):"
      + " vault/** only through a PR the admin merges (setup_vault_branch_protection).")
  public static final class Vault extends Base {
    @Parameters(index = "0", arity = "0..1", paramLabel = "BRANCH") String branch;

    /** Creates the command; picocli calls it. */
    public Vault() {}

    @Override
    public Integer call() {
      BranchProtection p = protection(true);
      return run(() -> exit(p.setupVault(ops(), branch(branch))));
    }
  }

  /** {@code disinto protect profile REPO [BRANCH]}. */
  @Command(name = "profile", description = "Protect an agent's .profile repo and create its"
      + " journal branch (setup_profile_branch_protection).")
  public static final class Profile extends Base {
    @Parameters(index = "0", arity = "0..1", paramLabel = "REPO") String repo;
    @Parameters(index = "1", arity = "0..1", paramLabel = "BRANCH") String branch;

    /** Creates the command; picocli calls it. */
    public Profile() {}

    @Override
    public Integer call() {
      BranchProtection p = protection(false);
      String r = repo(repo);
      return run(() -> exit(p.setupProfile(r, branch(branch))));
    }
  }

  /** {@code disinto protect project REPO [BRANCH]}. */
  @Command(name = "project", description = "Protect the project repo: no direct pushes, one"
      + " approval, the walking bots merge (setup_project_branch_protection).")
  public static final class Project extends Base {
    @Parameters(index = "0", arity = "0..1", paramLabel = "REPO") String repo;
    @Parameters(index = "1", arity = "0..1", paramLabel = "BRANCH") String branch;

    /** Creates the command; picocli calls it. */
    public Project() {}

    @Override
    public Integer call() {
      BranchProtection p = protection(false);
      String r = repo(repo);
      return run(() -> exit(p.setupProject(r, branch(branch))));
    }
  }

  /** {@code disinto protect verify [BRANCH]}. */
  @Command(name = "verify", description = "Check the protection of FORGE_OPS_REPO's branch"
      + " (verify_branch_protection).")
  public static final class Verify extends Base {
    @Parameters(index = "0", arity = "0..1", paramLabel = "BRANCH") String branch;

    /** Creates the command; picocli calls it. */
    public Verify() {}

    @Override
    public Integer call() {
      BranchProtection p = protection(true);
      return run(() -> p.verify(ops(), branch(branch), ProtectionProfile.VAULT).ok() ? 0 : 1);
    }
  }

  /** {@code disinto protect remove [BRANCH]}. */
  @Command(name = "remove", description = "Remove the protection of FORGE_OPS_REPO's branch"
      + " (remove_branch_protection).")
  public static final class Remove extends Base {
    @Parameters(index = "0", arity = "0..1", paramLabel = "BRANCH") String branch;

    /** Creates the command; picocli calls it. */
    public Remove() {}

    @Override
    public Integer call() {
      BranchProtection p = protection(true);
      return run(() -> exit(p.remove(ops(), branch(branch))));
    }
  }

  /** {@code disinto protect help}. */
  @Command(name = "help", description = "Print the usage and exit 0.")
  public static final class Help extends CliCommand {
    /** Creates the command; picocli calls it. */
    public Help() {}

    @Override
    public Integer call() {
      out().print(USAGE);
      out().flush();
      return 0;
    }
  }
}
