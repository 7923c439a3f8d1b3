package ai.disinto.forge.setup;

import java.util.List;
import java.util.Objects;

/**
 * Who may do what under the rules {@link BranchProtection} sets.
 *
 * @param admin the human admin's login: the only one who merges on the ops repository and in
 *     {@code .profile} repositories
 * @param opsPushWhitelist who may push straight to the ops repository's branch (files outside
 *     {@code vaultFilePatterns}); every one must be an existing user with write access
 * @param projectMergeWhitelist the bot identities that walk and merge pull requests on the
 *     project repository
 * @param vaultFilePatterns Forgejo's {@code protected_file_patterns} for the ops repository
 *     ({@code ;}-separated globs): files nobody changes directly
 */
public record ProtectionPolicy(String admin, List<String> opsPushWhitelist,
    List<String> projectMergeWhitelist, String vaultFilePatterns) {

  /** The default admin login. */
  public static final String DEFAULT_ADMIN = "disinto-admin";

  /** Checks that nothing is null and freezes the lists. */
  public ProtectionPolicy {
    Objects.requireNonNull(admin, "admin");
    opsPushWhitelist = List.copyOf(opsPushWhitelist);
    projectMergeWhitelist = List.copyOf(projectMergeWhitelist);
    Objects.requireNonNull(vaultFilePatterns, "vaultFilePatterns");
  }

  /**
   * The factory's defaults: admin {@code disinto-admin}; on the ops repository the admin and the
   * bots that are write collaborators there ({@link OpsSetup#COLLABORATORS}) push, {@code vault/**}
   * is protected; on the project repository {@code dev-bot}, {@code gardener-bot} and {@code
   * architect-bot}, which walk their pull requests to merge, may merge.
   *
   * @return the default policy
   */
  public static ProtectionPolicy defaults() {
    List<String> writers = new java.util.ArrayList<>();
    writers.add(DEFAULT_ADMIN);
    OpsSetup.COLLABORATORS.forEach((user, perm) -> {
      if (perm.equals("write")) {
        writers.add(user);
      }
    });
    return new ProtectionPolicy(DEFAULT_ADMIN, writers,
        List.of("dev-bot", "gardener-bot", "architect-bot"), "vault/**");
  }

  /**
   * The same policy with another project merge whitelist.
   *
   * @param logins the bots that may merge on the project repository
   * @return a changed copy
   */
  public ProtectionPolicy withProjectMergeWhitelist(List<String> logins) {
    return new ProtectionPolicy(admin, opsPushWhitelist, logins, vaultFilePatterns);
  }

  /**
   * The same policy with another ops push whitelist.
   *
   * @param logins who may push to the ops repository directly
   * @return a changed copy
   */
  public ProtectionPolicy withOpsPushWhitelist(List<String> logins) {
    return new ProtectionPolicy(admin, logins, projectMergeWhitelist, vaultFilePatterns);
  }
}
