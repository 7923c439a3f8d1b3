package ai.disinto.core.config;

/**
 * The factory's bot identities and the variable that holds each one's forge token.
 *
 * <p>Mirrors the per-agent token block of {@code lib/env.sh} (#747): every identity but
 * {@link #REVIEW} falls back to {@code FORGE_TOKEN} when its own variable is empty; the review
 * token falls back only to the legacy {@code REVIEW_BOT_TOKEN}.
 */
public enum AgentIdentity {
  /** The dev agent; its token is the factory default. */
  DEV("FORGE_TOKEN"),
  /** The review agent. */
  REVIEW("FORGE_REVIEW_TOKEN"),
  /** The planner agent. */
  PLANNER("FORGE_PLANNER_TOKEN"),
  /** The gardener agent. */
  GARDENER("FORGE_GARDENER_TOKEN"),
  /** The vault agent. */
  VAULT("FORGE_VAULT_TOKEN"),
  /** The supervisor agent. */
  SUPERVISOR("FORGE_SUPERVISOR_TOKEN"),
  /** The predictor agent. */
  PREDICTOR("FORGE_PREDICTOR_TOKEN"),
  /** The architect agent. */
  ARCHITECT("FORGE_ARCHITECT_TOKEN");

  private final String tokenVariable;

  AgentIdentity(String tokenVariable) {
    this.tokenVariable = tokenVariable;
  }

  /**
   * The environment variable holding this identity's token.
   *
   * @return a name such as {@code FORGE_PLANNER_TOKEN}
   */
  public String tokenVariable() {
    return tokenVariable;
  }

  /**
   * Whether an empty token of this identity falls back to {@code FORGE_TOKEN}.
   *
   * @return false for {@link #DEV} (it is {@code FORGE_TOKEN}) and {@link #REVIEW}
   */
  public boolean fallsBackToForgeToken() {
    return this != DEV && this != REVIEW;
  }
}
