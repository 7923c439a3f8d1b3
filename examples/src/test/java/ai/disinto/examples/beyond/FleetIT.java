package ai.disinto.examples.beyond;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.RetryPolicy;
import ai.disinto.forge.client.model.Issue;
import ai.disinto.forge.client.model.PullRequest;
import ai.disinto.testkit.forgejo.ForgeListener;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.forgejo.PushEvent;
import ai.disinto.testkit.woodpecker.MockWoodpecker;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet on one forge: four factory processes (separate JVMs running {@link FleetFactory}, four
 * agent threads each) work a backlog of issues with dependencies on one mock Forgejo, with the
 * mock Woodpecker linked to it running every PR's pipeline, coordinated only through the forge.
 * One process is killed mid-issue; its claim goes stale and another agent finishes the issue.
 */
class FleetIT {
  static final int PROCESSES = 4;
  static final int AGENTS = 4;
  static final int ISSUES = 100;
  static final String REPO = "o/r";
  private static final Pattern MERGE = Pattern.compile("Merge pull request 'fix: issue #(\\d+)'"
      + " \\(#(\\d+)\\)");

  @TempDir Path tmp;
  private long killedAt;

  @Test
  @Timeout(value = 330, unit = TimeUnit.SECONDS)
  void fourFactoriesShareOneBacklogThroughTheForgeOnly() throws Exception {
    long start = System.nanoTime();
    try (MockForgejo forge = MockForgejo.builder().threads(32).start();
        MockWoodpecker ci = MockWoodpecker.builder().linkedTo(forge).execute(true)
            .workDir(tmp.resolve("ci")).stepTimeout(Duration.ofSeconds(30)).start()) {
      List<String> mergeOrder = new CopyOnWriteArrayList<>();
      forge.addListener(new ForgeListener() {
        @Override
        public void onPush(PushEvent e) {
          Matcher m = MERGE.matcher(e.message() == null ? "" : e.message());
          if (e.branch().equals("main") && m.find()) {
            mergeOrder.add(m.group(1));
          }
        }
      });
      Map<Long, List<Long>> deps = seed(forge);
      ci.addRepo(REPO);

      List<Process> processes = new ArrayList<>();
      List<List<String>> lines = new ArrayList<>();
      CountDownLatch stalled = new CountDownLatch(1);
      for (int p = 0; p < PROCESSES; p++) {
        List<String> agents = new ArrayList<>();
        for (int a = 0; a < AGENTS; a++) {
          agents.add(agent(p, a) + ":" + token(p, a));
        }
        ProcessBuilder pb = new ProcessBuilder(javaCommand(forge.baseUrl(),
            String.join(",", agents), p == 0 ? 2 : 0))
            .redirectError(tmp.resolve("factory-" + p + ".err").toFile());
        Process proc = pb.start();
        processes.add(proc);
        List<String> out = Collections.synchronizedList(new ArrayList<>());
        lines.add(out);
        Thread reader = new Thread(() -> {
          try (BufferedReader r = new BufferedReader(new InputStreamReader(proc.getInputStream(),
              StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
              out.add(line);
              if (line.startsWith("STALLED ")) {
                stalled.countDown();
              }
            }
          } catch (IOException e) {
            // The process was killed.
          }
        });
        reader.setDaemon(true);
        reader.start();
      }

      try {
        assertThat(stalled.await(120, TimeUnit.SECONDS)).as("process 0 stalled mid-issue")
            .isTrue();
        processes.get(0).destroyForcibly().waitFor();
        killedAt = System.nanoTime();
        for (int p = 1; p < PROCESSES; p++) {
          assertThat(processes.get(p).waitFor(260, TimeUnit.SECONDS)).as("factory %d ended", p)
              .isTrue();
          assertThat(processes.get(p).exitValue()).as("factory %d", p).isZero();
        }
      } finally {
        processes.forEach(Process::destroyForcibly);
        for (int p = 0; p < processes.size(); p++) {
          Path err = tmp.resolve("factory-" + p + ".err");
          Files.createDirectories(Path.of("target", "fleet"));
          Files.copy(err, Path.of("target", "fleet", "factory-" + p + ".err"),
              java.nio.file.StandardCopyOption.REPLACE_EXISTING);
          Files.write(Path.of("target", "fleet", "factory-" + p + ".out"), lines.get(p));
        }
      }
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      verify(forge, deps, lines, mergeOrder, took, ci);
    }
  }

  private void verify(MockForgejo forge, Map<Long, List<Long>> deps, List<List<String>> lines,
      List<String> mergeOrder, Duration took, MockWoodpecker ci) throws IOException {
    ForgeClient admin = ForgeClient.builder().baseUrl(forge.baseUrl()).repo(REPO)
        .token("tok-owner-0000").retryPolicy(RetryPolicy.none()).build();
    List<Issue> issues = admin.getAll("/issues?state=all&type=issues", Issue.class);
    List<PullRequest> pulls = admin.getAll("/pulls?state=all", PullRequest.class);
    assertThat(issues).hasSize(ISSUES).allSatisfy(i -> assertThat(i.isOpen())
        .as("issue #%d closed", i.number()).isFalse());
    // Every issue closed exactly once (never reopened), with exactly one merged PR.
    for (Issue i : issues) {
      List<Map> timeline = admin.getAll("/issues/" + i.number() + "/timeline", Map.class);
      assertThat(timeline.stream().filter(e -> "close".equals(e.get("type"))).count())
          .as("closings of #%d", i.number()).isEqualTo(1);
      assertThat(timeline).noneMatch(e -> "reopen".equals(e.get("type")));
      assertThat(pulls.stream().filter(p -> p.merged()
          && ("fix: issue #" + i.number()).equals(p.title())).count())
          .as("merged PRs of #%d", i.number()).isEqualTo(1);
    }
    // No two agents on one issue: one PR opened per issue, by one agent, besides the killed one.
    Map<String, List<String>> prOpeners = new TreeMap<>();
    Map<String, String> stalledBy = new HashMap<>();
    Map<String, Integer> mergedPerAgent = new TreeMap<>();
    long requests = 0;
    java.util.Set<String> reaped = new java.util.TreeSet<>();
    for (List<String> out : lines) {
      for (String line : out) {
        String[] w = line.split(" ");
        switch (w[0]) {
          case "PR" -> prOpeners.computeIfAbsent(w[1], k -> new ArrayList<>()).add(w[2]);
          case "STALLED" -> stalledBy.put(w[1], w[2]);
          case "MERGED" -> mergedPerAgent.merge(w[2], 1, Integer::sum);
          case "REQUESTS" -> requests += Long.parseLong(w[1]);
          case "REAPED" -> reaped.add(w[1]);
          default -> { }
        }
      }
    }
    assertThat(prOpeners).hasSize(ISSUES);
    // Only a killed agent's issue may have had a second PR opener, who finished it after.
    prOpeners.forEach((issue, who) -> {
      assertThat(who).as("PR openers of #%s", issue).hasSizeBetween(1, 2);
      if (who.size() == 2) {
        assertThat(who.get(0)).as("#%s: %s", issue, who).startsWith("agent-0-");
        assertThat(who.get(1)).as("#%s: %s", issue, who).doesNotStartWith("agent-0-");
      }
    });
    assertThat(stalledBy).hasSize(1);
    String orphan = stalledBy.keySet().iterator().next();
    assertThat(prOpeners.get(orphan)).as("the hung agent's issue was finished by another")
        .doesNotContain(stalledBy.get(orphan));
    assertThat(lines.get(1).stream().anyMatch(l -> l.startsWith("REAPED " + orphan))
        || lines.get(2).stream().anyMatch(l -> l.startsWith("REAPED " + orphan))
        || lines.get(3).stream().anyMatch(l -> l.startsWith("REAPED " + orphan)))
        .as("a surviving agent gave the stale claim back").isTrue();
    // Dependencies respected: every issue merged after each of its dependencies.
    assertThat(mergeOrder).hasSize(ISSUES).doesNotHaveDuplicates();
    deps.forEach((issue, ds) -> {
      int at = mergeOrder.indexOf(Long.toString(issue));
      for (long d : ds) {
        assertThat(mergeOrder.indexOf(Long.toString(d))).as("#%d merged before #%d", d, issue)
            .isLessThan(at);
      }
    });
    long api = forge.journal().stream().filter(r -> r.path().startsWith("/api/")).count();
    StringBuilder report = new StringBuilder();
    long takenOver = reaped.size();
    report.append(String.format("fleet: %d processes x %d agents, %d issues, %.1f s (one process"
            + " killed mid-issue; %d stale claims given back and finished by others); %d API requests at the"
            + " forge (%d counted by the surviving processes), %.0f per issue%n", PROCESSES,
        AGENTS, ISSUES, took.toMillis() / 1000.0, takenOver, api, requests,
        (double) api / ISSUES));
    mergedPerAgent.forEach((a, n) -> report.append(String.format("  %s merged %d (%.2f/min)%n",
        a, n, n * 60_000.0 / took.toMillis())));
    Path file = Path.of("target", "fleet-report.txt");
    Files.writeString(file, report.toString());
    System.out.print(report);
  }

  /** Users, repository, CI configuration and the backlog; answers each issue's dependencies. */
  private Map<Long, List<Long>> seed(MockForgejo forge) {
    forge.seed().user("o", u -> u.password("pw-o").token("tok-owner-0000"))
        .user("review-bot", u -> u.password("pw-r").token("tok-review-0000"));
    for (int p = 0; p < PROCESSES; p++) {
      for (int a = 0; a < AGENTS; a++) {
        String token = token(p, a);
        forge.seed().user(agent(p, a), u -> u.password("pw").token(token));
      }
    }
    forge.seed().repo(REPO, r -> {
      r.collaborator("review-bot", "write");
      for (int p = 0; p < PROCESSES; p++) {
        for (int a = 0; a < AGENTS; a++) {
          r.collaborator(agent(p, a), "write");
        }
      }
    });
    forge.seed().label(REPO, "backlog", "#0075ca");
    forge.seed().label(REPO, "in-progress", "#e4e669");
    forge.seed().label(REPO, "blocked", "#d73a4a");
    ForgeClient owner = ForgeClient.builder().baseUrl(forge.baseUrl()).repo(REPO)
        .token("tok-owner-0000").retryPolicy(RetryPolicy.none()).build();
    owner.call("POST", "/contents/.woodpecker.yml", Map.of("message", "ci", "content",
        Base64.getEncoder().encodeToString(("when:\n  - event: pull_request\n"
            + "skip_clone: true\nsteps:\n  - name: namespace\n    image: bash\n    commands:\n"
            + "      - 'case \"$CI_COMMIT_SOURCE_BRANCH\" in fix/*) exit 0;; *) exit 1;; esac'\n")
            .getBytes(StandardCharsets.UTF_8))), Map.class);
    Random random = new Random(17);
    Map<Long, List<Long>> deps = new LinkedHashMap<>();
    for (int n = 1; n <= ISSUES; n++) {
      List<Long> ds = new ArrayList<>();
      if (n > 12) {
        for (int k = 0; k < 2; k++) {
          long d = 1 + random.nextInt(n - 12);
          if (random.nextBoolean() && !ds.contains(d)) {
            ds.add(d);
          }
        }
      }
      StringBuilder body = new StringBuilder("Part " + n + " of the backlog.");
      if (!ds.isEmpty()) {
        body.append("\n\n## Dependencies\n");
        ds.forEach(d -> body.append("- #").append(d).append('\n'));
      }
      String text = body.toString();
      int number = n;
      long made = forge.seed().issue(REPO, i -> i.title("Backlog item " + number).body(text)
          .labels("backlog"));
      assertThat(made).isEqualTo(n);
      deps.put((long) n, ds);
    }
    return deps;
  }

  private static String agent(int p, int a) {
    return "agent-" + p + "-" + a;
  }

  private static String token(int p, int a) {
    return "tok-agent-" + p + "-" + a + "-0000";
  }

  private static List<String> javaCommand(String url, String agents, int stallAt) {
    String jar = System.getProperty("disinto.jar", "target/disinto.jar");
    String cp = Path.of(jar).toAbsolutePath() + File.pathSeparator
        + Path.of("target", "test-classes").toAbsolutePath();
    return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx128m", "-cp", cp,
        FleetFactory.class.getName(), url, REPO, agents, "review-bot:tok-review-0000", "8",
        Integer.toString(stallAt));
  }
}
