package ai.disinto.vault;

import ai.disinto.core.secrets.SecretScanner;
import ai.disinto.forge.client.ForgeAmbiguousWriteException;
import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.ForgeException;
import ai.disinto.forge.client.ForgePath;
import ai.disinto.forge.client.ForgeResponse;
import ai.disinto.forge.client.model.ContentsResponse;
import ai.disinto.forge.client.model.Label;
import ai.disinto.forge.client.model.PullRequest;
import com.squareup.moshi.JsonAdapter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files vault actions in the ops repository through the Forgejo REST API. Mirrors {@code
 * vault_request} of lib/vault.sh, with the endpoints Forgejo really has and without the bypasses
 * the original left open:
 *
 * <ul>
 *   <li>the tier comes from the policy and the operator's override in {@link VaultConfig} only; a
 *       {@code blast_radius} in the action can raise it, never lower it, and a {@code
 *       dispatch_mode} in the action is refused;
 *   <li>a low-tier action is one commit on the primary branch with the admin identity (create, or
 *       update with the file's {@code sha}); if that write fails the request fails;
 *   <li>any other action is written onto a new branch {@code vault/<id>} in one contents call
 *       ({@code new_branch}) and gets a PR {@code vault: <id>}; if the PR cannot be opened, the
 *       branch this request created is deleted again, or the exception says it is left.
 * </ul>
 *
 * <p>The agent's identity looks for an existing PR and opens the PR (so the agent authors it); the
 * admin identity, when given, makes every other call. Immutable and thread-safe.
 */
public final class VaultClient {
  private static final Logger LOG = LoggerFactory.getLogger(VaultClient.class);
  private static final String ACTIONS_DIR = "vault/actions/";

  private final ForgeClient agent;
  private final Optional<ForgeClient> admin;
  private final VaultConfig cfg;
  private final VaultActionValidator validator;
  private final BlastRadiusClassifier classifier;
  private final SecretScanner scanner;

  /**
   * Creates the client.
   *
   * @param agentForge the requesting agent's identity ({@code FORGE_TOKEN}); it is used for the
   *     ops repository whatever repository it was built for
   * @param adminForge the admin identity ({@code FORGE_ADMIN_TOKEN}), or empty; without it a
   *     low-tier action is refused and the agent's identity does the rest
   * @param cfg the trusted configuration
   * @param validator the action validator
   * @param classifier the classifier for the ops repo's policy
   */
  public VaultClient(ForgeClient agentForge, Optional<ForgeClient> adminForge, VaultConfig cfg,
      VaultActionValidator validator, BlastRadiusClassifier classifier) {
    this.cfg = Objects.requireNonNull(cfg, "cfg");
    this.agent = Objects.requireNonNull(agentForge, "agentForge").forRepo(cfg.opsRepoSlug());
    this.admin = Objects.requireNonNull(adminForge, "adminForge")
        .map(a -> a.forRepo(cfg.opsRepoSlug()));
    this.validator = Objects.requireNonNull(validator, "validator");
    this.classifier = Objects.requireNonNull(classifier, "classifier");
    this.scanner = SecretScanner.defaults();
  }

  /**
   * The branch an action's PR is made from.
   *
   * @param actionId the action id
   * @return {@code vault/<actionId>}
   */
  public static String branchFor(String actionId) {
    return "vault/" + actionId;
  }

  /**
   * The path of an action's file in the ops repo.
   *
   * @param actionId the action id
   * @return {@code vault/actions/<actionId>.toml}
   */
  public static String filePathFor(String actionId) {
    return ACTIONS_DIR + actionId + ".toml";
  }

  /**
   * The tier an action is filed at: the policy's tier for its formula (or the operator's override),
   * raised to the action's own {@code blast_radius} when that is higher.
   *
   * @param action the validated action
   * @return the tier
   */
  public Tier tierOf(VaultAction action) {
    return decide(action).tier;
  }

  private record Decision(Tier tier, String how) {}

  private Decision decide(VaultAction action) {
    Tier base = classifier.classify(action.formula(), cfg.blastRadiusOverride().orElse(""));
    String how = (Tier.parse(cfg.blastRadiusOverride().orElse("")).isPresent() ? "override "
        : "policy ") + base.wire();
    if (action.blastRadius().isPresent()) {
      Tier own = action.blastRadius().get();
      if (own.compareTo(base) > 0) {
        return new Decision(own, how + ", raised by blast_radius " + own.wire());
      }
      if (own.compareTo(base) < 0) {
        LOG.info("vault: ignoring blast_radius {} below policy tier {}", own.wire(), base.wire());
      }
    }
    return new Decision(base, how);
  }

  /**
   * Files an action. Mirrors {@code vault_request <action_id> <toml_content>}: an open PR for
   * {@code vault/<actionId>} is returned as it is; otherwise the content is validated, classified
   * and written.
   *
   * @param actionId the action id: the file name and the branch suffix
   * @param tomlContent the action's TOML, stored verbatim
   * @return what was done
   * @throws VaultValidationException when the arguments or the content are refused; nothing was
   *     written
   * @throws VaultApiException when the forge refused or did not answer a step that matters; a
   *     branch this request created is deleted again, or named in {@link
   *     VaultApiException#leftBehind()}
   */
  public VaultRequestResult request(String actionId, String tomlContent) {
    if (actionId == null || actionId.isEmpty()) {
      throw new VaultValidationException("ERROR: action_id is required", null);
    }
    if (tomlContent == null || tomlContent.isEmpty()) {
      throw new VaultValidationException("ERROR: toml_content is required", null);
    }
    if (!VaultActionValidator.isSafeId(actionId)) {
      throw new VaultValidationException(
          "ERROR: invalid action_id: " + scanner.redact(actionId), null);
    }
    String branch = branchFor(actionId);
    String path = filePathFor(actionId);
    OptionalLong existing = findOpenPr(branch);
    if (existing.isPresent()) {
      LOG.info("vault: PR already exists for action {}: #{}", actionId, existing.getAsLong());
      return new VaultRequestResult(VaultRequestResult.Kind.EXISTING_PR, existing, Tier.HIGH,
          branch, path, "existing PR, not classified", List.of());
    }
    VaultAction action = validator.validate(tomlContent);
    if (action.dispatchMode().isPresent()) {
      throw new VaultValidationException("ERROR: dispatch_mode may not be set by the requester",
          "dispatch_mode");
    }
    if (!action.id().equals(actionId)) {
      LOG.warn("vault: action_id {} differs from TOML id {}", actionId, action.id());
    }
    Decision decision = decide(action);
    if (decision.tier == Tier.LOW) {
      return commitDirect(actionId, path, action, decision);
    }
    return openPr(actionId, branch, path, action, decision);
  }

  // ---- low tier ----

  private VaultRequestResult commitDirect(String id, String path, VaultAction action,
      Decision decision) {
    ForgeClient adm = admin.orElseThrow(() -> new VaultApiException(
        "ERROR: FORGE_ADMIN_TOKEN is required for low-tier commits",
        VaultApiException.Step.DIRECT_COMMIT, 0, null, null));
    String base = cfg.opsBaseBranch();
    requireBaseBranch(adm);
    LOG.info("vault: Committing {} directly to {}", path, base);
    String content = "dispatch_mode = \"direct\"\n" + action.rawToml() + "\n";
    writeFile(adm, path, base, content, "vault: add " + id + " (low-tier)",
        "ERROR: failed to write " + path + " to " + base);
    LOG.info("vault: low-tier — committed directly to ops {}", base);
    LOG.info("vault: Direct commit successful for {}", id);
    return new VaultRequestResult(VaultRequestResult.Kind.DIRECT_COMMIT, OptionalLong.empty(),
        decision.tier, base, path, decision.how, List.of());
  }

  // ---- PR path ----

  private VaultRequestResult openPr(String id, String branch, String path, VaultAction action,
      Decision decision) {
    ForgeClient adm = admin.orElse(agent);
    boolean created;
    String failure = "ERROR: failed to write " + path + " to branch " + branch;
    if (branchExists(adm, branch)) {
      LOG.info("vault: Branch {} already exists", branch);
      LOG.info("vault: Writing {} to branch {}", path, branch);
      writeFile(adm, path, branch, action.rawToml(), "vault: add " + id, failure);
      created = false;
    } else {
      LOG.info("vault: Creating branch {} on ops repo", branch);
      requireBaseBranch(adm);
      LOG.info("vault: Writing {} to branch {}", path, branch);
      createOnNewBranch(adm, path, branch, action.rawToml(), "vault: add " + id, failure);
      created = true;
    }
    LOG.info("vault: Creating PR for {}", branch);
    long pr = createPr(adm, id, branch, action, created);
    List<String> warnings = new ArrayList<>();
    requestAutoMerge(adm, pr, warnings);
    LOG.info("vault: PR #{} created, adding labels", pr);
    addLabels(adm, pr, warnings);
    return new VaultRequestResult(VaultRequestResult.Kind.PR_CREATED, OptionalLong.of(pr),
        decision.tier, branch, path, decision.how, warnings);
  }

  private long createPr(ForgeClient adm, String id, String branch, VaultAction action,
      boolean createdBranch) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("title", scanner.redact("vault: " + id));
    body.put("head", branch);
    body.put("base", cfg.opsBaseBranch());
    body.put("body", scanner.redact(prBody(id, action)));
    ForgeResponse r;
    try {
      r = agent.send("POST", ForgePath.of("pulls"), body);
    } catch (ForgeAmbiguousWriteException e) {
      // The PR may have been made: look before calling it lost.
      OptionalLong found = findOpenPr(branch);
      if (found.isPresent()) {
        return found.getAsLong();
      }
      throw failPr(adm, branch, createdBranch, 0, e.getMessage());
    } catch (ForgeException e) {
      throw failPr(adm, branch, createdBranch, 0, e.getMessage());
    }
    if (r.status() == 200 || r.status() == 201) {
      OptionalLong n = number(r.body());
      if (n.isPresent()) {
        return n.getAsLong();
      }
      // Opened, but the answer is unreadable: the PR is there to be found, not to be removed.
      OptionalLong found = findOpenPr(branch);
      if (found.isPresent()) {
        return found.getAsLong();
      }
      throw failPr(adm, branch, createdBranch, r.status(), "no PR number in the answer");
    }
    if (r.status() == 409) {
      OptionalLong found = findOpenPr(branch);
      if (found.isPresent()) {
        return found.getAsLong();
      }
    }
    throw failPr(adm, branch, createdBranch, r.status(), r.forgeMessage().orElse(null));
  }

  /** The PR could not be opened: remove the branch this request made, or say it is left. */
  private VaultApiException failPr(ForgeClient adm, String branch, boolean createdBranch,
      int status, String message) {
    String left;
    if (!createdBranch) {
      left = "branch " + branch + " (it existed before this request)";
    } else {
      left = deleteBranch(adm, branch);
    }
    return new VaultApiException("ERROR: failed to create PR", VaultApiException.Step.CREATE_PR,
        status, message, left);
  }

  /** Deletes a branch made by this request; null when it is gone, else what is left. */
  private String deleteBranch(ForgeClient adm, String branch) {
    try {
      ForgeResponse d = adm.send("DELETE", ForgePath.of("branches").segments(branch), null);
      if (d.ok() || d.status() == 404) {
        LOG.info("vault: removed branch {} after the failed request", branch);
        return null;
      }
      LOG.warn("vault: could not remove branch {} (HTTP {})", branch, d.status());
      return "branch " + branch + " (delete answered HTTP " + d.status() + ")";
    } catch (ForgeException e) {
      LOG.warn("vault: could not remove branch {}: {}", branch, e.getMessage());
      return "branch " + branch + " (delete failed: " + e.getMessage() + ")";
    }
  }

  static String prBody(String id, VaultAction action) {
    String context = action.context().isEmpty() ? "No context provided" : action.context();
    return "Vault action: " + id + "\n\n"
        + "Context: " + context + "\n\n"
        + "Formula: " + action.formula() + "\n"
        + "Secrets: " + String.join(" ", action.secrets()) + "\n\n"
        + "---\n"
        + "This vault action has been created by an agent and requires admin approval\n"
        + "before execution. See the TOML file for details.";
  }

  private void requestAutoMerge(ForgeClient adm, long pr, List<String> warnings) {
    LOG.info("vault: Enabling auto-merge for PR #{}", pr);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("Do", "merge");
    // Never false: the endpoint would then merge at once (#170).
    body.put("merge_when_checks_succeed", true);
    String problem;
    try {
      ForgeResponse r = adm.send("POST", ForgePath.of("pulls", pr, "merge"), body);
      if (r.ok()) {
        return;
      }
      problem = "auto-merge: HTTP " + r.status();
    } catch (ForgeException e) {
      problem = "auto-merge: " + e.getMessage();
    }
    LOG.warn("vault: Warning: failed to enable auto-merge (may already be enabled or not"
        + " supported)");
    warnings.add(problem);
  }

  private void addLabels(ForgeClient adm, long pr, List<String> warnings) {
    try {
      List<Label> labels = adm.getAll(ForgePath.of("labels"), Label.class);
      List<Long> ids = new ArrayList<>();
      for (String want : List.of("vault", "pending-approval")) {
        labels.stream().filter(l -> want.equals(l.name())).findFirst().ifPresent(l -> ids.add(l.id()));
      }
      if (ids.isEmpty()) {
        return;
      }
      ForgeResponse r = adm.send("POST", ForgePath.of("issues", pr, "labels"),
          Map.of("labels", ids));
      if (!r.ok()) {
        LOG.warn("vault: Warning: failed to add labels to PR #{} (HTTP {})", pr, r.status());
        warnings.add("labels: HTTP " + r.status());
      }
    } catch (ForgeException e) {
      LOG.warn("vault: Warning: failed to add labels to PR #{}: {}", pr, e.getMessage());
      warnings.add("labels: " + e.getMessage());
    }
  }

  // ---- forge steps ----

  /** The first open PR whose head is {@code branch}, every page searched; none when unreadable. */
  private OptionalLong findOpenPr(String branch) {
    try {
      for (PullRequest pr : agent.paged(ForgePath.of("pulls").query("state", "open"),
          PullRequest.class)) {
        if (pr.head() != null && branch.equals(pr.head().ref())) {
          return OptionalLong.of(pr.number());
        }
      }
    } catch (ForgeException e) {
      LOG.warn("vault: could not list open PRs of {}, assuming none: {}", cfg.opsRepoSlug(),
          e.getMessage());
    }
    return OptionalLong.empty();
  }

  private boolean branchExists(ForgeClient adm, String branch) {
    ForgeResponse r;
    try {
      r = adm.send("GET", ForgePath.of("branches").segments(branch), null);
    } catch (ForgeException e) {
      throw new VaultApiException("ERROR: could not look up branch " + branch,
          VaultApiException.Step.BRANCH, 0, e.getMessage(), null);
    }
    if (r.status() == 200) {
      return true;
    }
    if (r.status() == 404) {
      return false;
    }
    throw new VaultApiException("ERROR: could not look up branch " + branch,
        VaultApiException.Step.BRANCH, r.status(), r.forgeMessage().orElse(null), null);
  }

  private void requireBaseBranch(ForgeClient adm) {
    int status;
    String message;
    try {
      ForgeResponse r = adm.send("GET", ForgePath.of("branches").segments(cfg.opsBaseBranch()),
          null);
      if (r.ok() && r.body().contains("\"commit\"")) {
        return;
      }
      status = r.status();
      message = r.forgeMessage().orElse(null);
    } catch (ForgeException e) {
      status = 0;
      message = e.getMessage();
    }
    throw new VaultApiException("ERROR: could not get main branch SHA",
        VaultApiException.Step.BASE_BRANCH, status, message, null);
  }

  private Map<String, Object> fileBody(String branch, String content, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("message", message);
    body.put("branch", branch);
    body.put("content",
        Base64.getEncoder().encodeToString(content.getBytes(StandardCharsets.UTF_8)));
    body.put("committer", Map.of("name", VaultConfig.COMMITTER_NAME, "email",
        cfg.committerEmail()));
    return body;
  }

  /** Creates the file on {@code branch}, or updates it with its blob sha when it is there. */
  private void writeFile(ForgeClient adm, String path, String branch, String content,
      String message, String failure) {
    Map<String, Object> body = fileBody(branch, content, message);
    ForgePath at = ForgePath.of("contents").segments(path);
    try {
      ForgeResponse current = adm.send("GET", at.query("ref", branch), null);
      String method = "POST";
      if (current.status() == 200) {
        ContentsResponse file = ForgeClient.moshi().adapter(ContentsResponse.class)
            .fromJson(current.body());
        if (file == null || file.sha() == null || !"file".equals(file.type())) {
          throw new VaultApiException(failure, VaultApiException.Step.WRITE_FILE, 200,
              "the path is not a file", null);
        }
        body.put("sha", file.sha());
        method = "PUT";
      } else if (current.status() != 404) {
        throw new VaultApiException(failure, VaultApiException.Step.WRITE_FILE, current.status(),
            current.forgeMessage().orElse(null), null);
      }
      ForgeResponse r = adm.send(method, at, body);
      if (!r.ok()) {
        throw new VaultApiException(failure, VaultApiException.Step.WRITE_FILE, r.status(),
            r.forgeMessage().orElse(null), null);
      }
    } catch (ForgeException e) {
      throw new VaultApiException(failure, VaultApiException.Step.WRITE_FILE, 0, e.getMessage(),
          null);
    } catch (IOException | com.squareup.moshi.JsonDataException e) {
      throw new VaultApiException(failure, VaultApiException.Step.WRITE_FILE, 200,
          "unreadable contents answer", null);
    }
  }

  /** One contents call that creates {@code branch} from the base branch with the file on it. */
  private void createOnNewBranch(ForgeClient adm, String path, String branch, String content,
      String message, String failure) {
    Map<String, Object> body = fileBody(cfg.opsBaseBranch(), content, message);
    body.put("new_branch", branch);
    try {
      ForgeResponse r = adm.send("POST", ForgePath.of("contents").segments(path), body);
      if (!r.ok()) {
        throw new VaultApiException(failure, VaultApiException.Step.WRITE_FILE, r.status(),
            r.forgeMessage().orElse(null), null);
      }
    } catch (ForgeAmbiguousWriteException e) {
      // The branch may exist now without a PR: remove it, or report it.
      String left = deleteBranch(adm, branch);
      throw new VaultApiException(failure, VaultApiException.Step.WRITE_FILE, 0, e.getMessage(),
          left);
    } catch (ForgeException e) {
      throw new VaultApiException(failure, VaultApiException.Step.WRITE_FILE, 0, e.getMessage(),
          null);
    }
  }

  private static OptionalLong number(String json) {
    try {
      JsonAdapter<Map<String, Object>> a = ForgeClient.moshi().adapter(
          com.squareup.moshi.Types.newParameterizedType(Map.class, String.class, Object.class));
      Map<String, Object> m = a.fromJson(json);
      Object n = m == null ? null : m.get("number");
      return n instanceof Number x ? OptionalLong.of(x.longValue()) : OptionalLong.empty();
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
  }
}
