package ai.disinto.forge.pulls;

import java.util.OptionalLong;

/**
 * What CI polling needs to know about the CI system. The ci module implements it on Woodpecker;
 * tests pass a scripted one. A port, so that forge does not depend on ci.
 *
 * <p>Mirrors the {@code lib/ci-helpers.sh} functions {@code pr_poll_ci} calls, together with its
 * {@code WOODPECKER_REPO_ID} check. Methods should not throw for an unreachable CI; when they do
 * throw a {@link ai.disinto.core.DisintoException}, {@link CiPoller} treats it as the original
 * treats a failing helper ({@code || true}): status unknown, no pipeline, type code, no log.
 */
public interface CiGate {

  /**
   * Tells whether the project has CI at all.
   *
   * @return false only when {@code WOODPECKER_REPO_ID} is exactly {@code 0} (unset counts as
   *     configured)
   */
  boolean ciConfigured();

  /**
   * Tells whether a PR needs CI. Mirrors {@code ci_required_for_pr}.
   *
   * @param pr the PR number
   * @return false when every changed file is under {@code docs/}, {@code formulas/} or {@code
   *     evidence/} or ends in {@code .md}; true when the file list is unreadable or empty
   */
  boolean ciRequiredForPr(long pr);

  /**
   * The combined CI state of a commit. Mirrors {@code ci_commit_status}.
   *
   * @param sha the full commit id
   * @return the state; {@link CommitState#UNKNOWN} when it cannot be read. Only a {@linkplain
   *     CommitState#isFinal() final} state ends a poll
   */
  CommitState commitStatus(String sha);

  /**
   * The CI pipeline that ran for a commit. Mirrors {@code ci_pipeline_number}.
   *
   * @param sha the full commit id
   * @return the pipeline number, when one is known
   */
  OptionalLong pipelineNumber(String sha);

  /**
   * Whether a failed pipeline failed for infrastructure reasons. Mirrors the first word of
   * {@code classify_pipeline_failure}.
   *
   * @param pipeline the pipeline number
   * @return {@link FailureType#INFRA} or {@link FailureType#CODE} (code when unsure)
   */
  FailureType classify(long pipeline);

  /**
   * A digest of the failing steps. Mirrors {@code lib/ci-debug.sh failures N}; {@link CiPoller}
   * keeps its last 80 lines and at most 8000 bytes.
   *
   * @param pipeline the pipeline number
   * @return the digest, empty when unavailable
   */
  String failureDigest(long pipeline);

  /**
   * The log output of the pipeline's failed steps. Mirrors {@code ci_get_logs N}; {@link
   * MergeWalk} keeps its last 50 lines.
   *
   * @param pipeline the pipeline number
   * @return the logs, empty when unavailable
   */
  String stepLogs(long pipeline);
}
