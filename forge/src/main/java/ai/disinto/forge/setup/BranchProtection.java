package ai.disinto.forge.setup;

import ai.disinto.core.Sleeper;
import ai.disinto.forge.client.ForgeAmbiguousWriteException;
import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.ForgeResponse;
import ai.disinto.forge.client.ForgeTransportException;
import ai.disinto.forge.setup.ProtectionResult.Journal;
import ai.disinto.forge.setup.ProtectionResult.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets up, verifies and removes branch protection on the ops repository, on {@code .profile}
 * repositories and on the project repository, on Forgejo's {@code /branch_protections} routes.
 *
 * <p>Mirrors lib/branch-protection.sh ({@code setup_vault_branch_protection}, {@code
 * setup_profile_branch_protection}, {@code setup_project_branch_protection}, {@code
 * verify_branch_protection}, {@code remove_branch_protection}), which talked to GitHub-style
 * routes Forgejo does not have and so never protected anything. The rules:
 *
 * <ul>
 *   <li>ops ({@link ProtectionProfile#VAULT}): the policy's writers push directly, nobody changes
 *       the vault files ({@code protected_file_patterns}) except by a pull request with one
 *       approval that only the admin merges; {@code apply_to_admins} stays off, because Forgejo
 *       lets only a repository admin's {@code force_merge} past changed protected files;
 *   <li>{@code .profile} ({@link ProtectionProfile#PROFILE}): no direct pushes, one approval,
 *       only the admin merges; journals go to the unprotected {@code journal} branch;
 *   <li>project ({@link ProtectionProfile#PROJECT}): no direct pushes, one approval, only the
 *       policy's walking bots merge.
 * </ul>
 *
 * <p>The client must carry a token with admin rights on the repositories (the admin token): the
 * protection routes refuse anything less with 403. Every setup first waits for the branch (a
 * freshly pushed branch can be briefly invisible), reads the rule, and writes only what differs,
 * so a second run only reads. Results are values; transport failures throw the {@code
 * ForgeException} family.
 */
public final class BranchProtection {
  private static final Logger LOG = LoggerFactory.getLogger(BranchProtection.class);
  private static final int WAIT_ATTEMPTS = 10;
  /** The branch of a {@code .profile} repository that agents push their journals to. */
  public static final String JOURNAL_BRANCH = "journal";

  private final ForgeClient forge;
  private final Sleeper sleeper;
  private final ProtectionPolicy policy;

  /**
   * A protection service with the default policy.
   *
   * @param adminClient a client with the admin token
   * @param sleeper what the branch wait sleeps through
   */
  public BranchProtection(ForgeClient adminClient, Sleeper sleeper) {
    this(adminClient, sleeper, ProtectionPolicy.defaults());
  }

  /**
   * A protection service.
   *
   * @param adminClient a client with the admin token
   * @param sleeper what the branch wait sleeps through
   * @param policy who may push and merge
   */
  public BranchProtection(ForgeClient adminClient, Sleeper sleeper, ProtectionPolicy policy) {
    this.forge = Objects.requireNonNull(adminClient, "adminClient").root();
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /**
   * Waits for a branch to be visible: up to 10 reads of {@code GET {repo}/branches/{b}}, sleeping
   * 2, 4, 6, 8 and then 10 seconds between them (70 s at most). A transport failure counts as a
   * miss. Mirrors {@code _bp_wait_for_branch}.
   *
   * @param repoSlug {@code owner/name}
   * @param branch the branch
   * @return true once the branch answers 200; false after the tenth miss or when interrupted
   */
  public boolean waitForBranch(String repoSlug, String branch) {
    for (int attempt = 1; attempt <= WAIT_ATTEMPTS; attempt++) {
      int status;
      try {
        status = forge.send("GET", repoPath(repoSlug) + "/branches/" + branch, null).status();
      } catch (ForgeTransportException e) {
        status = 0;
      }
      if (status == 200) {
        log("Branch {} exists on {}", branch, repoSlug);
        return true;
      }
      if (attempt < WAIT_ATTEMPTS) {
        int seconds = Math.min(2 * attempt, 10);
        log("Branch {} not indexed yet (attempt {}/{}), waiting {}s...", branch, attempt,
            WAIT_ATTEMPTS, seconds);
        try {
          sleeper.sleep(Duration.ofSeconds(seconds));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
    }
    log("ERROR: Branch {} does not exist on {} after {} attempts", branch, repoSlug,
        WAIT_ATTEMPTS);
    return false;
  }

  /**
   * Protects the ops repository's branch. Mirrors {@code setup_vault_branch_protection}.
   *
   * @param opsRepoSlug the ops repository, {@code owner/name}
   * @param branch the branch, usually {@code main}
   * @return what happened
   */
  public ProtectionResult setupVault(String opsRepoSlug, String branch) {
    ProtectionResult r = setup(requireRepo(opsRepoSlug), branch, ProtectionProfile.VAULT);
    if (r.ok()) {
      log("  - Direct pushes: only {}", String.join(", ", policy.opsPushWhitelist()));
      log("  - Protected files (pull request only): {}", policy.vaultFilePatterns());
      log("  - Required approvals: 1");
      log("  - Merge whitelist: {} only", policy.admin());
    }
    return r;
  }

  /**
   * Protects the branch of an agent's {@code .profile} repository and makes sure the unprotected
   * {@code journal} branch exists ({@code POST {repo}/branches} from the protected branch). A
   * journal problem is logged as a warning and does not fail the call. Mirrors {@code
   * setup_profile_branch_protection}.
   *
   * @param repoSlug the {@code .profile} repository, {@code owner/.profile}
   * @param branch the branch, usually {@code main}
   * @return what happened
   * @throws IllegalArgumentException when the repository is blank (no request is sent)
   */
  public ProtectionResult setupProfile(String repoSlug, String branch) {
    ProtectionResult r = setup(requireRepo(repoSlug), branch, ProtectionProfile.PROFILE);
    if (!r.ok()) {
      return r;
    }
    log("  - Pushes blocked: true");
    log("  - Required approvals: 1");
    log("  - Merge whitelist: {} only", policy.admin());
    log("Creating '{}' branch for direct agent journal pushes", JOURNAL_BRANCH);
    Journal journal;
    if (Lookup.of(forge.send("GET", repoPath(repoSlug) + "/branches/" + JOURNAL_BRANCH, null),
        "name", JOURNAL_BRANCH) == Lookup.FOUND) {
      journal = Journal.PRESENT;
    } else {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("new_branch_name", JOURNAL_BRANCH);
      body.put("old_ref_name", branch);
      ForgeResponse created = forge.send("POST", repoPath(repoSlug) + "/branches", body);
      if (created.status() == 201) {
        journal = Journal.CREATED;
      } else {
        journal = Journal.FAILED;
        log("Warning: failed to create journal branch (HTTP {}{})", created.status(),
            created.forgeMessage().map(m -> ": " + m).orElse(""));
      }
    }
    if (journal != Journal.FAILED) {
      log("Journal branch '{}' ready for direct pushes", JOURNAL_BRANCH);
    }
    return r.withJournal(journal);
  }

  /**
   * Protects the project repository's branch. Mirrors {@code setup_project_branch_protection}.
   *
   * @param repoSlug the project repository, {@code owner/name}
   * @param branch the branch, usually {@code main}
   * @return what happened
   * @throws IllegalArgumentException when the repository is blank (no request is sent)
   */
  public ProtectionResult setupProject(String repoSlug, String branch) {
    ProtectionResult r = setup(requireRepo(repoSlug), branch, ProtectionProfile.PROJECT);
    if (r.ok()) {
      log("  - Pushes blocked: true");
      log("  - Required approvals: 1");
      log("  - Merge whitelist: {} only", String.join(", ", policy.projectMergeWhitelist()));
      log("  - review-bot can approve: yes");
    }
    return r;
  }

  /**
   * Checks the rule of a branch against what {@code expected} requires: direct pushes closed (or,
   * on the ops repository, limited to a whitelist with the vault files protected), at least one
   * approval, the merge whitelist on and holding the admin (or, for the project, every walking
   * bot). Mirrors {@code verify_branch_protection}.
   *
   * @param repoSlug {@code owner/name}
   * @param branch the branch
   * @param expected which rule the branch should carry
   * @return the findings
   */
  public VerifyResult verify(String repoSlug, String branch, ProtectionProfile expected) {
    requireRepo(repoSlug);
    ForgeResponse got = forge.send("GET", rulePath(repoSlug, branch), null);
    Map<String, Object> rule = got.ok() ? Rules.parse(got.body()) : null;
    if (rule == null) {
      String e = "ERROR: No branch protection found for " + branch;
      log("{}", e);
      return new VerifyResult(List.of(e));
    }
    List<String> errors = new ArrayList<>();
    boolean pushOpen = Rules.flag(rule, "enable_push", true);
    boolean pushListed = Rules.flag(rule, "enable_push_whitelist", false);
    if (pushOpen && !(expected == ProtectionProfile.VAULT && pushListed)) {
      errors.add("ERROR: enable_push should be false");
    } else {
      log("OK: Direct pushes are {}", pushOpen ? "limited to the push whitelist" : "blocked");
    }
    if (expected == ProtectionProfile.VAULT && pushOpen && pushListed) {
      List<String> covered = Rules.patterns(rule.get("protected_file_patterns"));
      for (String p : Rules.patterns(policy.vaultFilePatterns())) {
        if (!covered.contains(p)) {
          errors.add("ERROR: protected_file_patterns should contain " + p);
        }
      }
    }
    if (Rules.number(rule, "required_approvals") < 1) {
      errors.add("ERROR: required_approvals should be at least 1");
    } else {
      log("OK: Required approvals: {}", Rules.number(rule, "required_approvals"));
    }
    if (!Rules.flag(rule, "enable_merge_whitelist", false)) {
      errors.add("ERROR: enable_merge_whitelist should be true");
    } else {
      List<String> listed = Rules.lowerList(rule.get("merge_whitelist_usernames"));
      for (String u : mergers(expected)) {
        if (!listed.contains(u.toLowerCase(Locale.ROOT))) {
          errors.add("ERROR: merge_whitelist_usernames should contain " + u);
        }
      }
    }
    for (String e : errors) {
      log("{}", e);
    }
    if (errors.isEmpty()) {
      log("Branch protection verified successfully");
    } else {
      log("Verification failed with {} error(s)", errors.size());
    }
    return new VerifyResult(errors);
  }

  /**
   * Deletes the rule of a branch. Mirrors {@code remove_branch_protection}.
   *
   * @param repoSlug {@code owner/name}
   * @param branch the branch
   * @return {@link Outcome#REMOVED}, {@link Outcome#ABSENT} when there was no rule, or {@link
   *     Outcome#FAILED} when the delete was refused
   */
  public ProtectionResult remove(String repoSlug, String branch) {
    requireRepo(repoSlug);
    ForgeResponse probe = forge.send("GET", rulePath(repoSlug, branch), null);
    if (probe.status() != 200) {
      log("No branch protection found for {}", branch);
      return ProtectionResult.of(Outcome.ABSENT, probe.status());
    }
    log("Removing branch protection for {}", branch);
    ForgeResponse deleted = forge.send("DELETE", rulePath(repoSlug, branch), null);
    if (deleted.status() != 204) {
      log("ERROR: Failed to remove branch protection (HTTP {})", deleted.status());
      return new ProtectionResult(Outcome.FAILED, deleted.status(), deleted.forgeMessage(),
          Journal.NOT_APPLICABLE);
    }
    log("Branch protection removed successfully for {}", branch);
    return ProtectionResult.of(Outcome.REMOVED, 204);
  }

  /**
   * The rule body for a branch under a profile, with Forgejo's CreateBranchProtectionOption
   * names; the same fields are sent as the edit body (without {@code rule_name}).
   *
   * @param branch the branch (the rule name)
   * @param profile the kind of repository
   * @return the body, in a stable order
   */
  public Map<String, Object> ruleBody(String branch, ProtectionProfile profile) {
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("rule_name", branch);
    if (profile == ProtectionProfile.VAULT) {
      b.put("enable_push", true);
      b.put("enable_push_whitelist", true);
      b.put("push_whitelist_usernames", policy.opsPushWhitelist());
      b.put("protected_file_patterns", policy.vaultFilePatterns());
    } else {
      b.put("enable_push", false);
    }
    b.put("required_approvals", 1);
    b.put("enable_merge_whitelist", true);
    b.put("merge_whitelist_usernames", mergers(profile));
    b.put("enable_status_check", false);
    b.put("require_signed_commits", false);
    if (profile != ProtectionProfile.PROJECT) {
      b.put("block_on_rejected_reviews", true);
      b.put("apply_to_admins", profile == ProtectionProfile.PROFILE);
    }
    return b;
  }

  private List<String> mergers(ProtectionProfile profile) {
    return profile == ProtectionProfile.PROJECT ? policy.projectMergeWhitelist()
        : List.of(policy.admin());
  }

  private ProtectionResult setup(String repo, String branch, ProtectionProfile profile) {
    log("Setting up branch protection for {} on {}", branch, repo);
    if (!waitForBranch(repo, branch)) {
      return ProtectionResult.of(Outcome.BRANCH_MISSING, 404);
    }
    Map<String, Object> wanted = ruleBody(branch, profile);
    ForgeResponse probe = forge.send("GET", rulePath(repo, branch), null);
    ForgeResponse written;
    Outcome outcome;
    if (probe.status() == 200) {
      log("Branch protection already exists for {}", branch);
      Map<String, Object> existing = Rules.parse(probe.body());
      if (existing != null && Rules.satisfies(existing, wanted)) {
        log("Branch protection for {} already as required", branch);
        return ProtectionResult.of(Outcome.UNCHANGED, 200);
      }
      log("Updating existing protection rules");
      written = patch(repo, branch, wanted);
      outcome = Outcome.UPDATED;
    } else {
      written = create(repo, branch, wanted);
      outcome = written.status() == 200 ? Outcome.UPDATED : Outcome.CREATED;
    }
    if (written.status() != 200 && written.status() != 201) {
      log("ERROR: Failed to set up branch protection (HTTP {}{})", written.status(),
          written.forgeMessage().map(m -> ": " + m).orElse(""));
      return new ProtectionResult(Outcome.FAILED, written.status(), written.forgeMessage(),
          Journal.NOT_APPLICABLE);
    }
    log("Branch protection configured successfully for {}", branch);
    return ProtectionResult.of(outcome, written.status());
  }

  /** POST; a 403 "already exist" (another run won the race) becomes one PATCH. */
  private ForgeResponse create(String repo, String branch, Map<String, Object> wanted) {
    ForgeResponse r;
    try {
      r = forge.send("POST", repoPath(repo) + "/branch_protections", wanted);
    } catch (ForgeAmbiguousWriteException e) {
      ForgeResponse back = forge.send("GET", rulePath(repo, branch), null);
      Map<String, Object> now = back.ok() ? Rules.parse(back.body()) : null;
      if (now != null && Rules.satisfies(now, wanted)) {
        return new ForgeResponse("POST", back.path(), 201, back.body());
      }
      throw e;
    }
    if (r.status() == 403 && r.forgeMessage().orElse("").toLowerCase(Locale.ROOT)
        .contains("already exist")) {
      return patch(repo, branch, wanted);
    }
    return r;
  }

  private ForgeResponse patch(String repo, String branch, Map<String, Object> wanted) {
    Map<String, Object> edit = new LinkedHashMap<>(wanted);
    edit.remove("rule_name");
    return forge.send("PATCH", rulePath(repo, branch), edit);
  }

  private static String requireRepo(String repoSlug) {
    if (repoSlug == null || repoSlug.isBlank() || !repoSlug.contains("/")) {
      throw new IllegalArgumentException("repo path required (format: owner/repo)");
    }
    return repoSlug;
  }

  private static String repoPath(String repoSlug) {
    return "/repos/" + repoSlug;
  }

  private static String rulePath(String repoSlug, String branch) {
    return repoPath(repoSlug) + "/branch_protections/" + branch;
  }

  private static void log(String format, Object... args) {
    LOG.info("branch-protection: " + format, args);
  }

  /** Reading rules as Forgejo answers them. */
  static final class Rules {
    private Rules() {}

    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(String json) {
      try {
        Object v = ForgeClient.moshi().adapter(Object.class).fromJson(json);
        return v instanceof Map ? (Map<String, Object>) v : null;
      } catch (java.io.IOException | RuntimeException e) {
        return null;
      }
    }

    static boolean flag(Map<String, Object> rule, String key, boolean absent) {
      Object v = rule.get(key);
      return v instanceof Boolean b ? b : absent;
    }

    static long number(Map<String, Object> rule, String key) {
      Object v = rule.get(key);
      return v instanceof Number n ? n.longValue() : 0;
    }

    static List<String> lowerList(Object v) {
      List<String> out = new ArrayList<>();
      if (v instanceof List<?> l) {
        for (Object o : l) {
          out.add(String.valueOf(o).toLowerCase(Locale.ROOT));
        }
      }
      return out;
    }

    static List<String> patterns(Object v) {
      List<String> out = new ArrayList<>();
      if (v instanceof String s) {
        for (String p : s.split(";")) {
          if (!p.isBlank()) {
            out.add(p.trim().toLowerCase(Locale.ROOT));
          }
        }
      }
      return out;
    }

    /** True when every wanted field has the wanted value in the existing rule. */
    static boolean satisfies(Map<String, Object> existing, Map<String, Object> wanted) {
      for (Map.Entry<String, Object> e : wanted.entrySet()) {
        if (e.getKey().equals("rule_name")) {
          continue;
        }
        Object have = existing.get(e.getKey());
        Object want = e.getValue();
        boolean same;
        if (want instanceof List<?> l) {
          same = new java.util.HashSet<>(lowerList(have)).equals(
              new java.util.HashSet<>(lowerList(l)));
        } else if (want instanceof Number n) {
          same = have instanceof Number h && h.longValue() == n.longValue();
        } else if (e.getKey().endsWith("_patterns")) {
          same = new java.util.HashSet<>(patterns(have)).equals(
              new java.util.HashSet<>(patterns(want)));
        } else {
          same = Objects.equals(want, have);
        }
        if (!same) {
          return false;
        }
      }
      return true;
    }
  }
}
