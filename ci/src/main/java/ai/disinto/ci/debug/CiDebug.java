package ai.disinto.ci.debug;

import ai.disinto.ci.woodpecker.LogEntry;
import ai.disinto.ci.woodpecker.Pipeline;
import ai.disinto.ci.woodpecker.PipelineQuery;
import ai.disinto.ci.woodpecker.Step;
import ai.disinto.ci.woodpecker.WoodpeckerClient;
import ai.disinto.ci.woodpecker.WoodpeckerException;
import ai.disinto.ci.woodpecker.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inspects the pipelines of one Woodpecker repository and renders what it finds as the text
 * {@code lib/ci-debug.sh} prints: recent pipelines, a pipeline's steps, a step's log and the last
 * lines of every failed step's log. Mirrors the subcommands {@code list}, {@code status}, {@code
 * logs} and {@code failures} of lib/ci-debug.sh.
 *
 * <p>Unlike the script, logs are read through the API (the step's {@code pid} or name resolved to
 * its database id, the base64 data decoded) instead of through {@code woodpecker-cli}, so they are
 * there wherever the API is; {@code list N} asks for {@code perPage=N} (the script's {@code
 * per_page} is ignored by the server, which sent 50); {@code status} makes one request instead of
 * two; and missing fields print as empty text instead of stopping the output. As in the script,
 * {@code failures} covers steps in state {@code failure} only (not {@code error} or {@code
 * killed}).
 *
 * <p>Each text method returns the whole output, every line ending in a newline. When a request
 * fails part way, the {@link CiDebugException} carries the text produced until then.
 */
public final class CiDebug {
  private static final Logger LOG = LoggerFactory.getLogger(CiDebug.class);
  /** How many lines of each failed step's log {@link #failures(long)} keeps. */
  public static final int FAILURE_TAIL_LINES = 200;
  /** How many pipelines {@code list} shows when no count is given. */
  public static final int DEFAULT_LIST_COUNT = 10;
  private static final int MESSAGE_CHARS = 60;
  private static final int COMMIT_CHARS = 7;

  private static final String HELP = """
      ci-debug.sh — Query Woodpecker CI

      Commands:
        list [count]              Recent pipelines (default 10)
        status [pipeline]         Pipeline overview + step states
        logs <pipeline> <step#>   Full step logs (step# = pid from status)
        failures [pipeline]       All failed step logs (last 200 lines each)
      """;

  private final WoodpeckerClient client;
  private final long repoId;

  /**
   * Creates the inspector of one repository.
   *
   * @param client the Woodpecker client
   * @param repoId Woodpecker's repository id ({@code WOODPECKER_REPO_ID})
   */
  public CiDebug(WoodpeckerClient client, long repoId) {
    this.client = Objects.requireNonNull(client, "client");
    this.repoId = repoId;
  }

  /**
   * The usage text the script prints for {@code help} and for any unknown command.
   *
   * @return the text, ending in a newline
   */
  public static String help() {
    return HELP;
  }

  /**
   * The number of the newest pipeline. Mirrors {@code get_latest}, with one pipeline asked for.
   *
   * @return the number, or empty when the repository has no pipeline
   * @throws WoodpeckerException when the request fails
   */
  public OptionalLong latestPipeline() {
    List<Pipeline> page = client.pipelines(repoId, PipelineQuery.firstPage().withPerPage(1));
    return page.isEmpty() ? OptionalLong.empty() : OptionalLong.of(page.get(0).number());
  }

  /**
   * The newest pipelines, newest first, read page by page until {@code count} are there or the
   * repository has no more.
   *
   * @param count how many, at least 1
   * @return up to {@code count} pipelines (without workflows)
   * @throws IllegalArgumentException when {@code count} is below 1
   * @throws WoodpeckerException when a request fails
   */
  public List<Pipeline> recentPipelines(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1: " + count);
    }
    int perPage = Math.min(count, PipelineQuery.MAX_PER_PAGE);
    List<Pipeline> out = new ArrayList<>();
    for (PipelineQuery q = PipelineQuery.firstPage().withPerPage(perPage); ;
        q = q.withPage(q.page() + 1)) {
      List<Pipeline> page = client.pipelines(repoId, q);
      for (Pipeline p : page) {
        if (out.size() == count) {
          break;
        }
        out.add(p);
      }
      if (out.size() == count || page.size() < perPage) {
        return List.copyOf(out);
      }
    }
  }

  /**
   * {@code list [count]}: one line per recent pipeline, {@code #<number> <status> <event>
   * <commit, 7 characters> <first line of the message, 60 characters>}.
   *
   * @param count how many pipelines, at least 1
   * @return the lines
   * @throws IllegalArgumentException when {@code count} is below 1
   * @throws CiDebugException when the request fails (nothing was produced)
   */
  public String list(int count) {
    List<Pipeline> pipelines;
    try {
      pipelines = recentPipelines(count);
    } catch (WoodpeckerException e) {
      throw requestFailed("cannot list the pipelines", "", e);
    }
    StringBuilder out = new StringBuilder();
    for (Pipeline p : pipelines) {
      out.append('#').append(p.number()).append(' ').append(text(p.status())).append(' ')
          .append(text(p.event())).append(' ').append(prefix(text(p.commit()), COMMIT_CHARS))
          .append(' ').append(prefix(firstLine(text(p.message())), MESSAGE_CHARS)).append('\n');
    }
    return out.toString();
  }

  /**
   * {@code status [pipeline]} for the newest pipeline.
   *
   * @return the overview, as {@link #status(long)}
   * @throws CiDebugException when the repository has no pipeline or a request fails
   */
  public String status() {
    return status(latestOrThrow());
  }

  /**
   * {@code status pipeline}: the pipeline's status, event and commit, then each workflow's steps
   * with their number ({@code pid}), state and exit code:
   *
   * <pre>
   * Pipeline #12:
   *   Status: failure  Event: pull_request  Commit: abcdef1
   * Steps:
   *   [ci]
   *     [3] test → failure (exit 1)
   * </pre>
   *
   * @param pipeline the pipeline number
   * @return the overview
   * @throws CiDebugException when the request fails; the text so far is the first line
   */
  public String status(long pipeline) {
    StringBuilder out = new StringBuilder("Pipeline #").append(pipeline).append(":\n");
    Pipeline p;
    try {
      p = client.pipeline(repoId, pipeline);
    } catch (WoodpeckerException e) {
      throw requestFailed("cannot read pipeline #" + pipeline, out.toString(), e);
    }
    out.append("  Status: ").append(text(p.status())).append("  Event: ").append(text(p.event()))
        .append("  Commit: ").append(prefix(text(p.commit()), COMMIT_CHARS)).append('\n');
    out.append("Steps:\n");
    for (Workflow w : p.workflows()) {
      out.append("  [").append(text(w.name())).append("]\n");
      for (Step s : w.children()) {
        out.append("    [").append(s.pid()).append("] ").append(text(s.name())).append(" → ")
            .append(text(s.state())).append(" (exit ").append(s.exitCode()).append(")\n");
      }
    }
    return out.toString();
  }

  /**
   * Finds a step of a pipeline as {@code woodpecker-cli pipeline log show} does: by its number
   * ({@code pid}) when the argument is a number, otherwise by its name.
   *
   * @param pipeline the pipeline, with its workflows
   * @param pidOrName the step's number or name
   * @return the first matching step
   */
  public static Optional<Step> findStep(Pipeline pipeline, String pidOrName) {
    Integer pid = null;
    if (pidOrName.matches("[0-9]{1,9}")) {
      pid = Integer.parseInt(pidOrName);
    }
    for (Workflow w : pipeline.workflows()) {
      for (Step s : w.children()) {
        if (pid != null ? s.pid() == pid : pidOrName.equals(s.name())) {
          return Optional.of(s);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The decoded log of one step, one element per log entry.
   *
   * @param pipeline the pipeline number
   * @param pidOrName the step's number ({@code pid}) or name
   * @return the entries' text, in order
   * @throws CiDebugException when the pipeline has no such step, or a request fails
   */
  public List<String> stepLog(long pipeline, String pidOrName) {
    Pipeline p;
    try {
      p = client.pipeline(repoId, pipeline);
    } catch (WoodpeckerException e) {
      throw requestFailed("cannot read pipeline #" + pipeline, "", e);
    }
    Step step = findStep(p, pidOrName).orElseThrow(() -> new CiDebugException(
        CiDebugException.Reason.UNKNOWN_STEP,
        "no step with number or name '" + pidOrName + "' found", "", null));
    try {
      return texts(client.stepLogs(repoId, pipeline, step.id()));
    } catch (WoodpeckerException e) {
      throw new CiDebugException(CiDebugException.Reason.LOG_UNREADABLE, "cannot read the log of"
          + " step " + step.pid() + " of pipeline #" + pipeline + ": " + e.getMessage(), "", e);
    }
  }

  /**
   * {@code logs pipeline step}: the step's whole log, each entry followed by a newline.
   *
   * @param pipeline the pipeline number
   * @param pidOrName the step's number ({@code pid}) or name
   * @return the log
   * @throws CiDebugException when the pipeline has no such step ({@code no step with number or
   *     name '9' found}), or a request fails
   */
  public String logs(long pipeline, String pidOrName) {
    StringBuilder out = new StringBuilder();
    for (String line : stepLog(pipeline, pidOrName)) {
      out.append(line).append('\n');
    }
    return out.toString();
  }

  /**
   * The steps of a pipeline in state {@code failure}, in workflow order.
   *
   * @param pipeline the pipeline number
   * @return the failed steps, possibly none
   * @throws WoodpeckerException when the request fails
   */
  public List<Step> failedSteps(long pipeline) {
    return failedSteps(client.pipeline(repoId, pipeline));
  }

  private static List<Step> failedSteps(Pipeline p) {
    List<Step> out = new ArrayList<>();
    for (Workflow w : p.workflows()) {
      for (Step s : w.children()) {
        if ("failure".equals(s.state())) {
          out.add(s);
        }
      }
    }
    return List.copyOf(out);
  }

  /**
   * {@code failures [pipeline]} for the newest pipeline.
   *
   * @return the digest, as {@link #failures(long)}
   * @throws CiDebugException when the repository has no pipeline or a request fails
   */
  public String failures() {
    return failures(latestOrThrow());
  }

  /**
   * {@code failures pipeline}: for each step in state {@code failure}, a line {@code === FAILED:
   * <name> (step <pid>) ===}, the last 200 lines of its log and an empty line; or {@code No failed
   * steps in pipeline #<n>} when there is none. The PR walk hands the tail of this text to the
   * agent that fixes CI.
   *
   * @param pipeline the pipeline number
   * @return the digest
   * @throws CiDebugException when a request fails; the text so far is kept, as the script's output
   *     up to the step whose log it could not read
   */
  public String failures(long pipeline) {
    Pipeline p;
    try {
      p = client.pipeline(repoId, pipeline);
    } catch (WoodpeckerException e) {
      throw requestFailed("cannot read pipeline #" + pipeline, "", e);
    }
    List<Step> failed = failedSteps(p);
    if (failed.isEmpty()) {
      return "No failed steps in pipeline #" + pipeline + "\n";
    }
    StringBuilder out = new StringBuilder();
    for (Step s : failed) {
      out.append("=== FAILED: ").append(text(s.name())).append(" (step ").append(s.pid())
          .append(") ===\n");
      List<String> log;
      try {
        log = texts(client.stepLogs(repoId, pipeline, s.id()));
      } catch (WoodpeckerException e) {
        throw new CiDebugException(CiDebugException.Reason.LOG_UNREADABLE, "cannot read the log"
            + " of step " + s.pid() + " of pipeline #" + pipeline + ": " + e.getMessage(),
            out.toString(), e);
      }
      StringBuilder whole = new StringBuilder();
      for (String line : log) {
        whole.append(line).append('\n');
      }
      out.append(tailLines(whole.toString(), FAILURE_TAIL_LINES)).append('\n');
    }
    LOG.debug("pipeline #{}: {} failed step(s)", pipeline, failed.size());
    return out.toString();
  }

  @Override
  public String toString() {
    return "CiDebug[repo=" + repoId + ", " + client + "]";
  }

  // ---- helpers ----

  private long latestOrThrow() {
    OptionalLong latest;
    try {
      latest = latestPipeline();
    } catch (WoodpeckerException e) {
      throw requestFailed("cannot find the newest pipeline", "", e);
    }
    if (latest.isEmpty()) {
      throw new CiDebugException(CiDebugException.Reason.NO_PIPELINE,
          "repository " + repoId + " has no pipeline", "", null);
    }
    return latest.getAsLong();
  }

  private static CiDebugException requestFailed(String what, String partial,
      WoodpeckerException e) {
    return new CiDebugException(CiDebugException.Reason.REQUEST_FAILED,
        what + ": " + e.getMessage(), partial, e);
  }

  private static List<String> texts(List<LogEntry> entries) {
    List<String> out = new ArrayList<>(entries.size());
    for (LogEntry e : entries) {
      out.add(e.text());
    }
    return out;
  }

  private static String text(String s) {
    return s == null ? "" : s;
  }

  /** The first {@code n} code points, as jq's string slice counts. */
  static String prefix(String s, int n) {
    int count = s.codePointCount(0, s.length());
    return count <= n ? s : s.substring(0, s.offsetByCodePoints(0, n));
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** The last {@code n} lines of text whose lines all end in a newline, as {@code tail -n}. */
  static String tailLines(String text, int n) {
    int end = text.endsWith("\n") ? text.length() - 1 : text.length();
    int seen = 0;
    for (int i = end - 1; i >= 0; i--) {
      if (text.charAt(i) == '\n' && ++seen == n) {
        return text.substring(i + 1);
      }
    }
    return text;
  }
}
