package ai.disinto.ci.helpers;

import ai.disinto.ci.logs.CiLogException;
import ai.disinto.ci.logs.CiLogReader;
import ai.disinto.ci.woodpecker.LogEntry;
import ai.disinto.ci.woodpecker.Pipeline;
import ai.disinto.ci.woodpecker.PipelineQuery;
import ai.disinto.ci.woodpecker.Step;
import ai.disinto.ci.woodpecker.Workflow;
import ai.disinto.ci.woodpecker.WoodpeckerClient;
import ai.disinto.ci.woodpecker.WoodpeckerException;
import ai.disinto.core.DisintoException;
import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.ForgePath;
import ai.disinto.forge.client.model.ChangedFile;
import ai.disinto.forge.client.model.CombinedStatus;
import ai.disinto.forge.client.model.Label;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared CI decisions of the pollers and the PR walker. Mirrors {@code lib/ci-helpers.sh}.
 *
 * <p>The CI state and pipeline of a commit come from Woodpecker first (when {@link
 * CiSettings#queryWoodpecker()}), then from the forge's combined commit status. Reads never throw:
 * an unreachable Woodpecker falls back to the forge, an unreachable forge gives an empty answer.
 * Where it does better than the original: pipelines beyond the newest 50 are searched (up to
 * {@value #MAX_PIPELINE_PAGES} pages); step logs are fetched by the step's {@code id} and decoded
 * before the infra patterns are matched; a promotion sends what Woodpecker 3 reads (query
 * parameters, empty body) and tells a refused deployment apart; the PR file list counts the
 * previous names of renamed files and is paged until the forge says it is complete; the {@code
 * priority} label is looked up on every page. Thread-safe.
 */
public final class CiService {
  private static final Logger LOG = LoggerFactory.getLogger(CiService.class);

  /** How many pages of 50 pipelines are searched for a commit before the forge is asked. */
  public static final int MAX_PIPELINE_PAGES = 5;
  /** How many lines of a failed step's log the infra patterns are matched against. */
  public static final int LOG_LINES_CHECKED = 200;
  /** The name of the label {@link #ensurePriorityLabel()} makes sure of. */
  public static final String PRIORITY_LABEL = "priority";
  /** The colour a created {@code priority} label gets. */
  public static final String PRIORITY_COLOR = "#f59e0b";

  private static final String USAGE =
      "Usage: ci_promote <repo_id> <pipeline_number> <environment>";
  private static final Set<String> FAILED_STEP_STATES = Set.of("failure", "error", "killed");
  private static final Pattern INFRA_LOG = Pattern.compile(
      "Failed to connect|connection timed out|docker pull.*timeout|TLS handshake timeout",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern PIPELINE_IN_URL = Pattern.compile("pipeline/([0-9]+)");

  private final CiSettings settings;
  private final WoodpeckerClient woodpecker;
  private final ForgeClient forge;
  private final CiLogReader logReader;
  private volatile long priorityLabelId;

  /**
   * Creates the service.
   *
   * @param settings the CI configuration ({@code WOODPECKER_REPO_ID})
   * @param woodpecker the Woodpecker client (its timeouts bound every CI request, the step-log
   *     reads of {@link #classifyPipelineFailure} included)
   * @param forge the client of the project's repository
   * @param logReader the reader of Woodpecker's log store, for {@link #logs}
   */
  public CiService(CiSettings settings, WoodpeckerClient woodpecker, ForgeClient forge,
      CiLogReader logReader) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.woodpecker = Objects.requireNonNull(woodpecker, "woodpecker");
    this.forge = Objects.requireNonNull(forge, "forge");
    this.logReader = Objects.requireNonNull(logReader, "logReader");
  }

  /**
   * The settings this service was built with.
   *
   * @return the settings
   */
  public CiSettings settings() {
    return settings;
  }

  // ---- passed / failed ----

  /**
   * Whether a state counts as CI passing. Mirrors {@code ci_passed}.
   *
   * @param status the state
   * @return true for {@code success}; with no CI configured (repo id {@code 0}) also for the empty
   *     state, {@code pending} and {@code unknown}
   */
  public boolean passed(CiStatus status) {
    return settings.passed(status);
  }

  /**
   * Whether a state means CI definitively failed. Mirrors {@code ci_failed}. Note that the forge's
   * {@code warning} and any unexpected word count as failed.
   *
   * @param status the state
   * @return false for the empty state, {@code pending}, {@code unknown} and passing states; true
   *     for everything else
   */
  public boolean failed(CiStatus status) {
    return settings.failed(status);
  }

  // ---- commit status / pipeline ----

  /**
   * The CI state of a commit. Mirrors {@code ci_commit_status}: the newest Woodpecker pipeline
   * of the commit ({@code success}; {@code failure}, {@code error}, {@code killed} as {@code
   * failure}; {@code running}, {@code pending}, {@code blocked} as {@code pending}); for any other
   * Woodpecker state ({@code canceled}, {@code declined}, ...), no pipeline or no answer, the
   * forge's combined state as it is.
   *
   * @param sha the full commit id
   * @return the state; {@link CiStatus#NO_ANSWER} when the forge could not be read either. Never
   *     throws
   */
  public CiStatus commitStatus(String sha) {
    Optional<Pipeline> p = newestPipeline(sha);
    if (p.isPresent()) {
      String state = Objects.requireNonNullElse(p.get().status(), "");
      switch (state) {
        case "success":
          return CiStatus.SUCCESS;
        case "failure":
        case "error":
        case "killed":
          return CiStatus.FAILURE;
        case "running":
        case "pending":
        case "blocked":
          return CiStatus.PENDING;
        default:
          LOG.info("Woodpecker pipeline #{} of {} is '{}'; using the forge's commit status",
              p.get().number(), sha7(sha), state);
      }
    }
    Optional<CombinedStatus> combined = combinedStatus(sha);
    if (combined.isEmpty()) {
      return CiStatus.NO_ANSWER;
    }
    String state = combined.get().state();
    return state == null ? CiStatus.UNKNOWN : CiStatus.of(state);
  }

  /**
   * The pipeline that ran for a commit. Mirrors {@code ci_pipeline_number}: the newest Woodpecker
   * pipeline of the commit, else the number after {@code pipeline/} in the {@code target_url} of
   * the forge's first status.
   *
   * @param sha the full commit id
   * @return the number, empty when none is known. Never throws
   */
  public OptionalLong pipelineNumber(String sha) {
    Optional<Pipeline> p = newestPipeline(sha);
    if (p.isPresent()) {
      return OptionalLong.of(p.get().number());
    }
    Optional<CombinedStatus> combined = combinedStatus(sha);
    if (combined.isEmpty() || combined.get().statuses().isEmpty()) {
      return OptionalLong.empty();
    }
    String url = combined.get().statuses().get(0).targetUrl();
    if (url == null) {
      return OptionalLong.empty();
    }
    Matcher m = PIPELINE_IN_URL.matcher(url);
    try {
      return m.find() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /** The highest-numbered pipeline of the commit in the first page that has one. */
  private Optional<Pipeline> newestPipeline(String sha) {
    OptionalLong repo = settings.repoId();
    if (repo.isEmpty() || sha == null || sha.isEmpty()) {
      return Optional.empty();
    }
    PipelineQuery q = PipelineQuery.firstPage();
    List<Pipeline> previous = null;
    try {
      for (int page = 1; page <= MAX_PIPELINE_PAGES; page++, q = q.withPage(page)) {
        List<Pipeline> items = woodpecker.pipelines(repo.getAsLong(), q);
        if (items.isEmpty() || items.equals(previous)) {
          break;
        }
        Pipeline best = null;
        for (Pipeline p : items) {
          if (sha.equals(p.commit()) && (best == null || p.number() > best.number())) {
            best = p;
          }
        }
        if (best != null) {
          return Optional.of(best);
        }
        if (items.size() < q.perPage()) {
          break;
        }
        previous = items;
      }
    } catch (DisintoException e) {
      LOG.debug("Woodpecker pipelines of repo {} unreadable: {}", repo.getAsLong(),
          e.getMessage());
    }
    return Optional.empty();
  }

  private Optional<CombinedStatus> combinedStatus(String sha) {
    try {
      return Optional.of(forge.get(ForgePath.of("commits", sha, "status"),
          CombinedStatus.class));
    } catch (DisintoException | IllegalArgumentException e) {
      LOG.debug("forge commit status of {} unreadable: {}", sha7(sha), e.getMessage());
      return Optional.empty();
    }
  }

  // ---- CI required ----

  /**
   * Whether a PR needs CI. Mirrors {@code ci_required_for_pr}: not when every changed path (new
   * names, and the previous names of renamed files) is documentation (see {@link
   * #hasCodeFiles}); always when the file list cannot be read or is empty.
   *
   * @param prNumber the PR number
   * @return false only for a readable, non-empty, docs-only file list. Never throws
   */
  public boolean ciRequiredForPr(long prNumber) {
    return ciRequiredForPr(forge, prNumber);
  }

  /**
   * Whether a PR of a repository needs CI, as {@link #ciRequiredForPr(long)} decides it, for
   * callers that have only the forge (the forge-status gate).
   *
   * @param forge the client of the PR's repository
   * @param prNumber the PR number
   * @return false only for a readable, non-empty, docs-only file list. Never throws
   */
  public static boolean ciRequiredForPr(ForgeClient forge, long prNumber) {
    List<ChangedFile> files;
    try {
      files = forge.getAll(ForgePath.of("pulls", prNumber, "files"), ChangedFile.class);
    } catch (DisintoException e) {
      LOG.debug("files of PR #{} unreadable, CI required: {}", prNumber, e.getMessage());
      return true;
    }
    List<String> paths = new ArrayList<>();
    for (ChangedFile f : files) {
      if (f.filename() != null && !f.filename().isEmpty()) {
        paths.add(f.filename());
      }
      if (f.previousFilename() != null && !f.previousFilename().isEmpty()) {
        paths.add(f.previousFilename());
      }
    }
    return paths.isEmpty() || hasCodeFiles(paths);
  }

  /**
   * Whether a list of paths has a code file. Mirrors {@code diff_has_code_files}: a path is not
   * code when it starts with {@code docs/}, {@code formulas/} or {@code evidence/} (any depth), or
   * ends with {@code .md} (case-sensitive: {@code README.MD} is code). Empty paths are skipped.
   *
   * @param paths the paths
   * @return true at the first code path; false when there is none
   */
  public static boolean hasCodeFiles(Iterable<String> paths) {
    for (String p : paths) {
      if (p == null || p.isEmpty()) {
        continue;
      }
      boolean docs = p.startsWith("docs/") || p.startsWith("formulas/")
          || p.startsWith("evidence/") || p.endsWith(".md");
      if (!docs) {
        return true;
      }
    }
    return false;
  }

  // ---- failure classification ----

  /**
   * Whether one failed step looks like an infrastructure failure. Mirrors {@code is_infra_step}.
   * Rules, in order: a step whose name contains {@code clone} or starts with {@code git}
   * (case-sensitive, so {@code gitleaks} matches too) exiting 128; any step exiting 137; a line of
   * the log matching, case-insensitively, {@code Failed to connect}, {@code connection timed
   * out}, {@code docker pull ... timeout} or {@code TLS handshake timeout}. Exit codes are compared
   * as numbers.
   *
   * @param stepName the step name
   * @param exitCode the exit code as text (what does not parse as a number matches no exit rule)
   * @param logText the step's log, or empty/{@code null} for none
   * @return the reason, empty when not infra
   */
  public static Optional<String> infraReason(String stepName, String exitCode, String logText) {
    OptionalLong code = OptionalLong.empty();
    try {
      code = OptionalLong.of(Long.parseLong(Objects.requireNonNullElse(exitCode, "").trim()));
    } catch (NumberFormatException e) {
      // no exit rule applies
    }
    String name = Objects.requireNonNullElse(stepName, "");
    if ((name.contains("clone") || name.startsWith("git")) && code.equals(OptionalLong.of(128))) {
      return Optional.of(name + " exit 128 (connection failure)");
    }
    if (code.equals(OptionalLong.of(137))) {
      return Optional.of(name + " exit 137 (OOM/signal 9)");
    }
    if (logText != null && !logText.isEmpty()) {
      for (String line : logText.split("\n", -1)) {
        if (INFRA_LOG.matcher(line).find()) {
          return Optional.of(name + ": log matches infra pattern (timeout/connection)");
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Why a pipeline failed. Mirrors {@code classify_pipeline_failure}: for each failed step
   * ({@code failure}, {@code error}, {@code killed}; workflow then step order; steps without a name
   * skipped) the exit-code rules of {@link #infraReason}, then the last {@value
   * #LOG_LINES_CHECKED} decoded lines of that step's log (fetched by the step's {@code id});
   * the first infra step decides. A step whose log cannot be read is judged on its exit code.
   *
   * @param repoId Woodpecker's repository id
   * @param pipelineNumber the pipeline number
   * @return infra with the reason, or code (also when the pipeline cannot be read). Never throws
   */
  public FailureClassification classifyPipelineFailure(long repoId, long pipelineNumber) {
    Pipeline p;
    try {
      p = woodpecker.pipeline(repoId, pipelineNumber);
    } catch (DisintoException e) {
      LOG.debug("pipeline #{} of repo {} unreadable: {}", pipelineNumber, repoId, e.getMessage());
      return FailureClassification.code();
    }
    for (Workflow w : p.workflows()) {
      for (Step s : w.children()) {
        if (!FAILED_STEP_STATES.contains(s.state()) || s.name() == null || s.name().isEmpty()) {
          continue;
        }
        String exit = Integer.toString(s.exitCode());
        Optional<String> reason = infraReason(s.name(), exit, "");
        if (reason.isEmpty()) {
          String log = stepLogTail(repoId, pipelineNumber, s);
          if (!log.isEmpty()) {
            reason = infraReason(s.name(), exit, log);
          }
        }
        if (reason.isPresent()) {
          return FailureClassification.infra(reason.get());
        }
      }
    }
    return FailureClassification.code();
  }

  private String stepLogTail(long repoId, long pipelineNumber, Step s) {
    try {
      List<String> texts = new ArrayList<>();
      for (LogEntry e : woodpecker.stepLogs(repoId, pipelineNumber, s.id())) {
        texts.add(e.text());
      }
      return String.join("\n", CiLogReader.tail(texts, LOG_LINES_CHECKED));
    } catch (DisintoException e) {
      LOG.debug("log of step {} (id {}) of pipeline #{} unreadable: {}", s.name(), s.id(),
          pipelineNumber, e.getMessage());
      return "";
    }
  }

  // ---- promote ----

  /**
   * Restarts a pipeline as a deployment to an environment. Mirrors {@code ci_promote}, sending
   * {@code event=deployment&deploy_to=<environment>} as query parameters with an empty body (what
   * Woodpecker 3 reads; the original's form body was ignored). Sent once.
   *
   * @param repoId Woodpecker's repository id
   * @param pipelineNumber the pipeline to promote
   * @param environment the deployment target, such as {@code production}
   * @return the number of the new deployment pipeline
   * @throws CiException {@link CiException.Kind#USAGE} for an empty environment (no request);
   *     {@link CiException.Kind#DEPLOYMENTS_NOT_ALLOWED} on 403; {@link
   *     CiException.Kind#REQUEST_FAILED} on any other failure; {@link
   *     CiException.Kind#NO_PIPELINE_NUMBER} when the answer has no number
   */
  public long promote(long repoId, long pipelineNumber, String environment) throws CiException {
    if (environment == null || environment.isEmpty()) {
      throw new CiException(CiException.Kind.USAGE, USAGE, null);
    }
    Map<String, String> query = new LinkedHashMap<>();
    query.put("event", "deployment");
    query.put("deploy_to", environment);
    Pipeline created;
    try {
      created = woodpecker.restart(repoId, pipelineNumber, query);
    } catch (WoodpeckerException e) {
      if (e.status() == 403) {
        throw new CiException(CiException.Kind.DEPLOYMENTS_NOT_ALLOWED,
            "promote API call failed: repository " + repoId
                + " does not allow deployments (HTTP 403)", e);
      }
      throw new CiException(CiException.Kind.REQUEST_FAILED,
          "promote API call failed: " + e.getMessage(), e);
    } catch (DisintoException e) {
      throw new CiException(CiException.Kind.REQUEST_FAILED,
          "promote API call failed: " + e.getMessage(), e);
    }
    if (created == null || created.number() <= 0) {
      throw new CiException(CiException.Kind.NO_PIPELINE_NUMBER,
          "promote returned no pipeline number", null);
    }
    LOG.info("promoted pipeline #{} of repo {} to {}: pipeline #{}", pipelineNumber, repoId,
        environment, created.number());
    return created.number();
  }

  // ---- logs ----

  /**
   * The log text of a pipeline's failed steps, or of one step, from Woodpecker's log store.
   * Mirrors {@code ci_get_logs}, reading in-process through the {@link CiLogReader}.
   *
   * @param pipelineNumber the pipeline number
   * @param stepName a step name, or empty for every failed step
   * @return the last lines joined with {@code "\n"}, empty when there are none
   * @throws CiException {@link CiException.Kind#LOGS_UNREADABLE} with the reader's message when
   *     the store cannot be read
   */
  public String logs(long pipelineNumber, Optional<String> stepName) throws CiException {
    try {
      return logReader.read(pipelineNumber, stepName).text();
    } catch (CiLogException e) {
      throw new CiException(CiException.Kind.LOGS_UNREADABLE, e.getMessage(), e);
    }
  }

  // ---- priority label ----

  /**
   * The id of the repository's {@code priority} label, created (colour {@value #PRIORITY_COLOR})
   * when there is none. Mirrors {@code ensure_priority_label}, looking through every page of
   * labels and taking the first match. A found id is kept for the life of this service; a failure
   * is not, so the next call asks again.
   *
   * @return the id, empty when it could be neither found nor created. Never throws
   */
  public OptionalLong ensurePriorityLabel() {
    long cached = priorityLabelId;
    if (cached > 0) {
      return OptionalLong.of(cached);
    }
    OptionalLong id = OptionalLong.empty();
    try {
      for (Label l : forge.paged("/labels", Label.class)) {
        if (PRIORITY_LABEL.equals(l.name())) {
          id = OptionalLong.of(l.id());
          break;
        }
      }
    } catch (DisintoException e) {
      LOG.debug("labels unreadable: {}", e.getMessage());
    }
    if (id.isEmpty()) {
      try {
        Label created = forge.call("POST", "/labels",
            "{\"name\":\"" + PRIORITY_LABEL + "\",\"color\":\"" + PRIORITY_COLOR + "\"}",
            Label.class);
        if (created.id() > 0) {
          id = OptionalLong.of(created.id());
          LOG.info("created label '{}' (#{})", PRIORITY_LABEL, created.id());
        }
      } catch (DisintoException e) {
        LOG.warn("could not create label '{}': {}", PRIORITY_LABEL, e.getMessage());
      }
    }
    if (id.isPresent()) {
      priorityLabelId = id.getAsLong();
    }
    return id;
  }

  private static String sha7(String sha) {
    return sha == null ? "" : sha.length() > 7 ? sha.substring(0, 7) : sha;
  }
}
