package ai.disinto.examples.cli.formula;

import ai.disinto.agent.formula.CommitResult;
import ai.disinto.agent.formula.Formula;
import ai.disinto.agent.formula.FormulaNotFoundException;
import ai.disinto.agent.formula.FormulaWorktree;
import ai.disinto.agent.formula.Formulas;
import ai.disinto.agent.formula.GitRemotes;
import ai.disinto.agent.formula.JournalResult;
import ai.disinto.agent.formula.LoadedFormula;
import ai.disinto.agent.formula.ProfileRepo;
import ai.disinto.agent.formula.PromptBlocks;
import ai.disinto.agent.formula.RunLock;
import ai.disinto.agent.graph.ForgeSource;
import ai.disinto.core.config.FactoryEnv;
import ai.disinto.examples.cli.CliCommand;
import ai.disinto.examples.cli.CliException;
import ai.disinto.examples.cli.Main;
import ai.disinto.git.worktree.WorktreeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code disinto formula …}: the drop-ins for the functions of lib/formula-session.sh.
 *
 * <p>What a function leaves in a variable ({@code FORMULA_CONTENT}, {@code CONTEXT_BLOCK}, {@code
 * PROMPT_FOOTER}, {@code GRAPH_SECTION}, {@code PROFILE_REPO_PATH}, {@code FORGE_REMOTE}, {@code
 * AGENT_IDENTITY}…) is printed on standard output, without a final newline where the shell's
 * {@code $(…)} would have stripped it, so {@code X=$(disinto formula …)} gives the same value.
 * Return codes are exit codes. Two shell habits cannot cross a process boundary and change shape:
 * {@code acquire_run_lock} exits the caller when the lock is held, so {@code lock} exits 1 and the
 * script does {@code || exit 0}; and EXIT traps are the script's own ({@code unlock}, {@code
 * disinto worktree cleanup}). Log lines go to standard error or {@code LOGFILE}.
 */
@Command(
    name = "formula",
    description = "Formula sessions (lib/formula-session.sh).",
    subcommands = {
      FormulaCommand.Lock.class, FormulaCommand.Unlock.class, FormulaCommand.Identity.class,
      FormulaCommand.ForgeRemote.class, FormulaCommand.Load.class,
      FormulaCommand.LoadOrProfile.class, FormulaCommand.ContextBlock.class,
      FormulaCommand.Footer.class, FormulaCommand.SdkFooter.class,
      FormulaCommand.ScratchInstruction.class, FormulaCommand.ScratchContext.class,
      FormulaCommand.GraphSection.class, FormulaCommand.EnsureProfile.class,
      FormulaCommand.Lessons.class, FormulaCommand.Journal.class, FormulaCommand.OpsEnsure.class,
      FormulaCommand.OpsCommit.class, FormulaCommand.WorktreeSetup.class
    })
public final class FormulaCommand extends CliCommand {
  /** Creates the command; picocli calls it. */
  public FormulaCommand() {}

  @Override
  public Integer call() {
    throw new CliException(Main.EXIT_USAGE, "disinto formula: missing subcommand (lock | unlock"
        + " | identity | forge-remote | load | load-or-profile | context-block | footer |"
        + " sdk-footer | scratch-instruction | scratch-context | graph-section | ensure-profile |"
        + " lessons | journal | ops-ensure | ops-commit | worktree-setup)");
  }

  static long callerPid(Long pid) {
    return pid != null ? pid : ProcessHandle.current().parent().map(ProcessHandle::pid)
        .orElse(ProcessHandle.current().pid());
  }

  /** {@code disinto formula lock FILE [--pid PID]}. */
  @Command(name = "lock", description = "Take the PID run lock FILE for the calling script;"
      + " exit 1 when a live process holds it (acquire_run_lock).")
  public static final class Lock extends CliCommand {
    @Parameters(index = "0", paramLabel = "FILE") String file;
    @Option(names = "--pid", paramLabel = "PID",
        description = "The PID written (default: the calling process).") Long pid;

    /** Creates the command; picocli calls it. */
    public Lock() {}

    @Override
    public Integer call() {
      Optional<RunLock> lock = RunLock.tryAcquire(FormulaSupport.path(ctx(), file),
          callerPid(pid));
      // The lock stays for the caller: it is released by 'unlock' (or found stale later).
      return lock.isPresent() ? 0 : 1;
    }
  }

  /** {@code disinto formula unlock FILE [--pid PID]}. */
  @Command(name = "unlock", description = "Remove the run lock FILE if it holds PID (the trap"
      + " of acquire_run_lock).")
  public static final class Unlock extends CliCommand {
    @Parameters(index = "0", paramLabel = "FILE") String file;
    @Option(names = "--pid", paramLabel = "PID",
        description = "The owner's PID (default: the calling process).") Long pid;

    /** Creates the command; picocli calls it. */
    public Unlock() {}

    @Override
    public Integer call() throws Exception {
      Path f = FormulaSupport.path(ctx(), file);
      long owner = callerPid(pid);
      String content = java.nio.file.Files.exists(f)
          ? java.nio.file.Files.readString(f).strip() : "";
      if (content.equals(Long.toString(owner))) {
        java.nio.file.Files.deleteIfExists(f);
      }
      return 0;
    }
  }

  /** {@code disinto formula identity}. */
  @Command(name = "identity", description = "Print the login of FORGE_TOKEN's owner"
      + " (resolve_agent_identity).")
  public static final class Identity extends CliCommand {
    /** Creates the command; picocli calls it. */
    public Identity() {}

    @Override
    public Integer call() {
      FactoryEnv env = factoryEnv();
      Optional<String> id = FormulaSupport.profile(ctx(), env, Optional.empty(), null)
          .resolveIdentity();
      id.ifPresent(out()::print);
      out().flush();
      return id.isPresent() ? 0 : 1;
    }
  }

  /** {@code disinto formula forge-remote [DIR]}. */
  @Command(name = "forge-remote", description = "Print the git remote that pushes to FORGE_URL's"
      + " host, else origin (resolve_forge_remote).")
  public static final class ForgeRemote extends CliCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR",
        description = "The repository (default: the working directory).") String dir;

    /** Creates the command; picocli calls it. */
    public ForgeRemote() {}

    @Override
    public Integer call() {
      FactoryEnv env = factoryEnv();
      Path repo = dir == null ? ctx().workingDir() : FormulaSupport.path(ctx(), dir);
      out().print(GitRemotes.resolveForgeRemote(FormulaSupport.git(ctx()), repo,
          env.getOrEmpty("FORGE_URL")));
      out().flush();
      return 0;
    }
  }

  /** {@code disinto formula load FILE}. */
  @Command(name = "load", description = "Print a formula file (load_formula).")
  public static final class Load extends CliCommand {
    @Parameters(index = "0", paramLabel = "FILE") String file;

    /** Creates the command; picocli calls it. */
    public Load() {}

    @Override
    public Integer call() {
      try {
        Formula f = Formulas.load(FormulaSupport.path(ctx(), file));
        out().print(f.content());
        out().flush();
        return 0;
      } catch (FormulaNotFoundException e) {
        return 1;
      }
    }
  }

  /** {@code disinto formula load-or-profile [ROLE] [FALLBACK] [--vars]}. */
  @Command(name = "load-or-profile", description = "Print the agent's formula: .profile's"
      + " formula.toml, else FALLBACK, else formulas/ROLE.toml (load_formula_or_profile).")
  public static final class LoadOrProfile extends CliCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "ROLE") String role;
    @Parameters(index = "1", arity = "0..1", paramLabel = "FALLBACK") String fallback;
    @Option(names = "--vars", description = "Print FORMULA_SOURCE, PROFILE_REPO_PATH and"
        + " FORMULA_CONTENT as NAME=value lines instead of the formula.") boolean vars;

    /** Creates the command; picocli calls it. */
    public LoadOrProfile() {}

    @Override
    public Integer call() {
      FactoryEnv env = factoryEnv();
      Optional<Path> profile = Optional.empty();
      if (env.get("AGENT_IDENTITY").filter(s -> !s.isEmpty()).isPresent()) {
        profile = FormulaSupport.profile(ctx(), env, Optional.empty(), null).ensure();
      }
      Path factory = FormulaSupport.optionalPath(ctx(), env, "FACTORY_ROOT")
          .orElse(ctx().workingDir());
      try {
        LoadedFormula f = Formulas.loadOrProfile(Optional.ofNullable(role),
            Optional.ofNullable(fallback).filter(s -> !s.isEmpty())
                .map(p -> FormulaSupport.path(ctx(), p)), profile, factory);
        if (vars) {
          printVar("FORMULA_SOURCE", f.source().wireName());
          printVar("PROFILE_REPO_PATH", profile.map(Path::toString).orElse(""));
          printVar("FORMULA_CONTENT", f.content());
        } else {
          out().print(f.content());
          out().flush();
        }
        return 0;
      } catch (FormulaNotFoundException e) {
        return 1;
      }
    }
  }

  /** {@code disinto formula context-block SPEC…}. */
  @Command(name = "context-block", description = "Print the context block of files of"
      + " PROJECT_REPO_ROOT (or OPS_REPO_ROOT for ops:FILE) (build_context_block).")
  public static final class ContextBlock extends CliCommand {
    @Parameters(arity = "0..*", paramLabel = "SPEC") List<String> specs;

    /** Creates the command; picocli calls it. */
    public ContextBlock() {}

    @Override
    public Integer call() {
      FactoryEnv env = factoryEnv();
      Path project = FormulaSupport.optionalPath(ctx(), env, "PROJECT_REPO_ROOT")
          .orElse(Path.of("/"));
      Path ops = FormulaSupport.optionalPath(ctx(), env, "OPS_REPO_ROOT").orElse(Path.of("/"));
      out().print(PromptBlocks.contextBlock(specs == null ? List.of() : specs, project, ops));
      out().flush();
      return 0;
    }
  }

  /** {@code disinto formula footer [EXTRA]}. */
  @Command(name = "footer", description = "Print the forge API and environment footer"
      + " (build_prompt_footer).")
  public static final class Footer extends CliCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "EXTRA") String extra;

    /** Creates the command; picocli calls it. */
    public Footer() {}

    @Override
    public Integer call() {
      out().print(PromptBlocks.footer(FormulaSupport.footer(factoryEnv()), extra));
      out().flush();
      return 0;
    }
  }

  /** {@code disinto formula sdk-footer [EXTRA]}. */
  @Command(name = "sdk-footer", description = "Print the SDK-mode footer"
      + " (build_sdk_prompt_footer).")
  public static final class SdkFooter extends CliCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "EXTRA") String extra;

    /** Creates the command; picocli calls it. */
    public SdkFooter() {}

    @Override
    public Integer call() {
      out().print(PromptBlocks.sdkFooter(FormulaSupport.footer(factoryEnv()), extra));
      out().flush();
      return 0;
    }
  }

  /** {@code disinto formula scratch-instruction FILE}. */
  @Command(name = "scratch-instruction", description = "Print the scratch-file instruction"
      + " (build_scratch_instruction).")
  public static final class ScratchInstruction extends CliCommand {
    @Parameters(index = "0", paramLabel = "FILE") String file;

    /** Creates the command; picocli calls it. */
    public ScratchInstruction() {}

    @Override
    public Integer call() {
      out().print(PromptBlocks.scratchInstruction(Path.of(file)));
      out().flush();
      return 0;
    }
  }

  /** {@code disinto formula scratch-context FILE}. */
  @Command(name = "scratch-context", description = "Print what the scratch file holds, capped"
      + " at 8 KB (read_scratch_context).")
  public static final class ScratchContext extends CliCommand {
    @Parameters(index = "0", paramLabel = "FILE") String file;

    /** Creates the command; picocli calls it. */
    public ScratchContext() {}

    @Override
    public Integer call() {
      out().print(PromptBlocks.scratchContext(FormulaSupport.path(ctx(), file)));
      out().flush();
      return 0;
    }
  }

  /** {@code disinto formula graph-section}. */
  @Command(name = "graph-section", description = "Print the structural-analysis section of"
      + " PROJECT_REPO_ROOT's graph (build_graph_section).")
  public static final class GraphSection extends CliCommand {
    /** Creates the command; picocli calls it. */
    public GraphSection() {}

    @Override
    public Integer call() {
      FactoryEnv env = factoryEnv();
      out().print(PromptBlocks.graphSection(FormulaSupport.projectRoot(ctx(), env),
          FormulaSupport.optionalPath(ctx(), env, "OPS_REPO_ROOT"),
          ForgeSource.http(env.getOrEmpty("FORGE_API"), env.forgeToken(), Duration.ofSeconds(15)),
          clock()));
      out().flush();
      return 0;
    }
  }

  /** {@code disinto formula ensure-profile [IDENTITY]}. */
  @Command(name = "ensure-profile", description = "Clone or pull the agent's .profile repo and"
      + " print its path (ensure_profile_repo).")
  public static final class EnsureProfile extends CliCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "IDENTITY") String identity;

    /** Creates the command; picocli calls it. */
    public EnsureProfile() {}

    @Override
    public Integer call() {
      Optional<Path> p = FormulaSupport.profile(ctx(), factoryEnv(),
          Optional.ofNullable(identity).filter(s -> !s.isEmpty()), null).ensure();
      p.ifPresent(x -> out().print(x));
      out().flush();
      return p.isPresent() ? 0 : 1;
    }
  }

  /** {@code disinto formula lessons [--agent-cmd CMD]}. */
  @Command(name = "lessons", description = "Print the lessons block of the .profile repo,"
      + " digesting the journal first when it has more than 10 entries"
      + " (formula_prepare_profile_context + formula_lessons_block).")
  public static final class Lessons extends CliCommand {
    @Option(names = "--agent-cmd", paramLabel = "CMD", description = "The digesting agent; gets"
        + " the prompt on stdin (default DISINTO_AGENT_CMD).") String agentCmd;

    /** Creates the command; picocli calls it. */
    public Lessons() {}

    @Override
    public Integer call() {
      ProfileRepo p = FormulaSupport.profile(ctx(), factoryEnv(), Optional.empty(), agentCmd);
      out().print(PromptBlocks.lessonsBlock(p.loadLessons()));
      out().flush();
      return 0;
    }
  }

  /** {@code disinto formula journal ISSUE TITLE OUTCOME [FILES] [--agent-cmd CMD]}. */
  @Command(name = "journal", description = "Write, commit and push a journal entry to the"
      + " .profile repo (profile_write_journal).")
  public static final class Journal extends CliCommand {
    @Parameters(index = "0", paramLabel = "ISSUE") String issue;
    @Parameters(index = "1", paramLabel = "TITLE") String title;
    @Parameters(index = "2", paramLabel = "OUTCOME") String outcome;
    @Parameters(index = "3", arity = "0..1", paramLabel = "FILES") String files;
    @Option(names = "--agent-cmd", paramLabel = "CMD", description = "The reflecting agent; gets"
        + " the prompt on stdin (default DISINTO_AGENT_CMD).") String agentCmd;

    /** Creates the command; picocli calls it. */
    public Journal() {}

    @Override
    public Integer call() {
      JournalResult r = FormulaSupport.profile(ctx(), factoryEnv(), Optional.empty(), agentCmd)
          .writeJournal(issue, title, outcome, files == null ? "" : files);
      return r.outcome() == JournalResult.Outcome.FAILED ? 1 : 0;
    }
  }

  /** {@code disinto formula ops-ensure}. */
  @Command(name = "ops-ensure", description = "Clone or update the ops repo at OPS_REPO_ROOT"
      + " (ensure_ops_repo).")
  public static final class OpsEnsure extends CliCommand {
    /** Creates the command; picocli calls it. */
    public OpsEnsure() {}

    @Override
    public Integer call() {
      FormulaSupport.ops(ctx(), factoryEnv()).ensure();
      return 0;
    }
  }

  /** {@code disinto formula ops-commit MESSAGE [PATH…]}. */
  @Command(name = "ops-commit", description = "Stage, commit and push changes of the ops repo"
      + " (ops_commit_and_push); exit 1 when the commit fails.")
  public static final class OpsCommit extends CliCommand {
    @Parameters(index = "0", paramLabel = "MESSAGE") String message;
    @Parameters(index = "1..*", arity = "0..*", paramLabel = "PATH") List<String> paths;

    /** Creates the command; picocli calls it. */
    public OpsCommit() {}

    @Override
    public Integer call() {
      CommitResult r = FormulaSupport.ops(ctx(), factoryEnv()).commitAndPush(message,
          paths == null ? List.of() : paths);
      // The original's failed commit aborted its set -e caller; a failed push was ignored.
      return r.outcome() == CommitResult.Outcome.COMMIT_FAILED ? 1 : 0;
    }
  }

  /** {@code disinto formula worktree-setup WORKTREE}. */
  @Command(name = "worktree-setup", description = "Make the detached run worktree at"
      + " FORGE_REMOTE/PRIMARY_BRANCH (formula_worktree_setup); remove it with disinto worktree"
      + " cleanup.")
  public static final class WorktreeSetup extends CliCommand {
    @Parameters(index = "0", paramLabel = "WORKTREE") String worktree;

    /** Creates the command; picocli calls it. */
    public WorktreeSetup() {}

    @Override
    public Integer call() {
      FactoryEnv env = factoryEnv();
      String remote = env.get("FORGE_REMOTE").filter(s -> !s.isEmpty()).orElse("origin");
      String primary = env.get("PRIMARY_BRANCH").filter(s -> !s.isEmpty()).orElse("main");
      try {
        // Not closed: the worktree outlives this command, as the original's does its function.
        FormulaWorktree.create(FormulaSupport.worktrees(ctx(), env), FormulaSupport.git(ctx()),
            remote, primary, FormulaSupport.path(ctx(), worktree));
        return 0;
      } catch (WorktreeException e) {
        throw new CliException(1, "disinto formula worktree-setup: " + e.getMessage());
      }
    }
  }
}
