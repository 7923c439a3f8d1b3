package ai.disinto.forge.setup;

import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.RetryPolicy;
import ai.disinto.log.CapturedLog;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.forgejo.RecordedRequest;
import ai.disinto.testkit.forgejo.Seed;
import ai.disinto.testkit.time.FakeTime;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fresh forge for the init flows: site admin {@code disinto-admin} (password {@code
 * admin-pass-1234}, token {@code tok-admin}), every factory bot with token {@code tok-<login>}
 * and password {@code <login>-password}, and git that sees no global or system configuration.
 */
final class SetupWorld {
  static final String ADMIN_PASS = "admin-pass-1234";
  static final List<String> BOTS = List.of("dev-bot", "review-bot", "planner-bot", "gardener-bot",
      "vault-bot", "supervisor-bot", "predictor-bot", "architect-bot");

  final MockForgejo mock;
  final Path home;
  final FakeTime time = new FakeTime();
  final CapturedLog log = CapturedLog.start();

  SetupWorld(MockForgejo mock, Path home) {
    this.mock = mock;
    this.home = home;
    Seed s = mock.seed();
    s.user("disinto-admin", u -> u.password(ADMIN_PASS).admin(true).token("tok-admin"));
    for (String b : BOTS) {
      s.user(b, u -> u.password(b + "-password").token("tok-" + b));
    }
  }

  ForgeClient admin() {
    return client("tok-admin");
  }

  ForgeClient client(String token) {
    return ForgeClient.builder().baseUrl(mock.baseUrl()).token(token)
        .retryPolicy(RetryPolicy.none()).build();
  }

  /** Git with an empty HOME and no system config, so identities come only from the checkout. */
  GitAccess git() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("HOME", home.toString());
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    env.put("GIT_AUTHOR_DATE", "2026-04-03T14:00:00Z");
    env.put("GIT_COMMITTER_DATE", "2026-04-03T14:00:00Z");
    return GitAccess.of(env);
  }

  GitAccess adminGit() {
    return git().withLogin("disinto-admin", ADMIN_PASS);
  }

  BranchProtection protection() {
    return new BranchProtection(admin(), time);
  }

  /** The requests since the last {@link MockForgejo#clearJournal()} that could change state. */
  List<String> writes() {
    return mock.journal().stream().filter(r -> !isRead(r))
        .map(r -> r.method() + " " + r.apiPath() + " -> " + r.status()).toList();
  }

  static boolean isRead(RecordedRequest r) {
    return r.method().equals("GET") || r.method().equals("HEAD")
        || r.path().endsWith("/git-upload-pack");
  }

  List<String> requests() {
    return mock.journal().stream().map(r -> r.method() + " " + r.apiPath()).toList();
  }
}
