package ai.disinto.forge.issues;

import ai.disinto.core.secrets.SecretScanner;
import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.RetryPolicy;
import ai.disinto.forge.client.model.Comment;
import ai.disinto.forge.client.model.Issue;
import ai.disinto.forge.client.model.Label;
import ai.disinto.log.CapturedLog;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.forgejo.RecordedRequest;
import ai.disinto.testkit.forgejo.Seed;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;

/**
 * The acceptance world of spec/forge.md, built fresh per test on a {@link MockForgejo}: repo
 * {@code o/r}, writers {@code dev-bot} (whose token the lifecycle uses) and {@code dev-qwen},
 * labels {@code backlog}, {@code in-progress}, {@code blocked} in that order.
 */
final class World {
  static final String REPO = "o/r";
  static final String PREFIX = "/repos/o/r";
  static final Instant NOW = Instant.parse("2026-04-03T14:05:09Z");

  final MockForgejo mock;
  final long backlog;
  final long inProgress;
  final long blocked;
  /** The log lines of this test's thread, from the world's creation on. */
  final CapturedLog logs = CapturedLog.start();

  World(MockForgejo mock) {
    this(mock, true);
  }

  World(MockForgejo mock, boolean withInProgress) {
    this.mock = mock;
    Seed s = mock.seed();
    s.user("dev-bot", u -> u.token("tok-dev-bot"));
    s.user("dev-qwen", u -> u.token("tok-dev-qwen"));
    s.user("outsider", u -> u.token("tok-outsider"));
    s.repo(REPO, r -> r.collaborator("dev-bot", "write").collaborator("dev-qwen", "write"));
    backlog = s.label(REPO, "backlog", "#0075ca");
    inProgress = withInProgress ? s.label(REPO, "in-progress", "#e4e669") : -1;
    blocked = s.label(REPO, "blocked", "#d73a4a");
  }

  long issue(Consumer<Seed.IssueSpec> spec) {
    return mock.seed().issue(REPO, spec);
  }

  ForgeClient client(String token) {
    return ForgeClient.builder().baseUrl(mock.baseUrl()).repo(REPO).token(token)
        .retryPolicy(RetryPolicy.none()).build();
  }

  ForgeClient client() {
    return client("tok-dev-bot");
  }

  IssueLifecycle lifecycle(ForgeClient client) {
    return new IssueLifecycle(client, SecretScanner.defaults(), clock());
  }

  IssueLifecycle lifecycle() {
    return lifecycle(client());
  }

  static Clock clock() {
    return Clock.fixed(NOW, ZoneOffset.UTC);
  }

  String log() {
    return logs.text();
  }

  /** The requests since the last {@link MockForgejo#clearJournal()}, as {@code METHOD target}. */
  List<String> requests() {
    return mock.journal().stream().map(World::line).toList();
  }

  /** Requests with their bodies: {@code METHOD target body}. */
  List<String> requestsWithBodies() {
    return mock.journal().stream()
        .map(r -> line(r) + (r.body().isEmpty() ? "" : " " + r.body())).toList();
  }

  static String line(RecordedRequest r) {
    String t = r.apiTarget();
    t = t.startsWith(PREFIX) ? t.substring(PREFIX.length()) : t;
    return r.method() + " " + UUID.matcher(t).replaceAll("-UUID");
  }

  /** The random part of a pending claim branch's name. */
  private static final java.util.regex.Pattern UUID =
      java.util.regex.Pattern.compile("-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  /** The issue as the mock has it now (read with a separate client; call after journal checks). */
  Issue read(long number) {
    return client().get("/issues/" + number, Issue.class);
  }

  List<String> labelNames(long number) {
    return read(number).labels().stream().map(Label::name).toList();
  }

  List<Comment> comments(long number) {
    return client().getAll("/issues/" + number + "/comments", Comment.class);
  }
}
