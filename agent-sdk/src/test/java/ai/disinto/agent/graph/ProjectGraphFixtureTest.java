package ai.disinto.agent.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The port's report against the reports build-graph.py wrote for the same trees and forge answers
 * (recorded by src/test/resources/graph/record.py): byte for byte where the original's order is
 * defined, and after making cycles, cluster members and alerts canonical where it is not.
 */
class ProjectGraphFixtureTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse(GraphFixtures.STAMP), ZoneOffset.UTC);
  static GraphFixtures.Forge forge;

  @BeforeAll
  static void startForge() throws Exception {
    forge = new GraphFixtures.Forge();
  }

  @AfterAll
  static void stopForge() {
    forge.close();
  }

  static Stream<GraphFixtures.Case> cases() {
    return GraphFixtures.cases().stream();
  }

  static String report(Path tree, Optional<Path> ops, GraphFixtures.Case c) {
    ForgeSource source = ForgeSource.none();
    if (!c.forge().equals("-")) {
      forge.serve(c.forge());
      source = ForgeSource.http(forge.api, GraphFixtures.TOKEN, Duration.ofSeconds(15));
    }
    Optional<List<String>> changed = c.extra().contains("--changed-files")
        ? Optional.of(c.extra().subList(c.extra().indexOf("--changed-files") + 1,
            c.extra().size()))
        : Optional.empty();
    ProjectGraph g = new ProjectGraphBuilder(tree, ops, source).build();
    return GraphAnalyzer.analyze(g, changed, CLOCK).toJson();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportMatchesTheOriginal(GraphFixtures.Case c) throws Exception {
    String expected = GraphFixtures.expected(c);
    String actual = report(GraphFixtures.root().resolve("trees").resolve(c.tree()),
        Optional.empty(), c);

    if (!c.forge().equals("-")) {
      assertThat(forge.requests()).isEqualTo(GraphFixtures.expectedRequests(c));
    }
    assertThat(GraphFixtures.canonical(actual)).isEqualTo(GraphFixtures.canonical(expected));
    if (GraphFixtures.orderStable(expected)) {
      assertThat(actual).isEqualTo(expected);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void prerequisitesAndEvidenceFromTheOpsRepoGiveTheSameReport(GraphFixtures.Case c,
      @TempDir Path tmp) throws Exception {
    Path tree = GraphFixtures.root().resolve("trees").resolve(c.tree());
    Path project = tmp.resolve("project");
    Path ops = tmp.resolve("ops");
    copy(tree, project);
    Files.createDirectories(ops);
    Path prereqs = project.resolve("planner/prerequisite-tree.md");
    if (Files.exists(prereqs)) {
      Files.move(prereqs, ops.resolve("prerequisites.md"));
    }
    if (Files.isDirectory(project.resolve("evidence"))) {
      Files.move(project.resolve("evidence"), ops.resolve("evidence"));
    }

    String actual = report(project, Optional.of(ops), c);

    assertThat(GraphFixtures.canonical(actual))
        .isEqualTo(GraphFixtures.canonical(GraphFixtures.expected(c)));
  }

  @Test
  void projectFilesWinOverTheOpsRepo(@TempDir Path tmp) throws Exception {
    Path tree = GraphFixtures.root().resolve("trees/spec-f");
    Path ops = Files.createDirectories(tmp.resolve("ops/evidence"));
    Files.writeString(tmp.resolve("ops/prerequisites.md"), "## Objective: Elsewhere\n");
    Files.writeString(ops.resolve("x.json"), "{}");

    ProjectGraph g = new ProjectGraphBuilder(tree, Optional.of(tmp.resolve("ops")),
        ForgeSource.none()).build();

    assertThat(g.hasNode("objective:elsewhere")).isFalse();
    assertThat(g.hasNode("evidence:x")).isFalse();
    assertThat(g.hasNode("objective:ship-alpha")).isTrue();
  }

  static void copy(Path from, Path to) throws Exception {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
