package ai.disinto.examples.cli.ci;

import ai.disinto.ci.helpers.CiException;
import ai.disinto.ci.helpers.CiService;
import ai.disinto.ci.helpers.CiStatus;
import ai.disinto.ci.helpers.FailureClassification;
import ai.disinto.examples.cli.CliException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code disinto ci}: the functions of lib/ci-helpers.sh, one subcommand each, with the original's
 * arguments, stdout and return codes (as exit codes). Alone it is a usage error.
 */
@Command(
    name = "ci",
    description = "The CI helpers of lib/ci-helpers.sh (ci_passed, ci_commit_status, ...).",
    subcommands = {
      CiCommand.Passed.class,
      CiCommand.Failed.class,
      CiCommand.Status.class,
      CiCommand.PipelineNumber.class,
      CiCommand.Classify.class,
      CiCommand.Promote.class,
      CiCommand.Logs.class,
      CiCommand.RequiredForPr.class,
      CiCommand.PriorityLabel.class,
      CiSetupCommand.class,
    })
public final class CiCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** Creates the command; picocli calls it. */
  public CiCommand() {}

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "Missing required subcommand");
  }

  /** {@code disinto ci passed STATE}: exit 0 when the state counts as passed (ci_passed). */
  @Command(name = "passed", description = "Exit 0 when STATE counts as CI passed (ci_passed).")
  public static final class Passed extends CiSubcommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "STATE", description = "The CI state.")
    String state = "";

    /** Creates the command; picocli calls it. */
    public Passed() {}

    @Override
    public Integer call() {
      return settings().passed(CiStatus.of(state)) ? 0 : 1;
    }
  }

  /** {@code disinto ci failed STATE}: exit 0 when the state is a definite failure (ci_failed). */
  @Command(name = "failed", description = "Exit 0 when STATE is a definite CI failure (ci_failed).")
  public static final class Failed extends CiSubcommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "STATE", description = "The CI state.")
    String state = "";

    /** Creates the command; picocli calls it. */
    public Failed() {}

    @Override
    public Integer call() {
      return settings().failed(CiStatus.of(state)) ? 0 : 1;
    }
  }

  /**
   * {@code disinto ci status SHA}: the commit's CI state and a newline (ci_commit_status); when
   * neither Woodpecker nor the forge answer, nothing and exit 1 (the original's failing pipe).
   */
  @Command(name = "status", description = "Print the CI state of a commit (ci_commit_status).")
  public static final class Status extends CiSubcommand {
    @Parameters(index = "0", paramLabel = "SHA", description = "The full commit id.")
    String sha;

    /** Creates the command; picocli calls it. */
    public Status() {}

    @Override
    public Integer call() {
      CiStatus s = service().commitStatus(sha);
      if (!s.answered()) {
        throw new CliException(1, "disinto: ci status: the forge's commit status is unreadable");
      }
      out().print(s.raw() + "\n");
      out().flush();
      return 0;
    }
  }

  /** {@code disinto ci pipeline SHA}: the commit's pipeline number, if any (ci_pipeline_number). */
  @Command(name = "pipeline", description = "Print the pipeline number of a commit (ci_pipeline_number).")
  public static final class PipelineNumber extends CiSubcommand {
    @Parameters(index = "0", paramLabel = "SHA", description = "The full commit id.")
    String sha;

    /** Creates the command; picocli calls it. */
    public PipelineNumber() {}

    @Override
    public Integer call() {
      OptionalLong n = service().pipelineNumber(sha);
      if (n.isPresent()) {
        out().print(n.getAsLong() + "\n");
        out().flush();
      }
      return 0;
    }
  }

  /**
   * {@code disinto ci classify REPO_ID PIPELINE}: {@code infra <reason>} (exit 0) or {@code code}
   * (exit 1) (classify_pipeline_failure). Woodpecker calls are bounded by 15 seconds each.
   */
  @Command(name = "classify", description = "Print 'infra <reason>' or 'code' for a failed pipeline (classify_pipeline_failure).")
  public static final class Classify extends CiSubcommand {
    @Parameters(index = "0", paramLabel = "REPO_ID", description = "Woodpecker's repository id.")
    String repoId;

    @Parameters(index = "1", paramLabel = "PIPELINE", description = "The pipeline number.")
    String pipeline;

    /** Creates the command; picocli calls it. */
    public Classify() {}

    @Override
    public Integer call() {
      long repo = number(repoId, -1);
      long n = number(pipeline, -1);
      FailureClassification c = repo < 0 || n < 0 ? FailureClassification.code()
          : service(CLASSIFY_TIMEOUT).classifyPipelineFailure(repo, n);
      out().print(c.wire() + "\n");
      out().flush();
      return c.kind() == FailureClassification.Kind.INFRA ? 0 : 1;
    }
  }

  /**
   * {@code disinto ci promote REPO_ID PIPELINE ENVIRONMENT}: restarts the pipeline as a deployment
   * and prints the new number (ci_promote); exit 1 with the reason on stderr otherwise.
   */
  @Command(name = "promote", description = "Promote a pipeline to an environment (ci_promote).")
  public static final class Promote extends CiSubcommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "REPO_ID", description = "Woodpecker's repository id.")
    String repoId = "";

    @Parameters(index = "1", arity = "0..1", paramLabel = "PIPELINE", description = "The pipeline number.")
    String pipeline = "";

    @Parameters(index = "2", arity = "0..1", paramLabel = "ENVIRONMENT", description = "The deployment target.")
    String environment = "";

    /** Creates the command; picocli calls it. */
    public Promote() {}

    @Override
    public Integer call() {
      if (repoId.isEmpty() || pipeline.isEmpty() || environment.isEmpty()) {
        throw new CliException(1, "Usage: ci_promote <repo_id> <pipeline_number> <environment>");
      }
      long repo = number(repoId, -1);
      long n = number(pipeline, -1);
      if (repo < 0 || n < 0) {
        throw new CliException(1, "ERROR: promote API call failed");
      }
      try {
        out().print(service().promote(repo, n, environment) + "\n");
        out().flush();
        return 0;
      } catch (CiException e) {
        throw new CliException(1, "ERROR: " + e.getMessage(), e);
      }
    }
  }

  /**
   * {@code disinto ci logs PIPELINE [--step NAME | -s NAME]}: the failed steps' logs (ci_get_logs),
   * read in-process as {@code disinto ci-logs} does; another option exits 1 with {@code Unknown
   * option: X}.
   */
  @Command(name = "logs", description = "Print the CI logs of a pipeline's failed steps (ci_get_logs).",
      modelTransformer = RawArguments.class)
  public static final class Logs extends CiSubcommand {
    @Parameters(arity = "0..*", paramLabel = "ARGS", description = "PIPELINE [--step NAME]")
    List<String> args = new ArrayList<>();

    /** Creates the command; picocli calls it. */
    public Logs() {}

    @Override
    public Integer call() {
      List<String> reader = new ArrayList<>();
      reader.add(args.isEmpty() ? "" : args.get(0));
      for (int i = 1; i < args.size(); i++) {
        String a = args.get(i);
        if (a.equals("--step") || a.equals("-s")) {
          if (i + 1 >= args.size()) {
            throw new CliException(1, "disinto: ci logs: " + a + " needs a step name");
          }
          String step = args.get(++i);
          if (!step.isEmpty()) {
            reader.add("--step");
            reader.add(step);
          }
        } else {
          throw new CliException(1, "Unknown option: " + a);
        }
      }
      return LogsOutput.run(reader, factory().getOrEmpty("WOODPECKER_DATA_DIR"),
          settings().repoId(), out(), err());
    }
  }

  /**
   * {@code disinto ci required-for-pr PR}: exit 0 when the PR needs CI, 1 when it is docs-only
   * (ci_required_for_pr).
   */
  @Command(name = "required-for-pr", description = "Exit 0 when a PR needs CI, 1 when docs-only (ci_required_for_pr).")
  public static final class RequiredForPr extends CiSubcommand {
    @Parameters(index = "0", paramLabel = "PR", description = "The PR number.")
    String pr;

    /** Creates the command; picocli calls it. */
    public RequiredForPr() {}

    @Override
    public Integer call() {
      long n = number(pr, -1);
      return n < 0 || service().ciRequiredForPr(n) ? 0 : 1;
    }
  }

  /**
   * {@code disinto ci priority-label}: the {@code priority} label's id, created if missing, with
   * no newline; nothing when it can be neither found nor created; exit 0 (ensure_priority_label).
   */
  @Command(name = "priority-label", description = "Print the id of the 'priority' label, creating it (ensure_priority_label).")
  public static final class PriorityLabel extends CiSubcommand {
    /** Creates the command; picocli calls it. */
    public PriorityLabel() {}

    @Override
    public Integer call() {
      OptionalLong id = service().ensurePriorityLabel();
      if (id.isPresent()) {
        out().print(id.getAsLong());
        out().flush();
      }
      return 0;
    }
  }
}
