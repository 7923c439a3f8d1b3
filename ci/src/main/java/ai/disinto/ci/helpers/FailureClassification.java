package ai.disinto.ci.helpers;

import ai.disinto.forge.pulls.FailureType;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a pipeline failed: the infrastructure (retry it) or the code (fix it). Mirrors the output of
 * {@code classify_pipeline_failure}.
 *
 * @param kind infra or code
 * @param reason for infra, which step and which rule (such as {@code clone exit 128 (connection
 *     failure)}); empty for code
 */
public record FailureClassification(Kind kind, Optional<String> reason) {
  /** The two verdicts. */
  public enum Kind {
    /** A step failed for an infrastructure reason. */
    INFRA,
    /** No step failed for an infrastructure reason, or the pipeline could not be read. */
    CODE
  }

  private static final FailureClassification CODE = new FailureClassification(Kind.CODE,
      Optional.empty());

  /** Checks that only infra carries a reason. */
  public FailureClassification {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(reason, "reason");
    if (kind == Kind.CODE && reason.isPresent()) {
      throw new IllegalArgumentException("a code verdict has no reason");
    }
  }

  /**
   * The code verdict.
   *
   * @return code, no reason
   */
  public static FailureClassification code() {
    return CODE;
  }

  /**
   * An infra verdict.
   *
   * @param reason which step and rule
   * @return infra with that reason
   */
  public static FailureClassification infra(String reason) {
    return new FailureClassification(Kind.INFRA, Optional.of(reason));
  }

  /**
   * The line the original prints.
   *
   * @return {@code infra <reason>} or {@code code}
   */
  public String wire() {
    return kind == Kind.INFRA ? "infra " + reason.orElse("") : "code";
  }

  /**
   * The verdict as walk-to-merge's port takes it (the first word only).
   *
   * @return {@link FailureType#INFRA} or {@link FailureType#CODE}
   */
  public FailureType toFailureType() {
    return kind == Kind.INFRA ? FailureType.INFRA : FailureType.CODE;
  }
}
