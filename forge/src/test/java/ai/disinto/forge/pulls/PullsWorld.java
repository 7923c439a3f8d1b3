package ai.disinto.forge.pulls;

import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.RetryPolicy;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.forgejo.RecordedRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One test's world on a fresh mock Forgejo: repo {@code o/r} (base {@code main}), writer {@code
 * dev-bot}, reviewer {@code review-bot}, read-only {@code reader}; scripted ports, a recording
 * sleeper and a log. Built per test, never shared.
 */
final class PullsWorld {
  static final String REPO = "o/r";
  static final String DEV_TOKEN = "tok-dev-0123";
  static final String REVIEW_TOKEN = "tok-review-0123";
  static final String READER_TOKEN = "tok-reader-0123";
  static final Path WORKTREE = Path.of("/tmp/wt-pr");

  final MockForgejo forge;
  final RecordingSleeper sleeper = new RecordingSleeper();
  final ScriptedCiGate ci = new ScriptedCiGate();
  final ScriptedAgent agent = new ScriptedAgent();
  final List<String> log = new ArrayList<>();
  final List<Path> retriggers = new ArrayList<>();
  RetriggerResult retriggerResult = new RetriggerResult(0, "");
  PrLifecycleConfig config = PrLifecycleConfig.defaults().withReviewBots(Set.of("review-bot"));

  PullsWorld(MockForgejo forge) {
    this.forge = forge;
    forge.seed().user("o", "pw-o")
        .user("dev-bot", u -> u.password("pw-dev").token(DEV_TOKEN))
        .user("review-bot", u -> u.password("pw-review").token(REVIEW_TOKEN))
        .user("reader", u -> u.password("pw-reader").token(READER_TOKEN));
    forge.seed().repo(REPO, r -> r.collaborator("dev-bot", "write")
        .collaborator("review-bot", "write").collaborator("reader", "read"));
  }

  ForgeClient client(String token) {
    return ForgeClient.builder().baseUrl(forge.baseUrl()).repo(REPO).token(token)
        .retryPolicy(RetryPolicy.none()).build();
  }

  PrLifecycle lifecycle() {
    return lifecycle(DEV_TOKEN);
  }

  PrLifecycle lifecycle(String token) {
    return PrLifecycle.builder(client(token))
        .config(config)
        .ciGate(ci)
        .agent(agent)
        .retrigger((wt, remote, primary) -> {
          retriggers.add(wt);
          return retriggerResult;
        })
        .sleeper(sleeper)
        .log(log::add)
        .build();
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
}
