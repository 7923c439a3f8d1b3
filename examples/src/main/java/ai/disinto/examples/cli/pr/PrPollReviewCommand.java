package ai.disinto.examples.cli.pr;

import ai.disinto.forge.pulls.PullsConfig;
import ai.disinto.forge.pulls.ReviewPoller;
import ai.disinto.forge.pulls.ReviewResult;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code disinto pr poll-review PR [TIMEOUT] [INTERVAL] [--vars] [--review-bot LOGIN]…}. Mirrors
 * {@code pr_poll_review}: exits 0 with a verdict, 1 on timeout, 2 when the PR was merged or closed
 * by someone else; with {@code --vars} prints {@code _PR_REVIEW_VERDICT} ({@code APPROVE}, {@code
 * REQUEST_CHANGES}, {@code DISCUSS}, {@code UNRECOGNIZED}, {@code TIMEOUT}, {@code
 * MERGED_EXTERNALLY}, {@code CLOSED_EXTERNALLY}) and {@code _PR_REVIEW_TEXT}. Seconds default to
 * 10800 and 300. Verdict comments count only from {@code FORGE_BOT_USERNAMES}, or from the
 * {@code --review-bot} logins when given.
 */
@Command(name = "poll-review", description = "Wait for a review verdict on a PR (pr_poll_review).")
public final class PrPollReviewCommand extends PrSubcommand {
  @Parameters(index = "0", paramLabel = "PR", description = "The PR number.")
  long pr;

  @Parameters(index = "1", arity = "0..1", paramLabel = "TIMEOUT", description = "Seconds (10800).")
  String timeout;

  @Parameters(index = "2", arity = "0..1", paramLabel = "INTERVAL", description = "Seconds (300).")
  String interval;

  @Option(names = "--vars", description = "Print the output variables as NAME=value lines.")
  boolean vars;

  @Option(names = "--review-bot", paramLabel = "LOGIN",
      description = "A login whose comments carry verdicts (repeatable; default FORGE_BOT_USERNAMES).")
  List<String> reviewBots;

  /** Creates the command; picocli calls it. */
  public PrPollReviewCommand() {}

  @Override
  PullsConfig config() {
    PullsConfig c = super.config();
    return reviewBots == null || reviewBots.isEmpty() ? c : c.withReviewBots(Set.copyOf(reviewBots));
  }

  @Override
  public Integer call() {
    var prs = prs(client());
    var cfg = prs.config();
    ReviewResult r = new ReviewPoller(prs).withWaitListener(progress()).poll(pr,
        seconds(timeout, cfg.reviewTimeout(), "TIMEOUT"),
        positiveSeconds(interval, cfg.reviewInterval(), "INTERVAL"));
    if (vars) {
      printVar("_PR_REVIEW_VERDICT", r.verdict().name());
      printVar("_PR_REVIEW_TEXT", r.text());
    }
    return PrResults.exitCode(r);
  }
}
