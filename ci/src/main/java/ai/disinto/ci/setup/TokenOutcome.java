package ai.disinto.ci.setup;

/** How {@link CiSetup#generateWoodpeckerToken} ended. */
public enum TokenOutcome {
  /** {@code .env} already had a non-empty {@code WOODPECKER_TOKEN}; nothing was done. */
  ALREADY_SET,
  /** A personal access token was made, checked and saved. */
  GENERATED_PERSONAL,
  /**
   * Only the session token could be had and was saved: it expires, and cannot make non-GET calls
   * without a CSRF header.
   */
  GENERATED_SESSION_ONLY,
  /** No token; see the reason. */
  FAILED
}
