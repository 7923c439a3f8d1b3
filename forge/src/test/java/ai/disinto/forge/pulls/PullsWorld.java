package ai.disinto.forge.pulls;

import ai.disinto.core.DisintoException;
import ai.disinto.core.agent.AgentResult;
import ai.disinto.core.agent.AgentRunner;
import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.RetryPolicy;
import ai.disinto.log.CapturedLog;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.forgejo.RecordedRequest;
import ai.disinto.testkit.time.FakeTime;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * The one fixture of the pulls tests: a fresh mock Forgejo with repo {@code o/r} (base {@code
 * main}), writer {@code dev-bot}, reviewer {@code review-bot}, read-only {@code reader}; a scripted
 * CI gate, agent and retrigger, fake time (recording every wait) and the log captured through the SLF4J
 * backend. Built per test, never
 * shared.
 */
final class PullsWorld {
  static final String REPO = "o/r";
  static final String DEV_TOKEN = "tok-dev-0123";
  static final String REVIEW_TOKEN = "tok-review-0123";
  static final String READER_TOKEN = "tok-reader-0123";
  static final Path WORKTREE = Path.of("/tmp/wt-pr");

  final MockForgejo forge;
  final FakeTime time = new FakeTime();
  final Ci ci = new Ci();
  final Agent agent = new Agent();
  private final CapturedLog log;
  final List<Path> retriggers = new ArrayList<>();
  RetriggerResult retriggerResult = new RetriggerResult(0, "");
  PullsConfig config = PullsConfig.defaults().withReviewBots(Set.of("review-bot"));

  PullsWorld(MockForgejo forge, CapturedLog log) {
    this.forge = forge;
    this.log = log;
    forge.seed().user("o", "pw-o")
        .user("dev-bot", u -> u.password("pw-dev").token(DEV_TOKEN))
        .user("review-bot", u -> u.password("pw-review").token(REVIEW_TOKEN))
        .user("reader", u -> u.password("pw-reader").token(READER_TOKEN));
    forge.seed().repo(REPO, r -> r.collaborator("dev-bot", "write")
        .collaborator("review-bot", "write").collaborator("reader", "read"));
  }

  /** The messages logged so far by the code under test (without time stamp and agent). */
  List<String> log() {
    return log.messages();
  }

  ForgeClient client(String token) {
    return ForgeClient.builder().baseUrl(forge.baseUrl()).repo(REPO).token(token)
        .retryPolicy(RetryPolicy.none()).build();
  }

  PullRequests prs() {
    return prs(DEV_TOKEN);
  }

  PullRequests prs(String token) {
    return PullRequests.builder(client(token)).config(config).sleeper(time).build();
  }

  CiPoller ciPoller() {
    return new CiPoller(prs(), ci);
  }

  ReviewPoller reviewPoller() {
    return new ReviewPoller(prs());
  }

  MergeWalk walk() {
    return walk(DEV_TOKEN);
  }

  MergeWalk walk(String token) {
    return MergeWalk.builder(prs(token), ci, agent, (wt, remote, primary) -> {
      retriggers.add(wt);
      return retriggerResult;
    }).build();
  }

  /** A PR by dev-bot from {@code head} into main; its branch is created with a commit. */
  long pull(String head) {
    return forge.seed().pull(REPO, p -> p.head(head).title("Fix " + head).author("dev-bot"));
  }

  String head(long pr) {
    return forge.seed().headSha(REPO, pr);
  }

  /** A review bot comment for {@code sha} in review-pr.sh's format. */
  void botReview(long pr, String sha, String verdict) {
    forge.seed().comment(REPO, pr, "review-bot", reviewBody(sha, "Looks reasonable.", verdict));
  }

  static String reviewBody(String sha, String markdown, String verdict) {
    return "## AI Review\n<!-- reviewed: " + sha + " -->\n\n" + markdown + "\n\n### Verdict\n**"
        + verdict + "** — see above\n\n---\n*Reviewed at `" + sha.substring(0, 7)
        + "` | [AGENTS.md](AGENTS.md)*";
  }

  List<String> targets() {
    return forge.journal().stream().map(r -> r.method() + " " + r.apiTarget()).toList();
  }

  List<RecordedRequest> requests(String method, String apiPathSuffix) {
    return forge.journal().stream()
        .filter(r -> r.method().equals(method) && r.apiPath().endsWith(apiPathSuffix)).toList();
  }

  /**
   * A CI gate that answers from scripts: the commit states in order (the last one repeats), the
   * failure type of each failed pipeline in order (the last one repeats); {@link #THROW} throws.
   */
  static final class Ci implements CiGate {
    /** A state that makes {@link #commitStatus} throw. */
    static final String THROW = "<throw>";
    boolean configured = true;
    boolean required = true;
    OptionalLong pipeline = OptionalLong.of(17);
    String digest = "";
    String stepLogs = "";
    private final Deque<String> states = new ArrayDeque<>();
    private final Deque<FailureType> types = new ArrayDeque<>();
    final List<String> statusChecks = new ArrayList<>();
    int classifications;

    Ci states(String... s) {
      states.addAll(List.of(s));
      return this;
    }

    Ci types(FailureType... t) {
      types.addAll(List.of(t));
      return this;
    }

    @Override
    public boolean ciConfigured() {
      return configured;
    }

    @Override
    public boolean ciRequiredForPr(long pr) {
      return required;
    }

    @Override
    public CommitState commitStatus(String sha) {
      statusChecks.add(sha);
      String s = states.size() > 1 ? states.poll()
          : states.peek() == null ? "pending" : states.peek();
      if (s.equals(THROW)) {
        throw new DisintoException("CI unreachable");
      }
      return CommitState.parse(s);
    }

    @Override
    public OptionalLong pipelineNumber(String sha) {
      return pipeline;
    }

    @Override
    public FailureType classify(long pipeline) {
      classifications++;
      return types.size() > 1 ? types.poll()
          : types.peek() == null ? FailureType.CODE : types.peek();
    }

    @Override
    public String failureDigest(long pipeline) {
      return digest;
    }

    @Override
    public String stepLogs(long pipeline) {
      return stepLogs;
    }
  }

  /** An agent that records every run and runs an optional action (given the run number). */
  static final class Agent implements AgentRunner {
    record Run(String prompt, String session, Path worktree) {}

    final List<Run> runs = new ArrayList<>();
    IntConsumer action = n -> { };
    int exitStatus;
    String reportedSession = "";

    List<String> prompts() {
      return runs.stream().map(Run::prompt).toList();
    }

    @Override
    public AgentResult run(String prompt, String resumeSessionId, Path worktree) {
      runs.add(new Run(prompt, resumeSessionId, worktree));
      action.accept(runs.size());
      return new AgentResult(exitStatus,
          reportedSession.isEmpty() ? "" : reportedSession + runs.size(), "done");
    }
  }
}
