package ai.disinto.forge.pulls;

import java.util.Objects;

/**
 * What {@link PullRequests#isMerged} read: merged, not merged, or nothing (the PR could not be
 * read, which the original reports as "not merged").
 *
 * @param state what the forge said
 * @param httpStatus the status of the read; 0 when the forge did not answer
 * @param message when unreadable, the forge's {@code message} or the reason it did not answer;
 *     else empty
 */
public record MergedCheck(State state, int httpStatus, String message) {

  /** What a merged check can say. */
  public enum State {
    /** The forge says the PR is merged. */
    MERGED,
    /** The forge says the PR is not merged (open, or closed without merge). */
    NOT_MERGED,
    /** The PR could not be read. */
    UNREADABLE
  }

  /** Checks the state and replaces an absent message with an empty one. */
  public MergedCheck {
    Objects.requireNonNull(state, "state");
    message = Objects.requireNonNullElse(message, "");
  }

  /**
   * Tells whether the PR is known to be merged.
   *
   * @return true only for {@link State#MERGED}
   */
  public boolean merged() {
    return state == State.MERGED;
  }
}
