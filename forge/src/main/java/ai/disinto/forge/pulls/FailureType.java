package ai.disinto.forge.pulls;

import java.util.Locale;

/** Why a CI pipeline failed, as {@code classify_pipeline_failure} says. */
public enum FailureType {
  /** The infrastructure failed (agent lost, clone failed, ...): pushing again may be enough. */
  INFRA,
  /** The code failed its checks: someone has to fix it. */
  CODE;

  /**
   * The word the original uses in {@code _PR_CI_FAILURE_TYPE}.
   *
   * @return {@code infra} or {@code code}
   */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
