package ai.disinto.testkit.woodpecker;

import ai.disinto.testkit.woodpecker.MockWoodpecker.PipelineS;
import ai.disinto.testkit.woodpecker.MockWoodpecker.StepS;
import ai.disinto.testkit.woodpecker.MockWoodpecker.WorkflowS;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one pipeline of a {@link MockWoodpecker} on its runner thread: workflow after workflow,
 * a fresh checkout each, steps with {@code bash -e}, logs and states into the mock's state (under
 * its lock), commit statuses to the linked forge (without the mock's lock).
 */
final class PipelineRunner {
  private static final Logger LOG = LoggerFactory.getLogger(PipelineRunner.class);
  private static final long READER_GRACE_MILLIS = 5_000;

  private final MockWoodpecker m;
  private final Object lock;

  PipelineRunner(MockWoodpecker m) {
    this.m = m;
    this.lock = m.lock();
  }

  void run(long repoId, long pipelineId) {
    PipelineS p;
    List<PipelineConfig.Workflow> plan;
    synchronized (lock) {
      p = m.pipelineById(repoId, pipelineId);
      if (p == null) {
        return;
      }
      plan = p.plan;
    }
    PipelineConfig.Trigger trigger = new PipelineConfig.Trigger(p.event, p.branch);
    if (plan == null) {
      String error = null;
      try {
        plan = MockWoodpecker.plan(m.forge().filesAt(p.forgeRepo, p.commit), trigger);
      } catch (PipelineConfig.ConfigException e) {
        error = e.getMessage();
        plan = List.of();
      } catch (IllegalArgumentException gone) {
        error = "cannot read the configuration: " + gone.getMessage();
        plan = List.of();
      }
      synchronized (lock) {
        m.replan(p, plan);
        if (error != null || plan.isEmpty()) {
          p.status = "error";
          p.errors.add(MockWoodpecker.map("type", "generic", "message",
              error != null ? error : "no workflow to run", "is_warning", false, "data", null));
          p.finished = now();
        }
        storeAll(repoId, p);
      }
    }
    if ("error".equals(p.status)) {
      status(repoId, p, "woodpecker", 0, "error");
      return;
    }
    List<WorkflowS> workflows;
    synchronized (lock) {
      p.status = "running";
      p.started = now();
      m.stored(repoId, p);
      workflows = new ArrayList<>(p.workflows);
    }
    for (WorkflowS w : workflows) {
      status(repoId, p, w.name, w.pid, "pending");
    }
    boolean failed = false;
    boolean killed = false;
    for (int i = 0; i < workflows.size(); i++) {
      WorkflowS w = workflows.get(i);
      String state = Thread.currentThread().isInterrupted() ? killRest(w)
          : runWorkflow(repoId, p, w, plan.get(i), trigger);
      failed |= state.equals("failure");
      killed |= state.equals("killed");
      status(repoId, p, w.name, w.pid, state);
    }
    synchronized (lock) {
      p.status = failed ? "failure" : killed ? "killed" : "success";
      p.finished = now();
      m.stored(repoId, p);
    }
    LOG.debug("mock Woodpecker: pipeline #{} of {} ended {}", p.number, p.forgeRepo, p.status);
  }

  private void storeAll(long repoId, PipelineS p) {
    m.stored(repoId, p);
    for (WorkflowS w : p.workflows) {
      m.stored(p, w);
      w.steps.forEach(m::stored);
    }
  }

  private String killRest(WorkflowS w) {
    synchronized (lock) {
      w.state = "killed";
      for (StepS s : w.steps) {
        if (s.state.equals("pending") || s.state.equals("running")) {
          s.state = "killed";
        }
      }
      return w.state;
    }
  }

  private String runWorkflow(long repoId, PipelineS p, WorkflowS w,
      PipelineConfig.Workflow plan, PipelineConfig.Trigger trigger) {
    synchronized (lock) {
      w.state = "running";
      w.started = now();
      m.stored(p, w);
    }
    Path ws = null;
    boolean failing = false;
    boolean killed = false;
    try {
      ws = Files.createTempDirectory(Files.createDirectories(m.workDir()),
          "p" + p.id + "-" + w.pid + "-");
      int next = 0;
      for (StepS s : w.steps) {
        if (Thread.currentThread().isInterrupted()) {
          end(p, s, "killed", MockWoodpecker.EXIT_KILLED, "the mock was closed");
          killed = true;
          continue;
        }
        if (s.type.equals("clone")) {
          if (!clone(p, s, ws)) {
            failing = true;
          }
          continue;
        }
        PipelineConfig.Step cfg = plan.steps().get(next++);
        if (!cfg.when().matches(trigger, failing)) {
          synchronized (lock) {
            s.state = "skipped";
            m.stored(s);
          }
          continue;
        }
        String state = runStep(repoId, p, w, s, cfg, ws);
        if (state.equals("killed")) {
          killed = true;
          failing = true;
        } else if (state.equals("failure") && !cfg.ignoreFailure()) {
          failing = true;
        }
      }
    } catch (IOException e) {
      LOG.warn("mock Woodpecker: no workspace for pipeline #{}", p.number, e);
      failing = true;
      synchronized (lock) {
        w.error = "cannot create the workspace: " + e.getMessage();
      }
    } finally {
      if (ws != null) {
        deleteTree(ws);
      }
    }
    synchronized (lock) {
      w.state = killed ? "killed" : failing ? "failure" : "success";
      w.finished = now();
      m.stored(p, w);
      return w.state;
    }
  }

  private boolean clone(PipelineS p, StepS s, Path ws) {
    start(p, s);
    String[] parts = p.forgeRepo.split("/", 2);
    String url = m.forge().cloneUrl(parts[0], parts[1]);
    log(s, "+ git clone " + url + " " + ws.getFileName(), 0);
    try {
      Path bare = m.forge().bareRepository(parts[0], parts[1]);
      try (Git git = Git.cloneRepository().setURI(bare.toUri().toString())
          .setDirectory(ws.toFile()).setNoCheckout(true).setCloneAllBranches(true).call()) {
        git.checkout().setName(p.commit).call();
      }
      log(s, "+ git checkout " + p.commit, 0);
      end(p, s, "success", 0, "");
      return true;
    } catch (GitAPIException | RuntimeException e) {
      log(s, "clone failed: " + e.getMessage(), 0);
      end(p, s, "failure", 1, "clone failed");
      return false;
    }
  }

  private String runStep(long repoId, PipelineS p, WorkflowS w, StepS s, PipelineConfig.Step cfg,
      Path ws) {
    start(p, s);
    if (cfg.commands().isEmpty()) {
      log(s, "mock Woodpecker: step " + s.name + " has no commands (a plugin); not run", 0);
      return end(p, s, "success", 0, "");
    }
    StringBuilder script = new StringBuilder();
    for (String c : cfg.commands()) {
      script.append("echo ").append(quote("+ " + c)).append('\n').append(c).append('\n');
    }
    ProcessBuilder pb = new ProcessBuilder("bash", "-e", "-c", script.toString())
        .directory(ws.toFile()).redirectErrorStream(true);
    pb.environment().clear();
    pb.environment().putAll(environment(repoId, p, w, s, ws, cfg.environment()));
    Duration limit = m.stepTimeout();
    long t0 = System.nanoTime();
    Process proc;
    try {
      proc = pb.start();
    } catch (IOException e) {
      log(s, "cannot start bash: " + e.getMessage(), 0);
      return end(p, s, "failure", 1, "cannot start bash");
    }
    try {
      proc.getOutputStream().close();
    } catch (IOException ignored) {
      // a step that reads no input does not care
    }
    Thread reader = new Thread(() -> readLines(proc.getInputStream(), s, t0),
        "mock-woodpecker-log-" + s.id);
    reader.setDaemon(true);
    reader.start();
    boolean killed = false;
    boolean interrupted = false;
    try {
      if (!proc.waitFor(limit.toNanos(), TimeUnit.NANOSECONDS)) {
        killed = true;
      }
    } catch (InterruptedException e) {
      killed = true;
      interrupted = true;
    }
    if (killed) {
      killTree(proc);
    }
    try {
      reader.join(READER_GRACE_MILLIS);
    } catch (InterruptedException e) {
      interrupted = true;
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (killed) {
      String why = interrupted ? "the mock was closed"
          : "step ran past its time limit of " + describe(limit) + " and was killed";
      log(s, why, 0);
      return end(p, s, "killed", MockWoodpecker.EXIT_KILLED, why);
    }
    int code = proc.exitValue();
    return end(p, s, code == 0 ? "success" : "failure", code, "");
  }

  private static String describe(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  private Map<String, String> environment(long repoId, PipelineS p, WorkflowS w, StepS s,
      Path ws, Map<String, String> stepEnv) {
    Map<String, String> env = new LinkedHashMap<>();
    String path = System.getenv("PATH");
    env.put("PATH", path == null ? "/usr/local/bin:/usr/bin:/bin" : path);
    env.put("HOME", System.getProperty("user.home"));
    env.put("LANG", "C.UTF-8");
    env.put("CI", "woodpecker");
    env.put("CI_REPO", p.forgeRepo);
    String[] parts = p.forgeRepo.split("/", 2);
    env.put("CI_REPO_OWNER", parts[0]);
    env.put("CI_REPO_NAME", parts[1]);
    env.put("CI_COMMIT_SHA", p.commit);
    env.put("CI_COMMIT_REF", p.ref);
    env.put("CI_COMMIT_BRANCH", p.branch);
    env.put("CI_COMMIT_MESSAGE", p.message);
    env.put("CI_COMMIT_AUTHOR", p.author);
    env.put("CI_COMMIT_AUTHOR_EMAIL", p.email);
    if (p.event.equals("pull_request")) {
      String[] spec = p.refspec.split(":", 2);
      env.put("CI_COMMIT_SOURCE_BRANCH", spec[0]);
      env.put("CI_COMMIT_TARGET_BRANCH", spec.length > 1 ? spec[1] : p.branch);
      env.put("CI_COMMIT_PULL_REQUEST", p.ref.replaceAll("[^0-9]", ""));
    }
    env.put("CI_PIPELINE_EVENT", p.event);
    env.put("CI_PIPELINE_NUMBER", Long.toString(p.number));
    env.put("CI_PIPELINE_URL", m.baseUrl() + "/repos/" + repoId + "/pipeline/" + p.number);
    env.put("CI_WORKFLOW_NAME", w.name);
    env.put("CI_STEP_NAME", s.name);
    env.put("CI_WORKSPACE", ws.toString());
    env.putAll(stepEnv);
    return env;
  }

  /** Every output line (without its newline) becomes one log entry as it arrives. */
  private void readLines(InputStream in, StepS s, long t0) {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    try (in) {
      int n;
      while ((n = in.read(buf)) >= 0) {
        for (int i = 0; i < n; i++) {
          if (buf[i] == '\n') {
            logBytes(s, line.toByteArray(), t0);
            line.reset();
          } else {
            line.write(buf[i]);
          }
        }
      }
    } catch (IOException closed) {
      // the process was killed; what it wrote so far is kept
    }
    if (line.size() > 0) {
      logBytes(s, line.toByteArray(), t0);
    }
  }

  private void logBytes(StepS s, byte[] bytes, long t0) {
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
    synchronized (lock) {
      m.appendLog(s, bytes, seconds);
    }
  }

  private void log(StepS s, String text, long time) {
    synchronized (lock) {
      m.appendLog(s, text.getBytes(StandardCharsets.UTF_8), time);
    }
  }

  private void start(PipelineS p, StepS s) {
    synchronized (lock) {
      s.state = "running";
      s.started = now();
      m.stored(s);
    }
  }

  private String end(PipelineS p, StepS s, String state, int exitCode, String error) {
    synchronized (lock) {
      s.state = state;
      s.exitCode = exitCode;
      s.error = error;
      s.finished = now();
      m.stored(s);
      return state;
    }
  }

  /** Commit status of one workflow on the forge, as Woodpecker reports it. */
  private void status(long repoId, PipelineS p, String workflow, int pid, String state) {
    String forgeState = switch (state) {
      case "success" -> "success";
      case "failure", "killed" -> "failure";
      case "error" -> "error";
      default -> "pending";
    };
    String description = switch (state) {
      case "success" -> "Pipeline was successful";
      case "failure" -> "Pipeline failed";
      case "killed" -> "Pipeline was canceled";
      case "error" -> "oops, something went wrong";
      case "running" -> "Pipeline is running";
      default -> "Pipeline is pending";
    };
    String target = m.baseUrl() + "/repos/" + repoId + "/pipeline/" + p.number
        + (pid > 0 ? "/" + pid : "");
    try {
      m.forge().seed().status(p.forgeRepo, p.commit, context(p.event, workflow), forgeState,
          target, description);
    } catch (RuntimeException e) {
      LOG.warn("mock Woodpecker: cannot post the commit status of {} to the forge", p.commit, e);
    }
  }

  /** Woodpecker's status context: {@code ci/woodpecker/<event>/<workflow>}. */
  static String context(String event, String workflow) {
    String ev = switch (event) {
      case "pull_request", "pull_request_closed" -> "pr";
      case "deployment" -> "deploy";
      default -> event;
    };
    return "ci/woodpecker/" + ev + "/" + workflow;
  }

  private long now() {
    return m.clock().instant().getEpochSecond();
  }

  static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  /** Kills the descendants first: once the parent is gone they are no longer its descendants. */
  private static void killTree(Process p) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    try {
      p.waitFor(READER_GRACE_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(f -> {
        try {
          Files.deleteIfExists(f);
        } catch (IOException e) {
          LOG.debug("cannot delete {}", f, e);
        }
      });
    } catch (IOException e) {
      LOG.debug("cannot delete {}", dir, e);
    }
  }
}
