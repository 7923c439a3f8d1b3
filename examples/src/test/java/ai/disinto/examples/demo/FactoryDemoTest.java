package ai.disinto.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.disinto.core.DisintoException;
import ai.disinto.forge.client.ForgeAuth;
import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.model.Issue;
import ai.disinto.forge.client.model.PullRequest;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.woodpecker.MockWoodpecker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo cycle in this JVM with the fake claude against servers the test started (the embedded
 * servers and the real Claude Code run in {@code DemoIT}): real git, real pipelines, the real
 * lifecycles; checked from the forge's side.
 */
class FactoryDemoTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  private FactoryDemo.Builder demo() {
    return FactoryDemo.builder().fakeClaude(true)
        .out(new PrintStream(out, true, StandardCharsets.UTF_8));
  }

  private String output() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private static List<Path> demoFolders() throws Exception {
    try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return s.filter(p -> p.getFileName().toString().startsWith("disinto-demo-")).toList();
    }
  }

  @Test
  void runsTheSameCycleAgainstServersElsewhere(@TempDir Path tmp) throws Exception {
    try (MockForgejo forge = MockForgejo.start();
        MockWoodpecker wp = MockWoodpecker.builder().linkedTo(forge).execute(true)
            .dataDir(tmp.resolve("wp")).workDir(tmp.resolve("runs")).start()) {
      List<Path> before = demoFolders();
      DemoReport report = demo().servers(forge.baseUrl(), wp.baseUrl())
          .woodpeckerDataDir(tmp.resolve("wp")).build().run();

      assertThat(report.complete()).as(output()).isTrue();
      assertThat(report.realClaude()).isFalse();
      assertThat(report.closedIssues()).containsExactlyInAnyOrder(1L, 2L, 3L);
      assertThat(report.mergedPulls()).hasSize(3);
      assertThat(report.ciFailures()).as(output()).isEqualTo(1);
      assertThat(report.failingLogReachedAgent()).isTrue();
      assertThat(report.guardRefusals()).as("the push to main was refused").isEqualTo(1);
      assertThat(report.virtual()).isGreaterThan(Duration.ZERO);
      assertThat(output()).contains("agent: the fake claude")
          .containsPattern("(?m)^summary: 3/3 issues closed, 3/3 PRs merged, 1 CI fix");
      List<String> claims = output().lines().filter(l -> l.trim().startsWith("claim")).toList();
      assertThat(claims).hasSize(3);
      assertThat(indexOf(claims, "#3")).as("#3 waits for #2")
          .isGreaterThan(indexOf(claims, "#2"));
      assertThat(demoFolders()).as("the run's folder is gone").isEqualTo(before);
      ForgeClient anonymous = ForgeClient.builder().baseUrl(forge.baseUrl())
          .repo(FactoryDemo.DEFAULT_REPO).auth(new ForgeAuth.None()).build();
      assertThat(anonymous.getAll("/issues?state=all&type=issues", Issue.class)).hasSize(3)
          .allSatisfy(i -> assertThat(i.state()).isEqualTo("closed"));
      assertThat(anonymous.getAll("/pulls?state=all", PullRequest.class)).hasSize(3)
          .allSatisfy(p -> assertThat(p.merged()).isTrue());
      Map<String, byte[]> main = forge.filesAt(FactoryDemo.DEFAULT_REPO,
          forge.branchHead(FactoryDemo.DEFAULT_REPO, "main").orElseThrow());
      assertThat(main).containsKeys("tests/count.sh", "tests/names.sh", "tests/unique.sh");
      assertThat(new String(main.get("widgets.sh"), StandardCharsets.UTF_8))
          .contains("^[a-z0-9]+$").contains("count)").contains("already there");
    }
  }

  private static int indexOf(List<String> lines, String issue) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(" " + issue + " ")) {
        return i;
      }
    }
    throw new AssertionError(issue + " was never claimed: " + lines);
  }

  @Test
  void aForgeWithoutItsWoodpeckerIsRefused() {
    assertThatThrownBy(() -> FactoryDemo.builder().servers("http://127.0.0.1:1", null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("both");
  }

  @Test
  void refusesAForgeThatIsNotAMock(@TempDir Path tmp) {
    try (MockForgejo forge = MockForgejo.start()) {
      assertThatThrownBy(() -> demo().servers(forge.apiUrl() + "/nothing-here",
          "http://127.0.0.1:1").build().run())
          .isInstanceOf(DisintoException.class)
          .hasMessageContaining("/_mock/seed")
          .hasMessageContaining("mock Forgejo");
    }
  }

  @Test
  void rejectsARepositoryThatIsNotOwnerSlashName() {
    assertThatThrownBy(() -> FactoryDemo.builder().repo("widgets"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("owner/name");
  }
}
