package ai.disinto.testkit.woodpecker;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.testkit.forgejo.MockForgejo;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A MockWoodpecker linked to a MockForgejo runs the pipelines that real git pushes (JGit over the
 * forge's smart HTTP) and pull requests trigger, serves what ran over its API, posts commit
 * statuses to the forge and writes Woodpecker's SQLite store.
 */
class LinkedPipelinesTest {
  private static final String T = "wp-token";
  private static final String REPO = "owner/proj";
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir
  Path tmp;

  private MockForgejo forge;
  private MockWoodpecker wp;
  private long repoId;
  private Git git;

  @BeforeEach
  void setUp() throws Exception {
    forge = MockForgejo.start();
    forge.seed().user("owner", u -> u.password("owner-password").token("tok-owner"))
        .repo(REPO);
    git = Git.cloneRepository().setURI(forge.cloneUrl("owner", "proj"))
        .setDirectory(tmp.resolve("work").toFile()).setCredentialsProvider(creds()).call();
  }

  private void startWoodpecker(MockWoodpecker.Builder b) {
    wp = b.linkedTo(forge).dataDir(tmp.resolve("data")).workDir(tmp.resolve("runs")).start();
    wp.addUser("admin", T, true);
    repoId = wp.addRepo(REPO);
  }

  @AfterEach
  void tearDown() {
    if (git != null) {
      git.close();
    }
    if (wp != null) {
      wp.close();
    }
    forge.close();
  }

  private static UsernamePasswordCredentialsProvider creds() {
    return new UsernamePasswordCredentialsProvider("owner", "owner-password");
  }

  /** Writes files, commits them and pushes HEAD to a branch over smart HTTP; the commit id. */
  private String push(String branch, Map<String, String> files) throws Exception {
    Path work = tmp.resolve("work");
    for (Map.Entry<String, String> f : files.entrySet()) {
      Path p = work.resolve(f.getKey());
      Files.createDirectories(p.getParent());
      Files.writeString(p, f.getValue());
      git.add().addFilepattern(f.getKey()).call();
    }
    String sha = git.commit().setMessage("change " + files.keySet()).setAuthor("Dev", "dev@example.invalid")
        .setCommitter("Dev", "dev@example.invalid").setSign(false).call().name();
    git.push().setRemote("origin").setRefSpecs(new RefSpec("HEAD:refs/heads/" + branch))
        .setCredentialsProvider(creds()).call();
    return sha;
  }

  private void idle() throws InterruptedException {
    assertThat(wp.awaitIdle(WAIT)).as("the runner finished").isTrue();
  }

  private List<Map<String, Object>> pipelines() {
    return maps(Http.get(wp, "/api/repos/" + repoId + "/pipelines", T).json());
  }

  private Map<String, Object> pipeline(Object number) {
    return map(Http.get(wp, "/api/repos/" + repoId + "/pipelines" + "/" + num(number), T).json());
  }

  private List<Map<String, Object>> steps(Map<String, Object> pipeline) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> w : maps(pipeline.get("workflows"))) {
      out.addAll(maps(w.get("children")));
    }
    return out;
  }

  private Map<String, Object> step(Map<String, Object> pipeline, String name) {
    return steps(pipeline).stream().filter(s -> name.equals(s.get("name"))).findFirst()
        .orElseThrow(() -> new AssertionError("no step " + name + " in " + pipeline));
  }

  private List<String> logLines(Object number, Map<String, Object> step) {
    Http.Res res = Http.get(wp, "/api/repos/" + repoId + "/logs/" + num(number) + "/"
        + num(step.get("id")), T);
    assertThat(res.status()).isEqualTo(200);
    List<String> lines = new ArrayList<>();
    for (Map<String, Object> e : maps(res.json())) {
      lines.add(new String(Base64.getDecoder().decode((String) e.get("data")),
          StandardCharsets.UTF_8));
    }
    return lines;
  }

  /** The forge's statuses of a commit, newest first. */
  private List<Map<String, Object>> forgeStatuses(String sha) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(forge.apiUrl()
        + "/repos/" + REPO + "/commits/" + sha + "/statuses"))
        .header("Authorization", "token tok-owner").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return maps(new Moshi.Builder().build().adapter(Object.class).fromJson(r.body()));
  }

  private static final String PASSING = """
      steps:
        - name: test
          image: alpine:3
          environment:
            GREETING: hello
          commands:
            - echo "$GREETING from $CI_COMMIT_BRANCH at $CI_PIPELINE_EVENT"
            - test -f README.md
      """;

  private static final String FAILING = """
      steps:
        - name: build
          image: alpine:3
          commands:
            - echo about to fail
            - echo to stderr >&2
            - exit 3
            - echo never printed
        - name: after
          image: alpine:3
          commands:
            - echo after
        - name: notify
          image: alpine:3
          commands:
            - echo notify on failure
          when:
            status: [failure]
      """;

  @Test
  void aPushRunsThePipelineServesItsLogsAndReportsSuccessToTheForge() throws Exception {
    startWoodpecker(MockWoodpecker.builder());
    String sha = push("main", Map.of(".woodpecker.yml", PASSING));
    idle();

    List<Map<String, Object>> list = pipelines();
    assertThat(list).hasSize(1);
    Map<String, Object> p = pipeline(list.get(0).get("number"));
    assertThat(p).containsEntry("status", "success").containsEntry("event", "push")
        .containsEntry("branch", "main").containsEntry("commit", sha)
        .containsEntry("ref", "refs/heads/main").containsEntry("author", "owner");
    assertThat((String) p.get("message")).startsWith("change [.woodpecker.yml]");
    assertThat(num(p.get("started"))).isPositive();
    assertThat(num(p.get("finished"))).isGreaterThanOrEqualTo(num(p.get("started")));
    List<Map<String, Object>> workflows = maps(p.get("workflows"));
    assertThat(workflows).extracting(w -> w.get("name")).containsExactly("woodpecker");
    assertThat(workflows.get(0)).containsEntry("state", "success");
    assertThat(steps(p)).extracting(s -> s.get("name"), s -> s.get("state"), s -> s.get("type"))
        .containsExactly(org.assertj.core.groups.Tuple.tuple("clone", "success", "clone"),
            org.assertj.core.groups.Tuple.tuple("test", "success", "commands"));
    Map<String, Object> test = step(p, "test");
    assertThat(num(test.get("exit_code"))).isZero();
    assertThat(num(test.get("pid"))).isEqualTo(3);
    assertThat(logLines(p.get("number"), test)).containsExactly(
        "+ echo \"$GREETING from $CI_COMMIT_BRANCH at $CI_PIPELINE_EVENT\"",
        "hello from main at push", "+ test -f README.md");

    List<Map<String, Object>> statuses = forgeStatuses(sha);
    assertThat(statuses).extracting(s -> s.get("context"), s -> s.get("status"))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("ci/woodpecker/push/woodpecker", "success"),
            org.assertj.core.groups.Tuple.tuple("ci/woodpecker/push/woodpecker", "pending"));
    assertThat(statuses.get(0)).containsEntry("target_url",
        wp.baseUrl() + "/repos/" + repoId + "/pipeline/1/1")
        .containsEntry("description", "Pipeline was successful");
    Http.Res page = Http.get(wp, "/repos/" + repoId + "/pipeline/1/1", null);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("pipeline #1: success").contains("test: success");
  }

  @Test
  void aFailingStepFailsThePipelineSkipsTheRestAndReportsFailure() throws Exception {
    startWoodpecker(MockWoodpecker.builder());
    String sha = push("main", Map.of(".woodpecker.yml", FAILING));
    idle();

    Map<String, Object> p = pipeline(1);
    assertThat(p).containsEntry("status", "failure");
    Map<String, Object> build = step(p, "build");
    assertThat(build).containsEntry("state", "failure");
    assertThat(num(build.get("exit_code"))).isEqualTo(3);
    assertThat(step(p, "after")).containsEntry("state", "skipped");
    assertThat(step(p, "notify")).containsEntry("state", "success");
    assertThat(logLines(1, build)).containsExactly("+ echo about to fail", "about to fail",
        "+ echo to stderr >&2", "to stderr", "+ exit 3");
    assertThat(logLines(1, step(p, "notify"))).contains("notify on failure");

    Map<String, Object> latest = forgeStatuses(sha).get(0);
    assertThat(latest).containsEntry("context", "ci/woodpecker/push/woodpecker")
        .containsEntry("status", "failure").containsEntry("description", "Pipeline failed");
  }

  @Test
  void pullRequestsOpenedAndUpdatedRunPrPipelines() throws Exception {
    startWoodpecker(MockWoodpecker.builder());
    push("main", Map.of(".woodpecker.yml", PASSING));
    idle();
    String first = push("fix", Map.of("a.txt", "a\n"));
    idle();
    HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(forge.apiUrl()
        + "/repos/" + REPO + "/pulls")).header("Authorization", "token tok-owner")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"head\":\"fix\",\"base\":\"main\",\"title\":\"Fix it\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).isEqualTo(201);
    idle();
    String second = push("fix", Map.of("b.txt", "b\n"));
    idle();

    List<Map<String, Object>> list = pipelines();
    // newest first: push of the update, its pull_request sync, the PR opening, push of fix, main
    assertThat(list).extracting(p -> p.get("event"), p -> p.get("commit"))
        .containsExactly(org.assertj.core.groups.Tuple.tuple("pull_request", second),
            org.assertj.core.groups.Tuple.tuple("push", second),
            org.assertj.core.groups.Tuple.tuple("pull_request", first),
            org.assertj.core.groups.Tuple.tuple("push", first),
            org.assertj.core.groups.Tuple.tuple("push", list.get(4).get("commit")));
    Map<String, Object> pr = list.get(0);
    assertThat(pr).containsEntry("branch", "main").containsEntry("ref", "refs/pull/1/head")
        .containsEntry("refspec", "fix:main").containsEntry("title", "Fix it")
        .containsEntry("status", "success");
    assertThat(logLines(pr.get("number"), step(pipeline(pr.get("number")), "test")))
        .contains("hello from main at pull_request");
    assertThat(forgeStatuses(second)).extracting(s -> s.get("context"))
        .contains("ci/woodpecker/pr/woodpecker", "ci/woodpecker/push/woodpecker");
  }

  @Test
  void aStepPastItsTimeLimitIsKilledWithItsChildren() throws Exception {
    startWoodpecker(MockWoodpecker.builder().stepTimeout(Duration.ofMillis(800)));
    Path pidFile = tmp.resolve("sleeper.pid");
    String sha = push("main", Map.of(".woodpecker.yml", """
        steps:
          - name: hang
            commands:
              - echo started
              - sleep 300 &
              - echo $! > %s
              - wait
          - name: later
            commands:
              - echo later
        """.formatted(pidFile)));
    idle();

    Map<String, Object> p = pipeline(1);
    assertThat(p).containsEntry("status", "killed");
    Map<String, Object> hang = step(p, "hang");
    assertThat(hang).containsEntry("state", "killed");
    assertThat(num(hang.get("exit_code"))).isEqualTo(MockWoodpecker.EXIT_KILLED);
    assertThat(step(p, "later")).containsEntry("state", "skipped");
    assertThat(logLines(1, hang)).contains("started")
        .contains("step ran past its time limit of 800 ms and was killed");
    long sleeper = Long.parseLong(Files.readString(pidFile).trim());
    assertThat(running(sleeper)).as("the step's background sleep was killed").isFalse();
    assertThat(forgeStatuses(sha).get(0)).containsEntry("status", "failure");
  }

  @Test
  void everyFileOfTheWoodpeckerFolderIsAWorkflowWithItsOwnStatus() throws Exception {
    startWoodpecker(MockWoodpecker.builder());
    String sha = push("main", Map.of(
        ".woodpecker/build.yml", """
            steps:
              build:
                image: golang
                commands: echo building
            """,
        ".woodpecker/lint.yaml", """
            when:
              - event: push
                branch: main
            steps:
              - name: lint
                commands: [echo linting, "false"]
            """,
        ".woodpecker/pr-only.yml", """
            when:
              event: pull_request
            steps:
              - name: never
                commands: [echo no]
            """,
        ".woodpecker.yml", PASSING));
    idle();

    Map<String, Object> p = pipeline(1);
    assertThat(maps(p.get("workflows"))).extracting(w -> w.get("name"), w -> w.get("state"),
        w -> num(w.get("pid"))).containsExactly(
            org.assertj.core.groups.Tuple.tuple("build", "success", 1L),
            org.assertj.core.groups.Tuple.tuple("lint", "failure", 4L));
    assertThat(p).containsEntry("status", "failure");
    assertThat(logLines(1, step(p, "build"))).containsExactly("+ echo building", "building");
    Map<String, Map<String, Object>> latest = new java.util.LinkedHashMap<>();
    for (Map<String, Object> s : forgeStatuses(sha)) {
      latest.putIfAbsent((String) s.get("context"), s);
    }
    assertThat(latest.keySet()).containsExactlyInAnyOrder("ci/woodpecker/push/build",
        "ci/woodpecker/push/lint");
    assertThat(latest.get("ci/woodpecker/push/build")).containsEntry("status", "success");
    assertThat(latest.get("ci/woodpecker/push/lint")).containsEntry("status", "failure")
        .containsEntry("target_url", wp.baseUrl() + "/repos/" + repoId + "/pipeline/1/4");
  }

  @Test
  void theSqliteStoreHoldsWhatRan() throws Exception {
    startWoodpecker(MockWoodpecker.builder());
    push("main", Map.of(".woodpecker.yml", FAILING));
    idle();

    Path db = tmp.resolve("data/woodpecker.sqlite");
    assertThat(wp.databaseFile()).contains(db);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      try (PreparedStatement st = c.prepareStatement("SELECT p.number, p.status, p.event, r.full_name"
          + " FROM pipelines p JOIN repos r ON r.id = p.repo_id");
          ResultSet rs = st.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(1);
        assertThat(rs.getString(2)).isEqualTo("failure");
        assertThat(rs.getString(3)).isEqualTo("push");
        assertThat(rs.getString(4)).isEqualTo(REPO);
        assertThat(rs.next()).isFalse();
      }
      List<String> steps = new ArrayList<>();
      try (PreparedStatement st = c.prepareStatement(
          "SELECT name, state, exit_code, pid FROM steps ORDER BY pid");
          ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          steps.add(rs.getString(1) + ":" + rs.getString(2) + ":" + rs.getInt(3) + ":"
              + rs.getInt(4));
        }
      }
      assertThat(steps).containsExactly("clone:success:0:2", "build:failure:3:3",
          "after:skipped:0:4", "notify:success:0:5");
      // The reader's query: lines of the failed steps of pipeline #1, in entry order, as BLOBs.
      List<String> lines = new ArrayList<>();
      try (PreparedStatement st = c.prepareStatement("SELECT l.data, typeof(l.data)"
          + " FROM log_entries l JOIN steps s ON l.step_id = s.id"
          + " JOIN pipelines p ON s.pipeline_id = p.id"
          + " WHERE p.number = ? AND s.state IN ('failure', 'error', 'killed') ORDER BY l.id")) {
        st.setLong(1, 1);
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            assertThat(rs.getString(2)).isEqualTo("blob");
            lines.add(new String(rs.getBytes(1), StandardCharsets.UTF_8));
          }
        }
      }
      assertThat(lines).containsExactly("+ echo about to fail", "about to fail",
          "+ echo to stderr >&2", "to stderr", "+ exit 3");
      try (PreparedStatement st = c.prepareStatement(
          "SELECT w.name, w.state FROM workflows w");
          ResultSet rs = st.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1) + ":" + rs.getString(2)).isEqualTo("woodpecker:failure");
      }
    }
  }

  @Test
  void withExecutionOffAPushCreatesAPendingPipelineAndPostsNothing() throws Exception {
    startWoodpecker(MockWoodpecker.builder().execute(false));
    String sha = push("main", Map.of(".woodpecker.yml", PASSING));
    assertThat(wp.awaitIdle(Duration.ZERO)).isTrue();

    Map<String, Object> p = pipeline(1);
    assertThat(p).containsEntry("status", "pending").containsEntry("commit", sha);
    assertThat(steps(p)).extracting(s -> s.get("name"), s -> s.get("state")).containsExactly(
        org.assertj.core.groups.Tuple.tuple("clone", "pending"),
        org.assertj.core.groups.Tuple.tuple("test", "pending"));
    assertThat(forgeStatuses(sha)).isEmpty();
  }

  @Test
  void aCommitWithoutConfigurationGetsNoPipelineAndBadYamlAnErrorPipeline() throws Exception {
    startWoodpecker(MockWoodpecker.builder());
    push("main", Map.of("notes.txt", "no ci here\n"));
    idle();
    assertThat(pipelines()).isEmpty();

    String sha = push("main", Map.of(".woodpecker.yml", "steps: [ {name: x, commands: [\n"));
    idle();
    Map<String, Object> p = pipeline(1);
    assertThat(p).containsEntry("status", "error");
    assertThat(maps(p.get("errors"))).hasSize(1);
    assertThat(forgeStatuses(sha).get(0)).containsEntry("status", "error")
        .containsEntry("context", "ci/woodpecker/push/woodpecker");
  }

  @Test
  void aRestartRunsTheCommitAgain() throws Exception {
    startWoodpecker(MockWoodpecker.builder());
    push("main", Map.of(".woodpecker.yml", PASSING));
    idle();

    Http.Res res = Http.send(wp, "POST", "/api/repos/" + repoId + "/pipelines/1", T, null);
    assertThat(res.status()).isEqualTo(200);
    idle();

    Map<String, Object> p = pipeline(2);
    assertThat(p).containsEntry("status", "success");
    assertThat(num(p.get("parent"))).isEqualTo(1);
    assertThat(logLines(2, step(p, "test"))).contains("hello from main at push");
  }

  @Test
  void outputBytesThatAreNotUtf8AreKeptAsTheyCame() throws Exception {
    startWoodpecker(MockWoodpecker.builder());
    push("main", Map.of(".woodpecker.yml", """
        steps:
          - name: bytes
            commands:
              - printf 'h\\303\\251 \\377\\n'
        """));
    idle();

    Map<String, Object> bytes = step(pipeline(1), "bytes");
    Http.Res res = Http.get(wp, "/api/repos/" + repoId + "/logs/1/" + num(bytes.get("id")), T);
    List<Map<String, Object>> entries = maps(res.json());
    assertThat(entries).hasSize(2);
    assertThat(Base64.getDecoder().decode((String) entries.get(1).get("data")))
        .containsExactly('h', 0xC3, 0xA9, ' ', 0xFF);
    assertThat(num(entries.get(1).get("line"))).isEqualTo(1);
  }

  @Test
  void awaitIdleSaysWhenTheTimeRanOutAndCloseKillsTheRunningStep() throws Exception {
    MockWoodpecker linked = MockWoodpecker.linkedTo(forge);
    long id = linked.addRepo(REPO);
    push("main", Map.of(".woodpecker.yml", """
        steps:
          - name: forever
            commands:
              - sleep 600
        """));
    try {
      assertThat(linked.awaitIdle(Duration.ofMillis(300))).isFalse();
      assertThat(id).isPositive();
    } finally {
      long t0 = System.nanoTime();
      linked.close();
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(20));
    }
    assertThat(linked.awaitIdle(Duration.ofSeconds(20))).isTrue();
  }

  /**
   * Whether a process still runs: a killed process whose new parent has not reaped it yet (a
   * zombie, state Z in /proc) has ended.
   */
  private static boolean running(long pid) throws IOException {
    Path stat = Path.of("/proc/" + pid + "/stat");
    if (Files.exists(stat)) {
      String s = Files.readString(stat);
      char state = s.charAt(s.lastIndexOf(')') + 2);
      return state != 'Z' && state != 'X';
    }
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  private static long num(Object o) {
    return o instanceof Number n ? n.longValue() : Long.parseLong(o.toString());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> maps(Object o) {
    return (List<Map<String, Object>>) o;
  }
}
