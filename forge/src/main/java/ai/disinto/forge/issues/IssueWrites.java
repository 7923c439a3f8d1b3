package ai.disinto.forge.issues;

import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.ForgeException;
import ai.disinto.forge.client.ForgeResponse;
import ai.disinto.forge.client.model.Comment;
import ai.disinto.forge.client.model.Issue;
import ai.disinto.forge.client.model.Label;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single-request writes on one issue that {@link IssueLifecycle} and {@link ClaimProtocol}
 * are made of (and the read of the issue they confirm against): PATCHes of the assignee or state,
 * workflow labels added and removed by id, and comments. Each write returns the {@link
 * StepFailure} when the forge refused or did not answer. A write whose answer was lost is checked
 * on the issue (or its comments), never sent again blindly; a label write that fails because the
 * cached id is stale is retried once with a fresh id.
 */
final class IssueWrites {
  private static final Logger LOG = LoggerFactory.getLogger(IssueLifecycle.class);
  /** How the message of a comment failure starts when the forge may have posted it. */
  static final String UNCONFIRMED = "answer lost";

  private final ForgeClient forge;
  private final LabelCache labels;

  IssueWrites(ForgeClient forge, LabelCache labels) {
    this.forge = forge;
    this.labels = labels;
  }

  static String issuePath(long issue) {
    return "/issues/" + issue;
  }

  /** The login of the assignee, or empty when the issue is not assigned. */
  static String assignee(Issue issue) {
    if (issue.assignee() != null && issue.assignee().login() != null) {
      return issue.assignee().login();
    }
    return issue.assignees().isEmpty() || issue.assignees().get(0).login() == null
        ? "" : issue.assignees().get(0).login();
  }

  static boolean hasLabel(Issue issue, StandardLabel label) {
    return issue.labels().stream().anyMatch(l -> label.labelName().equals(l.name()));
  }

  /**
   * Reads the issue.
   *
   * @throws ForgeException when it cannot be read
   */
  Issue readIssue(long issue) {
    return forge.get(issuePath(issue), Issue.class);
  }

  Optional<StepFailure> unassign(long issue) {
    return patch(issue, Map.of("assignees", List.of()), "unassign", i -> assignee(i).isEmpty());
  }

  /** One PATCH of the issue; when its answer is lost, the issue is read to see if it applied. */
  Optional<StepFailure> patch(long issue, Map<String, ?> body, String step,
      Predicate<Issue> applied) {
    try {
      ForgeResponse r = forge.send("PATCH", issuePath(issue), body);
      return r.ok() ? Optional.empty() : Optional.of(Writes.failure(step, r));
    } catch (ForgeException e) {
      return unlessApplied(issue, e, step, applied);
    }
  }

  /**
   * The failure of a write that threw, unless its answer was lost and the issue, read again,
   * shows it applied.
   */
  private Optional<StepFailure> unlessApplied(long issue, ForgeException e, String step,
      Predicate<Issue> applied) {
    if (Writes.answerLost(e)) {
      try {
        if (applied.test(readIssue(issue))) {
          return Optional.empty();
        }
      } catch (ForgeException lookup) {
        return Optional.of(Writes.failure(step, e));
      }
    }
    return Optional.of(Writes.failure(step, e));
  }

  /**
   * Posts text that has already been redacted, once: when the answer is lost the comments are
   * searched for the text, and a miss is reported (message starting {@value #UNCONFIRMED}), not
   * retried.
   */
  Optional<StepFailure> postOnce(long issue, String text) {
    try {
      ForgeResponse r = forge.send("POST", issuePath(issue) + "/comments", Map.of("body", text));
      return r.ok() ? Optional.empty() : Optional.of(Writes.failure("comment", r));
    } catch (ForgeException e) {
      if (!Writes.answerLost(e)) {
        return Optional.of(Writes.failure("comment", e));
      }
      LOG.info("{}the answer to a comment on issue #{} was lost; looking it up",
          IssueLifecycle.PREFIX, issue);
      try {
        List<Comment> comments = forge.getAll(issuePath(issue) + "/comments", Comment.class);
        if (comments.stream().anyMatch(c -> text.equals(c.body()))) {
          return Optional.empty();
        }
        return Optional.of(new StepFailure("comment", 0,
            UNCONFIRMED + " and the comment is not on the issue: " + e.getMessage()));
      } catch (ForgeException lookup) {
        return Optional.of(new StepFailure("comment", 0,
            UNCONFIRMED + " and the comments cannot be read: " + lookup.getMessage()));
      }
    }
  }

  /**
   * Adds a workflow label (created when missing), by name when its id is not known yet (see {@link
   * #addLabelSeeing}). When the write by id fails with 404 or 422, or
   * succeeds without the label (Forgejo silently skips unknown ids), the cached id is stale: it is
   * dropped, looked up again and the write retried once. A lost answer is checked on the issue.
   */
  Optional<StepFailure> addLabel(long issue, StandardLabel label) {
    return addLabelSeeing(issue, label).failure();
  }

  /**
   * What adding a label came to: the failure, if any, and the labels the issue carries now when
   * the answer listed them ({@code null} when it did not, or the write failed).
   */
  record Added(Optional<StepFailure> failure, List<Label> labelsNow) {}

  /**
   * Adds a workflow label as {@link #addLabel} does. When its id is not known yet, it is added by
   * name ({@code {"labels":["backlog"]}}, which Forgejo takes since 1.21): one request instead of
   * listing the labels first, and the answer teaches the ids of every label on the issue. When
   * the answer lacks the label (no label of that name) or the forge refuses names (400 or 422 from
   * an older forge), it is added by id, created when missing.
   */
  Added addLabelSeeing(long issue, StandardLabel label) {
    String step = "add-label " + label.labelName();
    if (labels.known(label.labelName()).isEmpty()) {
      try {
        List<Label> now = forge.call("POST", issuePath(issue) + "/labels",
            Map.of("labels", List.of(label.labelName())), ForgeClient.listOf(Label.class));
        if (now != null) {
          labels.learn(now);
          if (now.stream().anyMatch(l -> label.labelName().equals(l.name()))) {
            return new Added(Optional.empty(), now);
          }
        }
      } catch (ForgeException e) {
        if (Writes.answerLost(e)) {
          return new Added(unlessApplied(issue, e, step, i -> hasLabel(i, label)), null);
        }
        if (e.status() != 400 && e.status() != 422) {
          return new Added(Optional.of(Writes.failure(step, e)), null);
        }
      }
    }
    return new Added(addLabelById(issue, label, step), null);
  }

  private Optional<StepFailure> addLabelById(long issue, StandardLabel label, String step) {
    try {
      long id = labels.ensure(label.labelName(), label.color());
      Optional<StepFailure> first = tryAdd(issue, id, step);
      if (first.isEmpty()) {
        return first;
      }
      if (!staleId(first.get())) {
        return first;
      }
      labels.forget(label.labelName(), id);
      long again = labels.ensure(label.labelName(), label.color());
      return tryAdd(issue, again, step);
    } catch (ForgeException e) {
      return Optional.of(Writes.failure(step, e));
    }
  }

  private static boolean staleId(StepFailure f) {
    return f.httpStatus() == 404 || f.httpStatus() == 422 || f.httpStatus() == 200;
  }

  /** One add; status 200 in the failure means the answer lacked the label. */
  private Optional<StepFailure> tryAdd(long issue, long id, String step) {
    try {
      List<Label> now = forge.call("POST", issuePath(issue) + "/labels",
          Map.of("labels", List.of(id)), ForgeClient.listOf(Label.class));
      if (now != null) {
        labels.learn(now);
      }
      if (now == null || now.stream().anyMatch(l -> l.id() == id)) {
        return Optional.empty();
      }
      return Optional.of(new StepFailure(step, 200, "the forge did not add label id " + id));
    } catch (ForgeException e) {
      return unlessApplied(issue, e, step, i -> i.labels().stream().anyMatch(l -> l.id() == id));
    }
  }

  /** Removes a workflow label by its cached id, with the same stale-id retry as adding. */
  Optional<StepFailure> removeLabel(long issue, StandardLabel label) {
    String step = "remove-label " + label.labelName();
    try {
      OptionalLong id = labels.find(label.labelName());
      if (id.isEmpty()) {
        return Optional.empty();
      }
      Optional<StepFailure> first = removeLabelId(issue, id.getAsLong(), step);
      if (first.isEmpty() || !(first.get().httpStatus() == 404
          || first.get().httpStatus() == 422)) {
        return first;
      }
      labels.forget(label.labelName(), id.getAsLong());
      OptionalLong again = labels.find(label.labelName());
      return again.isEmpty() ? Optional.empty() : removeLabelId(issue, again.getAsLong(), step);
    } catch (ForgeException e) {
      return Optional.of(Writes.failure(step, e));
    }
  }

  /** One DELETE of a label from an issue (idempotent, so a lost answer is a plain failure). */
  Optional<StepFailure> removeLabelId(long issue, long id, String step) {
    try {
      ForgeResponse r = forge.send("DELETE", issuePath(issue) + "/labels/" + id, null);
      return r.ok() ? Optional.empty() : Optional.of(Writes.failure(step, r));
    } catch (ForgeException e) {
      return Optional.of(Writes.failure(step, e));
    }
  }
}
