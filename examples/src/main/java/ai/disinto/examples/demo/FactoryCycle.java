package ai.disinto.examples.demo;

import ai.disinto.core.DisintoException;
import ai.disinto.core.agent.AgentRunner;
import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.model.Issue;
import ai.disinto.forge.issues.ClaimResult;
import ai.disinto.forge.issues.IssueLifecycle;
import ai.disinto.forge.issues.WriteResult;
import ai.disinto.forge.pulls.CiGate;
import ai.disinto.forge.pulls.CreateResult;
import ai.disinto.forge.pulls.MergeWalk;
import ai.disinto.forge.pulls.PullRequests;
import ai.disinto.forge.pulls.RetriggerResult;
import ai.disinto.forge.pulls.WalkResult;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.LongUnaryOperator;
import java.util.function.Supplier;

/**
 * The factory's cycle over a backlog, through the library: {@link IssueLifecycle#suggestNext()
 * suggest} the next ready issue, {@link IssueLifecycle#claim claim} it, make a worktree, let the
 * agent implement it (its work ends with a push), {@link PullRequests#create open the PR}, {@link
 * MergeWalk#walk walk it} through CI and review to the merge (a CI failure goes back to the agent
 * with the failing log), {@link IssueLifecycle#close close} the issue, remove the worktree; then
 * the next, until no issue is ready. Each step prints one line with its wall-clock time. When
 * making the worktree or the agent's work throws, the issue is released back to the backlog and
 * the cycle stops with a {@link StepFailedException} naming the issue and the step.
 *
 * <p>Everything the cycle touches is injected: the forge client and the services built on it, the
 * CI gate, the {@link Workspace} and the {@link Developer}. {@code disinto demo} wires real git,
 * a real Woodpecker run and Claude Code (see {@link FactoryDemo}); another caller may wire other
 * parts, such as a forge client that only records writes.
 *
 * <pre>{@code
 * List<FactoryCycle.IssueRun> runs = FactoryCycle.builder(forge, prs, gate, workspace, developer)
 *     .clock(time).out(System.out).build().run();
 * }</pre>
 */
public final class FactoryCycle {
  private final ForgeClient forge;
  private final IssueLifecycle issues;
  private final PullRequests prs;
  private final CiGate gate;
  private final Workspace workspace;
  private final Developer developer;
  private final Clock clock;
  private final PrintStream out;
  private final LongSupplier requests;
  private final LongUnaryOperator ciRuns;
  private final int maxIssues;

  private FactoryCycle(Builder b) {
    this.forge = b.forge;
    this.issues = b.issues;
    this.prs = b.prs;
    this.gate = b.gate;
    this.workspace = b.workspace;
    this.developer = b.developer;
    this.clock = b.clock;
    this.out = b.out;
    this.requests = b.requests;
    this.ciRuns = b.ciRuns;
    this.maxIssues = b.maxIssues;
  }

  /**
   * Where the cycle works on an issue: a fresh worktree on a branch from the primary branch.
   */
  public interface Workspace {
    /**
     * Makes the worktree of an issue.
     *
     * @param issue the issue number
     * @param branch the branch to work on, created from the up-to-date primary branch
     * @return the worktree's path
     */
    Path create(long issue, String branch);

    /**
     * Removes a worktree made by {@link #create}.
     *
     * @param worktree the worktree
     * @return whether everything was removed
     */
    boolean remove(Path worktree);
  }

  /** The agent of the cycle: implements an issue, and answers the walk's CI-fix prompts. */
  public interface Developer {
    /**
     * Implements an issue in its worktree; the work ends with a push of the branch.
     *
     * @param issue the issue number
     * @param title its title
     * @param body its body
     * @param branch the branch of the worktree
     * @param worktree the worktree
     * @return the agent's session id, empty when it has none
     */
    String implement(long issue, String title, String body, String branch, Path worktree);

    /**
     * The agent the merge walk hands CI failures and review feedback to.
     *
     * @return the agent port
     */
    AgentRunner runner();

    /**
     * How many model turns the agent has taken so far (for the summary).
     *
     * @return the count
     */
    int turns();

    /**
     * Told when an issue's PR was merged and the issue closed (nothing by default).
     *
     * @param issue the issue number
     */
    default void merged(long issue) {}
  }

  /**
   * What the cycle did with one issue.
   *
   * @param issue the issue number
   * @param title its title
   * @param pr the PR opened for it, empty when none was
   * @param merged whether the PR was merged and the issue closed
   * @param outcome the walk's exit reason ({@code merged}, ...), or what stopped the issue
   * @param ciRuns CI pipelines of the PR, -1 when unknown
   * @param agentTurns model turns the agent took for it
   * @param requests forge API requests made for it
   * @param wall wall-clock time spent on it
   * @param factory virtual time that passed for it (polls, CI, review)
   */
  public record IssueRun(long issue, String title, OptionalLong pr, boolean merged,
      String outcome, long ciRuns, int agentTurns, long requests, Duration wall,
      Duration factory) {}

  /**
   * An issue's step that failed with an exception (the worktree, the agent's work): the issue was
   * given back to the backlog first ({@link IssueLifecycle#release}), so the next cycle can take
   * it again; the message says whether that worked.
   */
  public static final class StepFailedException extends DisintoException {
    private static final long serialVersionUID = 1L;
    private final long issue;
    private final String step;

    StepFailedException(long issue, String step, String message, Throwable cause) {
      super(message, cause);
      this.issue = issue;
      this.step = step;
    }

    /**
     * The issue whose step failed.
     *
     * @return the issue number
     */
    public long issue() {
      return issue;
    }

    /**
     * The step that failed: {@code worktree} or {@code implement}.
     *
     * @return the step's name, as the cycle's step lines print it
     */
    public String step() {
      return step;
    }
  }

  /**
   * Starts a builder.
   *
   * @param forge the dev bot's client of the repository
   * @param prs the PR service on the same client
   * @param gate the CI gate of the walk
   * @param workspace where the issues are worked on
   * @param developer the agent
   * @return a builder
   */
  public static Builder builder(ForgeClient forge, PullRequests prs, CiGate gate,
      Workspace workspace, Developer developer) {
    return new Builder(forge, prs, gate, workspace, developer);
  }

  /**
   * Works the backlog off: issue after issue until none is ready.
   *
   * @return one entry per issue claimed, in order
   */
  public List<IssueRun> run() {
    List<IssueRun> runs = new ArrayList<>();
    OptionalLong next;
    while (runs.size() < maxIssues
        && (next = step("suggest", null, issues::suggestNext, r -> r.isPresent()
            ? "#" + r.getAsLong() + " is ready: " + issue(r.getAsLong()).title()
            : "no ready backlog issue left")).isPresent()) {
      IssueRun run = work(next.getAsLong());
      runs.add(run);
      if (run.pr().isEmpty() && !run.merged() && run.outcome().startsWith("claim")) {
        break;
      }
    }
    return runs;
  }

  private IssueRun work(long n) {
    long t0 = System.nanoTime();
    Instant v0 = clock.instant();
    long r0 = requests.getAsLong();
    int turns0 = developer.turns();
    Issue issue = issue(n);
    ClaimResult claim = step("claim", n, () -> issues.claim(n), r -> r instanceof
        ClaimResult.Claimed c ? "assigned to " + c.login() + ", labelled in-progress"
        : r.toString());
    if (!claim.claimed()) {
      return row(n, issue, OptionalLong.empty(), false, "claim failed", t0, v0, r0, turns0);
    }
    String branch = "fix/issue-" + n;
    Path wt;
    try {
      wt = step("worktree", n, () -> workspace.create(n, branch),
          p -> "on " + branch + " at " + p.getFileName());
    } catch (RuntimeException e) {
      throw giveBack(n, "worktree", e);
    }
    try {
      String session;
      try {
        session = step("implement", n,
            () -> developer.implement(n, issue.title(), issue.body(), branch, wt),
            s -> "agent finished (" + (developer.turns() - turns0) + " turns so far)");
      } catch (RuntimeException e) {
        throw giveBack(n, "implement", e);
      }
      CreateResult pr = step("pr-create", n,
          () -> prs.create(branch, issue.title(), "Fixes #" + n + "\n\n" + issue.title() + "."),
          r -> r.ok() ? "opened PR #" + r.number().getAsLong()
              : "failed (HTTP " + r.httpStatus() + "): " + r.message());
      if (!pr.ok()) {
        step("block", n, () -> issues.block(n, "pr_create_failed", pr.message()),
            r -> r.ok() ? "blocked: pr_create_failed" : "block failed");
        return row(n, issue, OptionalLong.empty(), false, "pr_create_failed", t0, v0, r0, turns0);
      }
      long p = pr.number().getAsLong();
      Instant before = clock.instant();
      MergeWalk walker = MergeWalk.builder(prs, gate, developer.runner(),
          (worktree, remote, primary) -> new RetriggerResult(0, "")).build();
      WalkResult walk = step("walk", n, () -> walker.walk(p, session, wt),
          w -> "PR #" + p + " " + w.reason().wireName() + " (CI fixes " + w.ciFixes()
              + ", review rounds " + w.reviewRounds() + ", "
              + clockText(Duration.between(before, clock.instant())) + " of factory time)");
      if (!walk.merged()) {
        step("block", n, () -> issues.block(n, walk.reason().wireName(), null),
            r -> r.ok() ? "blocked: " + walk.reason().wireName()
                : "block failed: " + r.firstFailure().orElseThrow().describe());
        return row(n, issue, OptionalLong.of(p), false, walk.reason().wireName(), t0, v0, r0,
            turns0);
      }
      step("close", n, () -> issues.close(n),
          r -> r.ok() ? "closed" : "close failed: " + r.firstFailure().orElseThrow().describe());
      developer.merged(n);
      return row(n, issue, OptionalLong.of(p), true, walk.reason().wireName(), t0, v0, r0,
          turns0);
    } finally {
      step("cleanup", n, () -> workspace.remove(wt),
          ok -> ok ? "worktree removed" : "worktree NOT removed: " + wt);
    }
  }

  /**
   * A step of a claimed issue threw: the issue goes back to the backlog (released), so that it is
   * neither stranded in progress nor lost; the failure names the issue, the step and the release.
   */
  private StepFailedException giveBack(long n, String name, RuntimeException e) {
    WriteResult released = step("release", n, () -> issues.release(n),
        r -> r.ok() ? "back in the backlog" : "release failed: "
            + r.firstFailure().orElseThrow().describe());
    String back = released.ok() ? "the issue is back in the backlog"
        : "releasing it failed too: " + released.firstFailure().orElseThrow().describe();
    return new StepFailedException(n, name,
        "issue #" + n + ": step " + name + " failed: " + e.getMessage() + "; " + back, e);
  }

  private IssueRun row(long n, Issue issue, OptionalLong pr, boolean merged, String outcome,
      long t0, Instant v0, long r0, int turns0) {
    long ci = pr.isPresent() ? ciRuns.applyAsLong(pr.getAsLong()) : 0;
    return new IssueRun(n, issue.title(), pr, merged, outcome, ci, developer.turns() - turns0,
        requests.getAsLong() - r0, Duration.ofNanos(System.nanoTime() - t0),
        Duration.between(v0, clock.instant()));
  }

  private Issue issue(long n) {
    return forge.get("/issues/" + n, Issue.class);
  }

  /** Runs one step, printing its line: name, issue, what happened, wall-clock milliseconds. */
  private <T> T step(String name, Long issue, Supplier<T> action, Function<T, String> describe) {
    long t0 = System.nanoTime();
    T result = action.get();
    long ms = (System.nanoTime() - t0) / 1_000_000;
    out.printf("  %-10s %-4s %-74s %6d ms%n",
        name, issue == null ? "" : "#" + issue, describe.apply(result), ms);
    out.flush();
    return result;
  }

  static String clockText(Duration d) {
    long minutes = d.toMinutes();
    return minutes >= 60
        ? minutes / 60 + "h" + String.format("%02d", minutes % 60) + "m"
        : minutes + "m" + String.format("%02d", d.toSecondsPart()) + "s";
  }

  /** Settings of a cycle. */
  public static final class Builder {
    private final ForgeClient forge;
    private final PullRequests prs;
    private final CiGate gate;
    private final Workspace workspace;
    private final Developer developer;
    private IssueLifecycle issues;
    private Clock clock = Clock.systemUTC();
    private PrintStream out = new PrintStream(OutputStream.nullOutputStream());
    private LongSupplier requests = () -> 0;
    private LongUnaryOperator ciRuns = pr -> -1;
    private int maxIssues = 20;

    private Builder(ForgeClient forge, PullRequests prs, CiGate gate, Workspace workspace,
        Developer developer) {
      this.forge = Objects.requireNonNull(forge, "forge");
      this.prs = Objects.requireNonNull(prs, "prs");
      this.gate = Objects.requireNonNull(gate, "gate");
      this.workspace = Objects.requireNonNull(workspace, "workspace");
      this.developer = Objects.requireNonNull(developer, "developer");
    }

    /**
     * The issue lifecycle (by default one on the forge client with the default secret scanner
     * and this builder's clock).
     *
     * @param lifecycle the lifecycle
     * @return this builder
     */
    public Builder issues(IssueLifecycle lifecycle) {
      this.issues = Objects.requireNonNull(lifecycle, "lifecycle");
      return this;
    }

    /**
     * The clock the factory time of each issue is read from (the virtual clock of the walks'
     * sleeper in the demo).
     *
     * @param c the clock
     * @return this builder
     */
    public Builder clock(Clock c) {
      this.clock = Objects.requireNonNull(c, "clock");
      return this;
    }

    /**
     * Where the step lines go (nowhere by default).
     *
     * @param stream the stream
     * @return this builder
     */
    public Builder out(PrintStream stream) {
      this.out = Objects.requireNonNull(stream, "stream");
      return this;
    }

    /**
     * Counts forge API requests, for the per-issue figures.
     *
     * @param counter the running count
     * @return this builder
     */
    public Builder requestCounter(LongSupplier counter) {
      this.requests = Objects.requireNonNull(counter, "counter");
      return this;
    }

    /**
     * Counts the CI pipelines of a PR, for the per-issue figures.
     *
     * @param counter PR number to pipeline count, -1 when unknown
     * @return this builder
     */
    public Builder ciRuns(LongUnaryOperator counter) {
      this.ciRuns = Objects.requireNonNull(counter, "counter");
      return this;
    }

    /**
     * The most issues one run works on (20 by default), a stop for a backlog that never ends.
     *
     * @param max at least 1
     * @return this builder
     */
    public Builder maxIssues(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxIssues must be at least 1");
      }
      this.maxIssues = max;
      return this;
    }

    /**
     * Builds the cycle.
     *
     * @return the cycle
     */
    public FactoryCycle build() {
      if (issues == null) {
        issues = new IssueLifecycle(forge, ai.disinto.core.secrets.SecretScanner.defaults(),
            clock);
      }
      return new FactoryCycle(this);
    }
  }
}
