package ai.disinto.forge.issues;

import java.util.Objects;

/**
 * The outcome of {@link IssueLifecycle#claim(long)}: the issue is ours, someone else holds it, or
 * a step failed. Mirrors the return code of {@code issue_claim} (0 for {@link Claimed}, 1
 * otherwise), with the reason kept.
 */
public sealed interface ClaimResult {
  /**
   * Whether the claim succeeded, the original's return code 0.
   *
   * @return true for {@link Claimed}
   */
  default boolean claimed() {
    return this instanceof Claimed;
  }

  /**
   * The issue is assigned to us and labelled {@code in-progress}.
   *
   * @param login our login, the assignee
   */
  record Claimed(String login) implements ClaimResult {
    /** Checks the login. */
    public Claimed {
      Objects.requireNonNull(login, "login");
    }
  }

  /**
   * Another login holds the issue: it was assigned before we looked, or another agent's assignment
   * won the race after our PATCH. No label was touched.
   *
   * @param assignee the login holding the issue
   */
  record AlreadyAssigned(String assignee) implements ClaimResult {
    /** Checks the assignee. */
    public AlreadyAssigned {
      Objects.requireNonNull(assignee, "assignee");
    }
  }

  /**
   * A request of the claim failed; no label was touched.
   *
   * @param step {@code whoami} (GET /user, also when it has no login), {@code read} (GET of the
   *     issue), {@code patch} (the assignment) or {@code reread} (GET of the issue after the
   *     assignment)
   * @param httpStatus the HTTP status, or 0 when no response arrived
   */
  record Failed(String step, int httpStatus) implements ClaimResult {
    /** Checks the step. */
    public Failed {
      Objects.requireNonNull(step, "step");
    }
  }
}
