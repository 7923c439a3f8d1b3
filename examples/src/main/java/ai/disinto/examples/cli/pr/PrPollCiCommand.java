package ai.disinto.examples.cli.pr;

import ai.disinto.forge.pulls.CiPoller;
import ai.disinto.forge.pulls.CiResult;
import ai.disinto.forge.pulls.FailureType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code disinto pr poll-ci PR [TIMEOUT] [INTERVAL] [--vars]}. Mirrors {@code pr_poll_ci}: exits
 * 0 success, 1 failure, 2 timeout; prints nothing but, with {@code --vars}, {@code _PR_CI_STATE},
 * {@code _PR_CI_SHA}, {@code _PR_CI_PIPELINE}, {@code _PR_CI_FAILURE_TYPE} and {@code
 * _PR_CI_ERROR_LOG}. Seconds default to 1800 and 30. CI state comes from the forge's combined
 * commit status; {@code WOODPECKER_REPO_ID=0} means no CI.
 */
@Command(name = "poll-ci", description = "Wait for CI on a PR (pr_poll_ci).")
public final class PrPollCiCommand extends PrSubcommand {
  @Parameters(index = "0", paramLabel = "PR", description = "The PR number.")
  long pr;

  @Parameters(index = "1", arity = "0..1", paramLabel = "TIMEOUT", description = "Seconds (1800).")
  String timeout;

  @Parameters(index = "2", arity = "0..1", paramLabel = "INTERVAL", description = "Seconds (30).")
  String interval;

  @Option(names = "--vars", description = "Print the output variables as NAME=value lines.")
  boolean vars;

  /** Creates the command; picocli calls it. */
  public PrPollCiCommand() {}

  @Override
  public Integer call() {
    var forge = client();
    var cfg = config();
    CiResult r = new CiPoller(prs(forge), ciGate(forge)).withWaitListener(progress()).poll(pr,
        seconds(timeout, cfg.ciTimeout(), "TIMEOUT"),
        positiveSeconds(interval, cfg.ciInterval(), "INTERVAL"));
    if (vars) {
      printVars(r);
    }
    return PrResults.exitCode(r);
  }

  private void printVars(CiResult r) {
    printVar("_PR_CI_STATE", PrResults.ciState(r));
    printVar("_PR_CI_SHA", r.sha());
    printVar("_PR_CI_PIPELINE",
        r.pipeline().isPresent() ? Long.toString(r.pipeline().getAsLong()) : "");
    printVar("_PR_CI_FAILURE_TYPE", r.failureType().map(FailureType::wireName).orElse(""));
    printVar("_PR_CI_ERROR_LOG", r.errorLog());
  }
}
