package ai.disinto.forge.pulls;

import java.util.Locale;

/**
 * The combined CI state of one commit, as a {@link CiGate} reports it. Mirrors the words {@code
 * ci_commit_status} prints; only {@link #SUCCESS}, {@link #FAILURE} and {@link #ERROR} end a CI
 * poll, the others mean "keep polling".
 */
public enum CommitState {
  /** Every required check passed. */
  SUCCESS,
  /** A check failed. */
  FAILURE,
  /** A check errored (treated as a failure). */
  ERROR,
  /** Checks are still running or queued. */
  PENDING,
  /** No state could be read (no status yet, or the CI did not answer). */
  UNKNOWN;

  /**
   * Reads a status word as Forgejo and Woodpecker write it.
   *
   * @param word {@code success}, {@code failure}, {@code error}, {@code pending} (any case);
   *     anything else, empty or {@code null} is {@link #UNKNOWN}
   * @return the state
   */
  public static CommitState parse(String word) {
    if (word == null) {
      return UNKNOWN;
    }
    return switch (word.trim().toLowerCase(Locale.ROOT)) {
      case "success" -> SUCCESS;
      case "failure" -> FAILURE;
      case "error" -> ERROR;
      case "pending", "running", "started" -> PENDING;
      default -> UNKNOWN;
    };
  }

  /**
   * Tells whether this state ends a CI poll.
   *
   * @return true for success, failure and error
   */
  public boolean isFinal() {
    return this == SUCCESS || this == FAILURE || this == ERROR;
  }

  /**
   * The status word, as {@code ci_commit_status} prints it.
   *
   * @return lower case, such as {@code pending}
   */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
