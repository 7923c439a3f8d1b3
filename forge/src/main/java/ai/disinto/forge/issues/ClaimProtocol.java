package ai.disinto.forge.issues;

import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.ForgeException;
import ai.disinto.forge.client.ForgeProtocolException;
import ai.disinto.forge.client.ForgeResponse;
import ai.disinto.forge.client.model.Issue;
import ai.disinto.forge.client.model.Label;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The claim of {@link IssueLifecycle#claim}: the claim ref taken first (a stale one broken after
 * the grace period), then the visible protocol (assignee, {@code in-progress}, no {@code blocked}
 * or {@code backlog}), every applied step undone in reverse order when a later one fails. The
 * answer to the assignment PATCH is the read-back (the issue as stored); a lost or unreadable
 * answer is settled by reading the issue again.
 */
final class ClaimProtocol {
  private static final Logger LOG = LoggerFactory.getLogger(IssueLifecycle.class);
  private static final String PREFIX = IssueLifecycle.PREFIX;

  private final ForgeClient forge;
  private final IssueWrites writes;
  private final ClaimRefs refs;
  private final Clock clock;
  private final Duration claimGrace;

  ClaimProtocol(ForgeClient forge, IssueWrites writes, Clock clock, Duration claimGrace) {
    this.forge = forge;
    this.writes = writes;
    this.refs = new ClaimRefs(forge);
    this.clock = clock;
    this.claimGrace = claimGrace;
  }

  /** Claims the issue for {@code login}, the caller's checked identity. */
  ClaimResult claim(long issue, String login) {
    Issue before;
    try {
      before = writes.readIssue(issue);
    } catch (ForgeException e) {
      LOG.warn("{}cannot read issue #{} to claim it (HTTP {})", PREFIX, issue, e.status());
      return failed("read", e);
    }
    String current = IssueWrites.assignee(before);
    if (!current.isEmpty() && !current.equals(login)) {
      LOG.info("{}issue #{} is already assigned to {} — not claiming it", PREFIX, issue, current);
      return new ClaimResult.AlreadyAssigned(current);
    }
    if (forge.dryRun()) {
      return dryRunClaim(issue, login, before);
    }
    Deque<Undo> undo = new ArrayDeque<>();
    Optional<ClaimResult> refOutcome = takeClaimRef(issue, login, current, undo);
    if (refOutcome.isPresent()) {
      return refOutcome.get();
    }
    int patchStatus;
    Issue answered = null;
    try {
      ForgeResponse patch = forge.send("PATCH", IssueWrites.issuePath(issue),
          Map.of("assignees", List.of(login)));
      patchStatus = patch.status();
      if (!patch.ok()) {
        return rollBack(issue, undo, Writes.failure("patch", patch));
      }
      answered = answeredIssue(patch);
    } catch (ForgeException e) {
      if (current.isEmpty()) {
        undo.push(unassignUndo(issue, login));
      }
      if (!Writes.answerLost(e)) {
        return rollBack(issue, undo, Writes.failure("patch", e));
      }
      // The PATCH may have been applied: the re-read below tells.
      LOG.info("{}the answer to assigning issue #{} was lost; reading it back", PREFIX, issue);
      patchStatus = 0;
    }
    if (current.isEmpty() && patchStatus != 0) {
      undo.push(unassignUndo(issue, login));
    }
    // The PATCH answers the issue as the forge stored it (assignees dropped when the poster may
    // not assign, #856): that is the read-back. Only a lost or unreadable answer is read again.
    Issue after = answered;
    if (after == null) {
      try {
        after = writes.readIssue(issue);
      } catch (ForgeException e) {
        return rollBack(issue, undo, Writes.failure("reread", e));
      }
    }
    String actual = IssueWrites.assignee(after);
    if (actual.isEmpty()) {
      // Forgejo answers 201 but drops the assignees of a poster without write access (#856).
      return rollBack(issue, undo, new StepFailure("patch", patchStatus, patchStatus == 0
          ? "the answer was lost and the issue is not assigned"
          : "the forge ignored the assignment (no write access?)"));
    }
    if (!actual.equals(login)) {
      // An agent outside the claim-ref protocol assigned it meanwhile: theirs, not ours to undo.
      undo.removeIf(u -> u.what().startsWith("assignee "));
      LOG.info("{}lost the race for issue #{}: now assigned to {}", PREFIX, issue, actual);
      ClaimResult rolled = rollBack(issue, undo, new StepFailure("reread", 200,
          "assigned to " + actual));
      return rolled instanceof ClaimResult.Partial ? rolled
          : new ClaimResult.AlreadyAssigned(actual);
    }
    if (!IssueWrites.hasLabel(after, StandardLabel.IN_PROGRESS)) {
      Optional<StepFailure> added = writes.addLabel(issue, StandardLabel.IN_PROGRESS);
      if (added.isPresent()) {
        return rollBack(issue, undo, rename(added.get(), "label"));
      }
      undo.push(new Undo("label in-progress",
          () -> writes.removeLabel(issue, StandardLabel.IN_PROGRESS)));
    }
    for (StandardLabel gone : List.of(StandardLabel.BLOCKED, StandardLabel.BACKLOG)) {
      for (Label l : after.labels()) {
        if (gone.labelName().equals(l.name())) {
          Optional<StepFailure> removed = writes.removeLabelId(issue, l.id(), "unlabel");
          if (removed.isPresent()) {
            return rollBack(issue, undo, removed.get());
          }
          undo.push(new Undo("label " + gone.labelName() + " removed",
              () -> writes.addLabel(issue, gone)));
        }
      }
    }
    LOG.info("{}claimed issue #{}", PREFIX, issue);
    return new ClaimResult.Claimed(login);
  }

  /**
   * A dry run's claim: the reads a claim starts with (the issue, its claim ref) are done, the
   * writes are only logged, and the answer is what the claim would have ended with.
   */
  private ClaimResult dryRunClaim(long issue, String login, Issue before) {
    try {
      Optional<ClaimRefs.Holder> held = refs.read(issue);
      if (held.isPresent() && !held.get().login().equals(login)
          && Duration.between(held.get().since(), clock.instant()).compareTo(claimGrace) <= 0) {
        LOG.info("{}dry run: issue #{} is being claimed by {} — would not claim it", PREFIX,
            issue, held.get().login());
        return new ClaimResult.LostRace(held.get().login());
      }
    } catch (ForgeException e) {
      return failed("claim-ref", e);
    }
    LOG.info("{}dry run: would claim issue #{} for {} (claim ref {}, assignee, label {}{});"
        + " nothing sent", PREFIX, issue, login, ClaimRefs.claimBranch(issue),
        StandardLabel.IN_PROGRESS.labelName(),
        IssueWrites.hasLabel(before, StandardLabel.BACKLOG) ? ", unlabel backlog" : "");
    return new ClaimResult.Claimed(login);
  }

  /**
   * Takes the claim ref for {@code login}, or reuses the one it already holds. On success pushes
   * the undo of what it created and returns empty; otherwise the result to return.
   */
  private Optional<ClaimResult> takeClaimRef(long issue, String login, String current,
      Deque<Undo> undo) {
    Optional<ClaimRefs.Holder> held;
    try {
      held = refs.read(issue);
    } catch (ForgeException e) {
      LOG.warn("{}cannot read the claim ref of issue #{} ({})", PREFIX, issue, e.getMessage());
      return Optional.of(failed("claim-ref", e));
    }
    if (held.isPresent()) {
      ClaimRefs.Holder h = held.get();
      if (h.login().equals(login) && current.equals(login)) {
        return Optional.empty();
      }
      Optional<ClaimResult> broken = breakStale(issue, h);
      if (broken.isPresent()) {
        return broken;
      }
    }
    String marker;
    boolean won;
    try {
      marker = refs.createMarker(issue, login);
      won = refs.create(issue, marker);
    } catch (ForgeException e) {
      LOG.warn("{}cannot create the claim ref of issue #{} ({}){}", PREFIX, issue, e.getMessage(),
          e.status() == 403 ? "; is " + login + " a write collaborator?" : "");
      return Optional.of(failed("claim-ref", e));
    }
    if (!won) {
      String holder = "";
      try {
        holder = refs.read(issue).map(ClaimRefs.Holder::login).orElse("");
      } catch (ForgeException e) {
        holder = "";
      }
      LOG.info("{}lost the race for issue #{}{}", PREFIX, issue,
          holder.isEmpty() ? "" : ": claimed by " + holder);
      return Optional.of(new ClaimResult.LostRace(holder));
    }
    ClaimRefs.Holder mine = new ClaimRefs.Holder(login, marker, Instant.EPOCH);
    undo.push(new Undo("claim ref " + ClaimRefs.claimBranch(issue), () -> {
      try {
        refs.remove(issue, mine);
        return Optional.empty();
      } catch (ForgeException e) {
        return Optional.of(Writes.failure("claim-ref", e));
      }
    }));
    return Optional.empty();
  }

  /**
   * Leaves a claim ref younger than the grace period alone (a claim under way: the race is lost)
   * and breaks an older one. Empty when it was broken and the claim may go on.
   */
  private Optional<ClaimResult> breakStale(long issue, ClaimRefs.Holder h) {
    Duration age = Duration.between(h.since(), clock.instant());
    if (age.compareTo(claimGrace) <= 0) {
      LOG.info("{}issue #{} is being claimed by {} — not claiming it", PREFIX, issue,
          h.login().isEmpty() ? "another agent" : h.login());
      return Optional.of(new ClaimResult.LostRace(h.login()));
    }
    LOG.info("{}the claim of {} on issue #{} is stale (taken {} s ago, not assigned); breaking"
        + " it", PREFIX, h.login().isEmpty() ? "an unknown agent" : h.login(), issue,
        age.toSeconds());
    try {
      if (refs.remove(issue, h) == ClaimRefs.Removal.BUSY) {
        LOG.info("{}another agent is breaking the stale claim on issue #{}", PREFIX, issue);
        return Optional.of(new ClaimResult.LostRace(""));
      }
    } catch (ForgeException e) {
      LOG.warn("{}cannot break the stale claim on issue #{} ({})", PREFIX, issue,
          e.getMessage());
      return Optional.of(failed("claim-ref", e));
    }
    return Optional.empty();
  }

  /** The issue a PATCH answered with, or null when its body is not one (then it is re-read). */
  private Issue answeredIssue(ForgeResponse patch) {
    try {
      return forge.bind(patch, Issue.class);
    } catch (ForgeProtocolException e) {
      return null;
    }
  }

  /** Removes the claim ref of an issue, whoever holds it. */
  Optional<StepFailure> release(long issue) {
    try {
      Optional<ClaimRefs.Holder> held = refs.read(issue);
      if (held.isPresent()) {
        refs.remove(issue, held.get());
      }
      return Optional.empty();
    } catch (ForgeException e) {
      return Optional.of(Writes.failure("claim-ref", e));
    }
  }

  /** Something a claim applied, and how to take it back. */
  private record Undo(String what, Supplier<Optional<StepFailure>> action) {}

  private Undo unassignUndo(long issue, String login) {
    return new Undo("assignee " + login, () -> writes.unassign(issue));
  }

  /** Undoes in reverse order; Failed when everything was undone, Partial naming what is left. */
  private static ClaimResult rollBack(long issue, Deque<Undo> undo, StepFailure cause) {
    List<String> left = new ArrayList<>();
    while (!undo.isEmpty()) {
      Undo u = undo.pop();
      Optional<StepFailure> f = u.action().get();
      if (f.isPresent()) {
        left.add(u.what());
        LOG.warn("{}could not undo {} on issue #{}: {}", PREFIX, u.what(), issue,
            f.get().describe());
      }
    }
    if (left.isEmpty()) {
      LOG.warn("{}did not claim issue #{}: {}; nothing of the claim is left", PREFIX, issue,
          cause.describe());
      return new ClaimResult.Failed(cause.step(), cause.httpStatus(), cause.message());
    }
    LOG.warn("{}claim of issue #{} half done: {}; still applied: {}", PREFIX, issue,
        cause.describe(), String.join(", ", left));
    return new ClaimResult.Partial(cause.step(), cause.httpStatus(), cause.message(), left);
  }

  /** A claim that failed at {@code step} with nothing applied. */
  static ClaimResult.Failed failed(String step, ForgeException e) {
    StepFailure f = Writes.failure(step, e);
    return new ClaimResult.Failed(step, f.httpStatus(), f.message());
  }

  private static StepFailure rename(StepFailure f, String step) {
    return new StepFailure(step, f.httpStatus(), f.message());
  }
}
