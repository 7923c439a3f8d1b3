package ai.disinto.ci.woodpecker;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The settings of a repository to change ({@code PATCH /api/repos/{repo_id}}); an empty field is
 * left as it is.
 *
 * @param timeoutMinutes the pipeline timeout in minutes
 * @param allowDeploy whether deployments may be triggered
 */
public record RepoPatch(OptionalLong timeoutMinutes, Optional<Boolean> allowDeploy) {
  /** Checks the values. */
  public RepoPatch {
    Objects.requireNonNull(timeoutMinutes, "timeoutMinutes");
    Objects.requireNonNull(allowDeploy, "allowDeploy");
  }

  /**
   * A patch that changes nothing; chain the {@code with} methods.
   *
   * @return the empty patch
   */
  public static RepoPatch none() {
    return new RepoPatch(OptionalLong.empty(), Optional.empty());
  }

  /**
   * Copies this patch with a timeout.
   *
   * @param minutes the pipeline timeout in minutes
   * @return the new patch
   */
  public RepoPatch withTimeoutMinutes(long minutes) {
    return new RepoPatch(OptionalLong.of(minutes), allowDeploy);
  }

  /**
   * Copies this patch with the deployment switch.
   *
   * @param allow whether deployments may be triggered
   * @return the new patch
   */
  public RepoPatch withAllowDeploy(boolean allow) {
    return new RepoPatch(timeoutMinutes, Optional.of(allow));
  }

  /** The JSON body: only the fields that are set, with Woodpecker's names. */
  Map<String, Object> body() {
    Map<String, Object> m = new LinkedHashMap<>();
    timeoutMinutes.ifPresent(t -> m.put("timeout", t));
    allowDeploy.ifPresent(a -> m.put("allow_deploy", a));
    return m;
  }
}
