package ai.disinto.ci.gate;

import ai.disinto.ci.helpers.CiService;
import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.ForgeException;
import ai.disinto.forge.client.model.CombinedStatus;
import ai.disinto.forge.pulls.CiGate;
import ai.disinto.forge.pulls.CommitState;
import ai.disinto.forge.pulls.FailureType;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link CiGate} that reads the forge's combined commit status only, as {@code ci_commit_status}
 * and {@code ci_pipeline_number} of {@code lib/ci-helpers.sh} do when Woodpecker does not answer.
 * For projects without Woodpecker (the demo uses it); {@link
 * ai.disinto.ci.helpers.WoodpeckerCiGate} asks Woodpecker first, falls back to the forge in the
 * same way, classifies failures and reads logs.
 *
 * <p>{@code WOODPECKER_REPO_ID=0} means no CI (unset counts as configured). A PR needs CI unless
 * all of its changed files (new and previous names) are under {@code docs/}, {@code formulas/} or
 * {@code evidence/} or end in {@code .md}; an unreadable or empty list needs CI. The state is the
 * combined status' {@code state} ({@link CommitState#UNKNOWN} when missing or when the request
 * fails); the
 * pipeline is the number after {@code pipeline/} in the first status' {@code target_url}. Without
 * Woodpecker it cannot classify failures (always {@link FailureType#CODE}) nor read logs (empty).
 */
public final class ForgeStatusCiGate implements CiGate {
  private static final Pattern PIPELINE = Pattern.compile("pipeline/([0-9]+)");

  private final ForgeClient forge;
  private final String woodpeckerRepoId;

  /**
   * Creates the gate.
   *
   * @param forge the client of the PR's repository
   * @param woodpeckerRepoId {@code WOODPECKER_REPO_ID}; {@code "0"} means no CI
   */
  public ForgeStatusCiGate(ForgeClient forge, String woodpeckerRepoId) {
    this.forge = Objects.requireNonNull(forge, "forge");
    this.woodpeckerRepoId = Objects.requireNonNullElse(woodpeckerRepoId, "");
  }

  @Override
  public boolean ciConfigured() {
    return !"0".equals(woodpeckerRepoId);
  }

  @Override
  public boolean ciRequiredForPr(long pr) {
    return CiService.ciRequiredForPr(forge, pr);
  }

  @Override
  public CommitState commitStatus(String sha) {
    try {
      return CommitState.parse(forge.get("/commits/" + sha + "/status", CombinedStatus.class)
          .state());
    } catch (ForgeException e) {
      return CommitState.UNKNOWN;
    }
  }

  @Override
  public OptionalLong pipelineNumber(String sha) {
    try {
      CombinedStatus s = forge.get("/commits/" + sha + "/status", CombinedStatus.class);
      if (s.statuses().isEmpty() || s.statuses().get(0).targetUrl() == null) {
        return OptionalLong.empty();
      }
      Matcher m = PIPELINE.matcher(s.statuses().get(0).targetUrl());
      return m.find() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    } catch (ForgeException | NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  @Override
  public FailureType classify(long pipeline) {
    return FailureType.CODE;
  }

  @Override
  public String failureDigest(long pipeline) {
    return "";
  }

  @Override
  public String stepLogs(long pipeline) {
    return "";
  }
}
