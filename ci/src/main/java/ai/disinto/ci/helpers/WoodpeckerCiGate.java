package ai.disinto.ci.helpers;

import ai.disinto.forge.pulls.CiGate;
import ai.disinto.forge.pulls.CommitState;
import ai.disinto.forge.pulls.FailureType;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walk-to-merge's CI port on Woodpecker and the forge, through a {@link CiService}: the commit
 * state and pipeline from Woodpecker with the forge's combined status as fallback, failures
 * classified from the failed steps' exit codes and logs, and the failed steps' log lines read from
 * Woodpecker's log store. Mirrors what {@code pr_poll_ci} and {@code pr_walk_to_merge} call of
 * {@code lib/ci-helpers.sh}.
 *
 * <p>The failure digest ({@code lib/ci-debug.sh failures N}) is not computed here: the caller
 * passes it as a function, so that the ci-debug service (or anything else) can be wired in;
 * {@link #WoodpeckerCiGate(CiService)} gives none.
 */
public final class WoodpeckerCiGate implements CiGate {
  private static final Logger LOG = LoggerFactory.getLogger(WoodpeckerCiGate.class);

  private final CiService ci;
  private final LongFunction<String> failureDigest;

  /**
   * Creates the gate without a failure digest ({@link #failureDigest} is always empty).
   *
   * @param ci the CI service
   */
  public WoodpeckerCiGate(CiService ci) {
    this(ci, pipeline -> "");
  }

  /**
   * Creates the gate.
   *
   * @param ci the CI service
   * @param failureDigest given a pipeline number, the digest of its failing steps, as {@code
   *     lib/ci-debug.sh failures N} prints it (such as {@code CiDebug}'s failures report); may
   *     return {@code null} or throw a {@link ai.disinto.core.DisintoException}, both read as
   *     "no digest"
   */
  public WoodpeckerCiGate(CiService ci, LongFunction<String> failureDigest) {
    this.ci = Objects.requireNonNull(ci, "ci");
    this.failureDigest = Objects.requireNonNull(failureDigest, "failureDigest");
  }

  @Override
  public boolean ciConfigured() {
    return !ci.settings().noCi();
  }

  @Override
  public boolean ciRequiredForPr(long pr) {
    return ci.ciRequiredForPr(pr);
  }

  @Override
  public CommitState commitStatus(String sha) {
    return ci.commitStatus(sha).toCommitState();
  }

  @Override
  public OptionalLong pipelineNumber(String sha) {
    return ci.pipelineNumber(sha);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Code when the repository id is not a number (nothing to ask Woodpecker).
   */
  @Override
  public FailureType classify(long pipeline) {
    OptionalLong repo = ci.settings().repoId();
    if (repo.isEmpty()) {
      return FailureType.CODE;
    }
    return ci.classifyPipelineFailure(repo.getAsLong(), pipeline).toFailureType();
  }

  @Override
  public String failureDigest(long pipeline) {
    try {
      return Objects.requireNonNullElse(failureDigest.apply(pipeline), "");
    } catch (ai.disinto.core.DisintoException e) {
      LOG.debug("no failure digest for pipeline #{}: {}", pipeline, e.getMessage());
      return "";
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Empty when the log store cannot be read.
   */
  @Override
  public String stepLogs(long pipeline) {
    try {
      return ci.logs(pipeline, Optional.empty());
    } catch (CiException e) {
      LOG.debug("no step logs for pipeline #{}: {}", pipeline, e.getMessage());
      return "";
    }
  }
}
