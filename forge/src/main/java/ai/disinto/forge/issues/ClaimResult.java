package ai.disinto.forge.issues;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@link IssueLifecycle#claim(long)}. A claim is all or nothing: it ends {@link
 * Claimed}, or the issue is left as it was ({@link AlreadyAssigned}, {@link LostRace}, {@link
 * Failed}); only when undoing a half-done claim itself failed is the result {@link Partial}, which
 * names what is left. Mirrors the return code of {@code issue_claim} (0 for {@link Claimed}, 1
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
   * Whether another agent holds the issue: {@link AlreadyAssigned} or {@link LostRace}.
   *
   * @return true when the claim lost to someone else
   */
  default boolean lost() {
    return this instanceof AlreadyAssigned || this instanceof LostRace;
  }

  /**
   * The issue is ours: assigned to us, labelled {@code in-progress}, without {@code backlog} or
   * {@code blocked}, and its claim ref names us.
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
   * The issue was assigned to another login: before we looked, or by an agent that does not take
   * claim refs (a shell agent) while we claimed. Nothing of ours is left on the issue.
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
   * Another agent's claim ref stands: it was created first (the forge refused ours), or it is
   * recent enough that its claim may still be under way. Nothing was written to the issue.
   *
   * @param holder the login the claim ref names, empty when it could not be read
   */
  record LostRace(String holder) implements ClaimResult {
    /** Checks the holder. */
    public LostRace {
      Objects.requireNonNull(holder, "holder");
    }
  }

  /**
   * A request of the claim failed; whatever the claim had applied was undone, so the issue is as
   * it was.
   *
   * @param step {@code whoami} (GET /user, also when it has no login), {@code read} (GET of the
   *     issue), {@code claim-ref} (reading, creating or breaking the claim ref), {@code patch}
   *     (the assignment, also when the forge ignored it), {@code reread} (GET of the issue after
   *     the assignment), {@code label} (adding {@code in-progress}) or {@code unlabel} (removing
   *     {@code backlog} or {@code blocked})
   * @param httpStatus the HTTP status, or 0 when no answer arrived
   * @param message the forge's message or what went wrong; never null
   */
  record Failed(String step, int httpStatus, String message) implements ClaimResult {
    /** Checks the parts. */
    public Failed {
      Objects.requireNonNull(step, "step");
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * A request of the claim failed and undoing what had been applied failed too: the issue is
   * neither claimed nor as it was.
   *
   * @param step the step that failed, as in {@link Failed#step()}
   * @param httpStatus its HTTP status, or 0 when no answer arrived
   * @param message the forge's message or what went wrong
   * @param leftovers what is still applied, such as {@code assignee dev-bot}, {@code label
   *     in-progress}, {@code label backlog removed} or {@code claim ref claims/issue-7}
   */
  record Partial(String step, int httpStatus, String message, List<String> leftovers)
      implements ClaimResult {
    /** Checks the parts and freezes the list. */
    public Partial {
      Objects.requireNonNull(step, "step");
      Objects.requireNonNull(message, "message");
      leftovers = List.copyOf(leftovers);
    }
  }
}
