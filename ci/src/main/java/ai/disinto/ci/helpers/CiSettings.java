package ai.disinto.ci.helpers;

import java.util.OptionalLong;

/**
 * The CI configuration the helpers read: the raw {@code WOODPECKER_REPO_ID}.
 *
 * <p>{@code "0"} means "no CI configured". Unset or empty still counts as configured for {@link
 * CiService#passed} (the original substitutes the historic default id), but no Woodpecker request
 * is made. A value that is not a number is never sent to Woodpecker either.
 *
 * @param woodpeckerRepoId the value as configured; {@code null} is read as empty
 */
public record CiSettings(String woodpeckerRepoId) {
  /** Reads {@code null} as empty. */
  public CiSettings {
    woodpeckerRepoId = woodpeckerRepoId == null ? "" : woodpeckerRepoId;
  }

  /**
   * Whether the project has no CI.
   *
   * @return true only when the repo id is exactly {@code 0}
   */
  public boolean noCi() {
    return "0".equals(woodpeckerRepoId);
  }

  /**
   * Whether commit states and pipeline numbers are asked of Woodpecker before the forge.
   *
   * @return true when the repo id is a positive number
   */
  public boolean queryWoodpecker() {
    return repoId().isPresent();
  }

  /**
   * The repo id as a number.
   *
   * @return the id when it is a positive whole number, else empty
   */
  public OptionalLong repoId() {
    try {
      long id = Long.parseLong(woodpeckerRepoId.trim());
      return id > 0 ? OptionalLong.of(id) : OptionalLong.empty();
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /**
   * Whether a state counts as CI passing. Mirrors {@code ci_passed}; {@link CiService#passed}.
   *
   * @param status the state
   * @return true for {@code success}; with no CI configured (repo id {@code 0}) also for the empty
   *     state, {@code pending} and {@code unknown}
   */
  public boolean passed(CiStatus status) {
    String s = status.raw();
    if (s.equals("success")) {
      return true;
    }
    return noCi() && (s.isEmpty() || s.equals("pending") || s.equals("unknown"));
  }

  /**
   * Whether a state means CI definitively failed. Mirrors {@code ci_failed}; {@link
   * CiService#failed}.
   *
   * @param status the state
   * @return false for the empty state, {@code pending}, {@code unknown} and passing states; true
   *     for everything else ({@code warning} included)
   */
  public boolean failed(CiStatus status) {
    String s = status.raw();
    if (s.isEmpty() || s.equals("pending") || s.equals("unknown")) {
      return false;
    }
    return !passed(status);
  }
}
