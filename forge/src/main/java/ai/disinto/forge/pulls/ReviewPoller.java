package ai.disinto.forge.pulls;

import ai.disinto.core.DisintoException;
import ai.disinto.core.WaitListener;
import ai.disinto.core.WaitProgress;
import ai.disinto.forge.client.ForgeException;
import ai.disinto.forge.client.model.Comment;
import ai.disinto.forge.client.model.PullRequest;
import ai.disinto.forge.client.model.Review;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for a review verdict on a PR. Mirrors {@code pr_poll_review} of {@code
 * lib/pr-lifecycle.sh}, reading the forge through a {@link PullRequests} and waiting on its
 * sleeper. Improvements over the original: a PR that cannot be read means "no verdict this
 * round", never "closed externally"; the verdict is read from the line after {@code ### Verdict},
 * only from comments of the configured review bots; the formal review fallback skips stale and
 * dismissed reviews, prefers reviews of the head commit and reads every page. Progress lines are
 * logged through SLF4J at INFO, prefixed {@code pr-lifecycle: }.
 *
 * <p>Instances are immutable and thread-safe when their collaborators are.
 */
public final class ReviewPoller {
  private static final Logger LOG = LoggerFactory.getLogger(ReviewPoller.class);
  private static final String REVIEWED_MARK = "<!-- reviewed: ";

  private final PullRequests prs;
  private final WaitListener listener;

  /**
   * Creates a poller.
   *
   * @param prs the PR service whose forge, settings (review bots, timings) and sleeper are used
   * @throws NullPointerException when {@code prs} is null
   */
  public ReviewPoller(PullRequests prs) {
    this(prs, WaitListener.NONE);
  }

  private ReviewPoller(PullRequests prs, WaitListener listener) {
    this.prs = Objects.requireNonNull(prs, "prs");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /**
   * A poller like this one that tells {@code listener} before each pause what it waits for (a
   * review of the PR) and how long it has waited, and when the wait is over.
   *
   * @param listener the listener; {@link WaitListener#NONE} for none
   * @return a new poller
   * @throws NullPointerException when {@code listener} is null
   */
  public ReviewPoller withWaitListener(WaitListener listener) {
    return new ReviewPoller(prs, listener);
  }

  /**
   * Waits for a review verdict with the configured timeout and interval. Mirrors {@code
   * pr_poll_review PR}.
   *
   * @param pr the PR number
   * @return the result
   * @throws DisintoException when the thread is interrupted while waiting
   */
  public ReviewResult poll(long pr) {
    return poll(pr, prs.config().reviewTimeout(), prs.config().reviewInterval());
  }

  /**
   * Waits for a review verdict. Mirrors {@code pr_poll_review PR TIMEOUT INTERVAL}.
   *
   * <p>Each round first sleeps {@code interval}, then reads the PR: merged or closed ends the
   * poll ({@link Verdict#MERGED_EXTERNALLY}, {@link Verdict#CLOSED_EXTERNALLY}); a PR that cannot
   * be read means no verdict this round. Then the last comment of a review bot that contains
   * {@code <!-- reviewed: HEAD_SHA} decides: an error review waits for the next round, otherwise
   * its verdict (see the package's verdict rules) is taken and its body is the review text.
   * Without a verdict there, the formal reviews decide: of the reviews that are neither stale nor
   * dismissed (those of the head commit when there are any), the last one's {@code APPROVED} or
   * {@code REQUEST_CHANGES}. Each waiting round is logged with the time elapsed and left.
   *
   * @param pr the PR number
   * @param timeout how long to poll, zero or more
   * @param interval the pause before each check, more than zero
   * @return the result; {@link Verdict#TIMEOUT} when the time ran out
   * @throws IllegalArgumentException when the interval is not positive or the timeout negative
   * @throws DisintoException when the thread is interrupted while waiting
   */
  public ReviewResult poll(long pr, Duration timeout, Duration interval) {
    Waits.checkPolling(timeout, interval);
    try {
      return pollUntilDone(pr, timeout, interval);
    } finally {
      listener.waitEnded();
    }
  }

  private ReviewResult pollUntilDone(long pr, Duration timeout, Duration interval) {
    log("polling review for PR #" + pr);
    Duration elapsed = Duration.ZERO;
    while (elapsed.compareTo(timeout) < 0) {
      listener.waiting(new WaitProgress("review of PR #" + pr, elapsed, timeout));
      Waits.sleep(prs.sleeper(), interval, "polling review");
      elapsed = elapsed.plus(interval);
      String left = Waits.seconds(elapsed) + "s elapsed, "
          + Waits.seconds(timeout.minus(elapsed)) + "s left";
      PullRequest p;
      try {
        p = prs.forge().get("/pulls/" + pr, PullRequest.class);
      } catch (ForgeException e) {
        log("cannot read PR #" + pr + " (" + (e.status() == 0 ? "no answer from the forge"
            : "HTTP " + e.status()) + ") — no verdict this round (" + left + ")");
        continue;
      }
      if (p.state() == null || p.state().isEmpty()) {
        log("PR #" + pr + " has no state — no verdict this round (" + left + ")");
        continue;
      }
      if (!p.isOpen()) {
        if (p.merged()) {
          log("PR #" + pr + " merged externally");
          return new ReviewResult(Verdict.MERGED_EXTERNALLY, "");
        }
        log("PR #" + pr + " closed externally");
        return new ReviewResult(Verdict.CLOSED_EXTERNALLY, "");
      }
      String sha = p.head() == null || p.head().sha() == null ? "" : p.head().sha();
      Optional<Comment> comment = sha.isEmpty() ? Optional.empty() : botReviewComment(pr, sha);
      String text = comment.map(c -> Objects.requireNonNullElse(c.body(), "")).orElse("");
      Optional<VerdictParser.Found> found = Optional.empty();
      if (comment.isPresent()) {
        if (text.contains("review-error") || text.contains("Review — Error")) {
          log("review error — waiting for re-review (" + left + ")");
          continue;
        }
        found = VerdictParser.parse(text);
      }
      Optional<Verdict> verdict = found.map(VerdictParser.Found::verdict);
      if (verdict.isEmpty()) {
        verdict = formalVerdict(pr, sha);
      }
      if (verdict.isPresent()) {
        String token = found.map(VerdictParser.Found::token).orElse(verdict.get().name());
        log("review verdict: " + verdict.get()
            + (verdict.get() == Verdict.UNRECOGNIZED ? " (**" + token + "**)" : ""));
        return new ReviewResult(verdict.get(), text);
      }
      log("waiting for review on PR #" + pr + " (" + left + ")");
    }
    log("review timeout after " + Waits.seconds(timeout) + "s");
    return new ReviewResult(Verdict.TIMEOUT, "");
  }

  private Optional<Comment> botReviewComment(long pr, String sha) {
    List<Comment> comments;
    try {
      comments = prs.forge().getAll("/issues/" + pr + "/comments", Comment.class);
    } catch (ForgeException e) {
      log("cannot read the comments of PR #" + pr + ": " + e.getMessage());
      return Optional.empty();
    }
    Comment last = null;
    for (Comment c : comments) {
      if (c.body() != null && c.body().contains(REVIEWED_MARK + sha) && byReviewBot(c)) {
        last = c;
      }
    }
    return Optional.ofNullable(last);
  }

  private boolean byReviewBot(Comment c) {
    var bots = prs.config().reviewBots();
    if (bots.isEmpty()) {
      return true;
    }
    return c.user() != null && c.user().login() != null
        && bots.contains(c.user().login().toLowerCase(Locale.ROOT));
  }

  private Optional<Verdict> formalVerdict(long pr, String sha) {
    List<Review> reviews;
    try {
      reviews = prs.forge().getAll("/pulls/" + pr + "/reviews", Review.class);
    } catch (ForgeException e) {
      log("cannot read the reviews of PR #" + pr + ": " + e.getMessage());
      return Optional.empty();
    }
    List<Review> current = new ArrayList<>();
    List<Review> ofHead = new ArrayList<>();
    for (Review r : reviews) {
      if (r.stale() || r.dismissed()) {
        continue;
      }
      current.add(r);
      if (!sha.isEmpty() && sha.equals(r.commitId())) {
        ofHead.add(r);
      }
    }
    List<Review> pool = ofHead.isEmpty() ? current : ofHead;
    if (pool.isEmpty()) {
      return Optional.empty();
    }
    String state = Objects.requireNonNullElse(pool.get(pool.size() - 1).state(), "");
    return switch (state) {
      case "APPROVED" -> Optional.of(Verdict.APPROVE);
      case "REQUEST_CHANGES" -> Optional.of(Verdict.REQUEST_CHANGES);
      default -> Optional.empty();
    };
  }

  private static void log(String message) {
    LOG.info("pr-lifecycle: {}", message);
  }
}
