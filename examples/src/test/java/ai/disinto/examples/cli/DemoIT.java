package ai.disinto.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.forge.client.ForgeAuth;
import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.model.Issue;
import ai.disinto.forge.client.model.PullRequest;
import ai.disinto.testkit.model.ClaudeCode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code disinto demo}, the README's main job, run as a process: the real Claude Code where it is
 * installed (the fake claude otherwise), real git, real pipelines; checked from the forge, the bare
 * repository and {@code disinto ci-logs} while {@code --keep} holds the servers.
 */
class DemoIT {
  private static final String FAILING_LINE = "FAIL: add must refuse the name Gear";

  @TempDir Path tmp;

  @Test
  void demoLeavesMergedAgentCommitsReadableCiLogsAndNothingBehind() throws Exception {
    Path javaTmp = Files.createDirectories(tmp.resolve("java-tmp"));
    List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + javaTmp,
        "-jar", DisintoProcess.jar().toAbsolutePath().toString(), "demo", "--keep");
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().clear();
    pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    pb.environment().put("HOME", System.getProperty("user.home"));
    pb.environment().put("TMPDIR", javaTmp.toString());
    Process p = pb.start();
    LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    List<String> all = new ArrayList<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(
          new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String l; (l = r.readLine()) != null; ) {
          lines.add(l);
        }
      } catch (Exception e) {
        // The process ended.
      }
    });
    reader.start();
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> {
      try {
        return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      } catch (Exception e) {
        return "";
      }
    });
    OutputStream stdin = p.getOutputStream();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
      while (all.stream().noneMatch(l -> l.startsWith("kept: the servers"))) {
        String l = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        assertThat(l).as("the demo did not reach --keep: %s%n%s", all, p.isAlive() ? ""
            : err.join()).isNotNull();
        all.add(l);
      }
      String out = String.join("\n", all);
      assertThat(out).containsPattern("(?m)^summary: 3/3 issues closed, 3/3 PRs merged, 1 CI fix"
          + " \\(failing log reached the agent\\)");
      assertThat(out).as("the agent and its hooks").contains("guard refused 1;")
          .contains(ClaudeCode.locate().isPresent() ? "agent: Claude Code"
              : "agent: the fake claude");
      String forgeUrl = group(out, "kept: forge (\\S+),");
      String cloneUrl = group(out, "kept: git clone (\\S+)");
      String dataDir = group(out, "WOODPECKER_DATA_DIR=(\\S+)");
      String repoId = group(out, "WOODPECKER_REPO_ID=(\\d+)");

      ForgeClient anonymous = ForgeClient.builder().baseUrl(forgeUrl).repo("demo/widgets")
          .auth(new ForgeAuth.None()).build();
      assertThat(anonymous.getAll("/issues?state=all&type=issues", Issue.class)).hasSize(3)
          .allSatisfy(i -> assertThat(i.state()).isEqualTo("closed"));
      assertThat(anonymous.getAll("/pulls?state=all", PullRequest.class)).hasSize(3)
          .allSatisfy(pr -> assertThat(pr.merged()).isTrue());

      // The merges on main bring the agent's commits: its author, its files.
      Path clone = tmp.resolve("clone");
      git(tmp, "clone", "-q", cloneUrl, clone.toString());
      List<String> merges = git(clone, "log", "--merges", "--format=%H", "main").lines().toList();
      assertThat(merges).hasSize(3);
      List<String> brought = new ArrayList<>();
      for (String m : merges) {
        String log = git(clone, "log", "--format=author %an <%ae>", "--name-only",
            m + "^1.." + m + "^2");
        assertThat(log).contains("author dev-bot <dev-bot@demo.invalid>").contains("widgets.sh");
        brought.add(log);
      }
      assertThat(String.join("\n", brought))
          .contains("tests/count.sh", "tests/names.sh", "tests/unique.sh");

      // CI logs of the failed and of a passing run, through disinto ci-logs.
      String failed = group(out, "kept: pipeline (\\d+) failure pull_request");
      String passed = group(out, "kept: pipeline (\\d+) success pull_request");
      DisintoProcess.Result bad = new DisintoProcess().env("WOODPECKER_DATA_DIR", dataDir)
          .env("WOODPECKER_REPO_ID", repoId).run("ci-logs", failed);
      assertThat(bad.exitCode()).as(bad.stderr()).isZero();
      assertThat(bad.stdout()).contains(FAILING_LINE);
      DisintoProcess.Result good = new DisintoProcess().env("WOODPECKER_DATA_DIR", dataDir)
          .env("WOODPECKER_REPO_ID", repoId).run("ci-logs", passed, "--step", "test");
      assertThat(good.exitCode()).as(good.stderr()).isZero();
      assertThat(good.stdout()).contains("ok: all tests passed");
      assertThat(p.isAlive()).as("--keep holds while standard input is open").isTrue();
    } finally {
      stdin.close();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    // Standard input closed: the demo stopped its servers and removed its folder.
    assertThat(p.isAlive()).isFalse();
    reader.join(10_000);
    assertThat(p.exitValue()).as(err.join()).isZero();
    try (Stream<Path> left = Files.list(javaTmp)) {
      assertThat(left.toList()).as("nothing left in java.io.tmpdir").isEmpty();
    }
    String forgeUrl = group(String.join("\n", all), "kept: forge (\\S+),");
    URI u = URI.create(forgeUrl);
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(u.getHost(), u.getPort()), 2000);
      throw new AssertionError("the forge's port is still open: " + forgeUrl);
    } catch (java.io.IOException expected) {
      // Closed, as it should be.
    }
  }

  @Test
  void aForgeUrlWithoutItsWoodpeckerIsAUsageError() {
    DisintoProcess.Result r = new DisintoProcess().run("demo", "--forge-url", "http://127.0.0.1:1");

    assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(r.stderr()).contains("both URLs");
    assertThat(r.stdout()).isEmpty();
  }

  @Test
  void aRepositoryNameWithoutOwnerIsAUsageError() {
    DisintoProcess.Result r = new DisintoProcess().run("demo", "--repo", "widgets");

    assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(r.stderr()).contains("owner/name");
    assertThat(r.stdout()).isEmpty();
  }

  private static String group(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertThat(m.find()).as("/%s/ in:%n%s", regex, text).isTrue();
    return m.group(1);
  }

  private static String git(Path dir, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("git"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("git %s: %s", List.of(args), out).isZero();
    return out;
  }
}
