package ai.disinto.forge.pulls;

import ai.disinto.core.DisintoException;
import ai.disinto.core.WaitListener;
import ai.disinto.core.WaitProgress;
import ai.disinto.forge.client.ForgeException;
import ai.disinto.forge.client.model.PullRequest;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for CI on a PR's head commit. Mirrors {@code pr_poll_ci} of {@code lib/pr-lifecycle.sh}:
 * the PR is read on the forge through a {@link PullRequests}, the CI state through a {@link
 * CiGate}; every wait goes through the service's sleeper, with its configured timeout and
 * interval unless given. Progress lines are logged through SLF4J at INFO, prefixed {@code
 * pr-lifecycle: }.
 *
 * <p>Instances are immutable and thread-safe when their collaborators are.
 */
public final class CiPoller {
  private static final Logger LOG = LoggerFactory.getLogger(CiPoller.class);
  private static final int ERROR_LOG_LINES = 80;
  private static final int ERROR_LOG_BYTES = 8000;

  private final PullRequests prs;
  private final CiGate gate;
  private final WaitListener listener;

  /**
   * Creates a poller.
   *
   * @param prs the PR service whose forge, settings and sleeper are used
   * @param gate the CI port
   * @throws NullPointerException naming the missing collaborator
   */
  public CiPoller(PullRequests prs, CiGate gate) {
    this(prs, gate, WaitListener.NONE);
  }

  private CiPoller(PullRequests prs, CiGate gate, WaitListener listener) {
    this.prs = Objects.requireNonNull(prs, "prs");
    this.gate = Objects.requireNonNull(gate, "ciGate");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /**
   * A poller like this one that tells {@code listener} before each pause what it waits for (CI
   * on the PR, with the last state seen) and how long it has waited, and when the wait is over.
   *
   * @param listener the listener; {@link WaitListener#NONE} for none
   * @return a new poller
   * @throws NullPointerException when {@code listener} is null
   */
  public CiPoller withWaitListener(WaitListener listener) {
    return new CiPoller(prs, gate, listener);
  }

  /**
   * Waits for CI with the configured timeout and interval. Mirrors {@code pr_poll_ci PR}.
   *
   * @param pr the PR number
   * @return the result
   * @throws DisintoException when the thread is interrupted while waiting
   */
  public CiResult poll(long pr) {
    return poll(pr, prs.config().ciTimeout(), prs.config().ciInterval());
  }

  /**
   * Waits for CI on a PR's head commit. Mirrors {@code pr_poll_ci PR TIMEOUT INTERVAL}.
   *
   * <p>The head commit is read once; a PR that cannot be read is {@link CiState#UNREADABLE} at
   * once. No CI configured, or a PR that changes only documentation, is a success at once.
   * Otherwise each round first sleeps {@code interval}, then asks the {@link CiGate}: success ends
   * with success, failure or error with a failure (with the pipeline, its classification and the
   * failure digest when a pipeline is known), anything else polls on until the slept time reaches
   * {@code timeout}. Elapsed time counts the intervals slept, as the original's does. Each round
   * is logged with the state, the time elapsed and the time left.
   *
   * @param pr the PR number
   * @param timeout how long to poll, zero or more
   * @param interval the pause before each check, more than zero
   * @return the result
   * @throws IllegalArgumentException when the interval is not positive or the timeout negative
   * @throws DisintoException when the thread is interrupted while waiting
   */
  public CiResult poll(long pr, Duration timeout, Duration interval) {
    Waits.checkPolling(timeout, interval);
    try {
      return pollUntilDone(pr, timeout, interval);
    } finally {
      listener.waitEnded();
    }
  }

  private CiResult pollUntilDone(long pr, Duration timeout, Duration interval) {
    String sha;
    try {
      PullRequest p = prs.forge().get("/pulls/" + pr, PullRequest.class);
      sha = p.head() == null || p.head().sha() == null ? "" : p.head().sha();
    } catch (ForgeException e) {
      sha = "";
    }
    if (sha.isEmpty()) {
      log("cannot get HEAD SHA for PR #" + pr);
      return CiResult.of(CiState.UNREADABLE, "");
    }
    if (!gate.ciConfigured()) {
      log("no CI configured");
      return CiResult.of(CiState.SUCCESS, sha);
    }
    if (!ciRequired(pr)) {
      log("PR #" + pr + " non-code — CI not required");
      return CiResult.of(CiState.SUCCESS, sha);
    }
    log("polling CI for PR #" + pr + " SHA " + Texts.sha7(sha));
    Duration elapsed = Duration.ZERO;
    String subject = "CI on PR #" + pr;
    while (elapsed.compareTo(timeout) < 0) {
      listener.waiting(new WaitProgress(subject, elapsed, timeout));
      Waits.sleep(prs.sleeper(), interval, "polling CI");
      elapsed = elapsed.plus(interval);
      CommitState state = commitStatus(sha);
      switch (state) {
        case SUCCESS -> {
          log("CI passed");
          return CiResult.of(CiState.SUCCESS, sha);
        }
        case FAILURE, ERROR -> {
          return failure(sha);
        }
        default -> {
          subject = "CI on PR #" + pr + " (" + state.wireName() + ")";
          log("CI " + state.wireName() + " for PR #" + pr + " ("
            + Waits.seconds(elapsed) + "s elapsed, " + Waits.seconds(timeout.minus(elapsed))
            + "s left)");
        }
      }
    }
    log("CI timeout after " + Waits.seconds(timeout) + "s");
    return CiResult.of(CiState.TIMEOUT, sha);
  }

  /**
   * The log output of a pipeline's failed steps, at most its last {@code lines} lines; empty when
   * the gate has none or fails.
   */
  String stepLogs(long pipeline, int lines) {
    try {
      return Texts.tailLines(Objects.requireNonNullElse(gate.stepLogs(pipeline), ""), lines);
    } catch (DisintoException e) {
      return "";
    }
  }

  private CiResult failure(String sha) {
    OptionalLong pipeline;
    try {
      pipeline = Objects.requireNonNullElse(gate.pipelineNumber(sha), OptionalLong.empty());
    } catch (DisintoException e) {
      pipeline = OptionalLong.empty();
    }
    Optional<FailureType> type = Optional.empty();
    String errorLog = "";
    if (pipeline.isPresent()) {
      long n = pipeline.getAsLong();
      try {
        type = Optional.of(Objects.requireNonNullElse(gate.classify(n), FailureType.CODE));
      } catch (DisintoException e) {
        type = Optional.of(FailureType.CODE);
      }
      try {
        String digest = Objects.requireNonNullElse(gate.failureDigest(n), "");
        errorLog = Texts.stripTrailingNewlines(
            Texts.headBytes(Texts.tailLines(digest, ERROR_LOG_LINES), ERROR_LOG_BYTES));
      } catch (DisintoException e) {
        errorLog = "";
      }
    }
    log("CI failed (type: " + type.map(FailureType::wireName).orElse("unknown") + ")");
    return new CiResult(CiState.FAILURE, sha, pipeline, type, errorLog);
  }

  private boolean ciRequired(long pr) {
    try {
      return gate.ciRequiredForPr(pr);
    } catch (DisintoException e) {
      return true;
    }
  }

  private CommitState commitStatus(String sha) {
    try {
      return Objects.requireNonNullElse(gate.commitStatus(sha), CommitState.UNKNOWN);
    } catch (DisintoException e) {
      return CommitState.UNKNOWN;
    }
  }

  private static void log(String message) {
    LOG.info("pr-lifecycle: {}", message);
  }
}
