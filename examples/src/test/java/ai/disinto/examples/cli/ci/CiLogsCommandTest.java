package ai.disinto.examples.cli.ci;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.examples.cli.InProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code disinto ci-logs} against the runs of the original {@code lib/ci-log-reader.py} recorded in
 * the ci module's test resources ({@code ai/disinto/ci/logs/original}), on the same database files.
 * Where the original works (TEXT log data) stdout, stderr and the exit code are the same; on
 * Woodpecker 3's BLOB data, where the original fails with a TypeError, the port prints what the
 * original prints for the same rows as TEXT. Without {@code WOODPECKER_REPO_ID} both read every
 * repository's pipeline of that number.
 */
class CiLogsCommandTest {
  private static final Map<String, List<String>> CASES = new LinkedHashMap<>();

  static {
    CASES.put("failed-steps", List.of("5"));
    CASES.put("step-filter", List.of("5", "--step", "test"));
    CASES.put("step-filter-short", List.of("5", "-s", "build"));
    CASES.put("unknown-step", List.of("5", "--step", "nope"));
    CASES.put("no-failures", List.of("6"));
    CASES.put("truncation", List.of("7"));
    CASES.put("embedded-newline", List.of("8"));
    CASES.put("no-such-pipeline", List.of("99"));
    CASES.put("empty-step", List.of("5", "--step", ""));
  }

  @TempDir Path tmp;

  static Path fixtures() {
    Path p = Path.of("..", "ci", "src", "test", "resources", "ai", "disinto", "ci", "logs",
        "original").toAbsolutePath().normalize();
    assertThat(p).isDirectory();
    return p;
  }

  private static String read(Path p) throws IOException {
    return Files.readString(p, StandardCharsets.UTF_8);
  }

  private Path dataDir(String variant) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve(variant));
    Path db = dir.resolve("woodpecker.sqlite");
    if (!Files.exists(db)) {
      Files.copy(fixtures().resolve(variant).resolve("woodpecker.sqlite"), db);
    }
    return dir;
  }

  private InProcess.Result run(Map<String, String> env, List<String> args) {
    List<String> all = new ArrayList<>(List.of("ci-logs"));
    all.addAll(args);
    return InProcess.run(env, "", all.toArray(String[]::new));
  }

  @BeforeEach
  void check() {
    assertThat(CASES).hasSize(9);
  }

  @Test
  void sameOutputAsTheOriginalOnTextData() throws Exception {
    Map<String, String> env = Map.of("WOODPECKER_DATA_DIR", dataDir("text").toString());
    for (Map.Entry<String, List<String>> c : CASES.entrySet()) {
      Path base = fixtures().resolve("text");
      InProcess.Result r = run(env, c.getValue());

      assertThat(r.stdout()).as(c.getKey()).isEqualTo(read(base.resolve(c.getKey() + ".stdout")));
      assertThat(r.stderr()).as(c.getKey()).isEqualTo(read(base.resolve(c.getKey() + ".stderr")));
      assertThat(r.exitCode()).as(c.getKey())
          .isEqualTo(Integer.parseInt(read(base.resolve(c.getKey() + ".exit")).strip()));
    }
  }

  @Test
  void blobDataGivesWhatTheOriginalGivesForText() throws Exception {
    Map<String, String> env = Map.of("WOODPECKER_DATA_DIR", dataDir("blob").toString());
    for (Map.Entry<String, List<String>> c : CASES.entrySet()) {
      InProcess.Result r = run(env, c.getValue());
      String originalOnBlob = read(fixtures().resolve("blob").resolve(c.getKey() + ".exit"));

      assertThat(r.stdout()).as(c.getKey())
          .isEqualTo(read(fixtures().resolve("text").resolve(c.getKey() + ".stdout")));
      assertThat(r.exitCode()).isZero();
      if (!r.stdout().isEmpty()) {
        assertThat(originalOnBlob.strip()).as("the original crashes on " + c.getKey())
            .isEqualTo("1");
      }
    }
  }

  @Test
  void missingDatabase() throws Exception {
    Path absent = tmp.resolve("absent");
    InProcess.Result r = run(Map.of("WOODPECKER_DATA_DIR", absent.toString()), List.of("5"));
    String recorded = read(fixtures().resolve("other/missing-db.stderr"));

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stdout()).isEmpty();
    assertThat(r.stderr()).isEqualTo(recorded.replace("<tmp>/absent", absent.toString()));
  }

  @Test
  void badArgumentsExit2WithArgparsesMessages() throws Exception {
    Map<String, String> env = Map.of("WOODPECKER_DATA_DIR", dataDir("text").toString());
    InProcess.Result bad = run(env, List.of("abc"));
    InProcess.Result none = run(env, List.of());

    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(bad.stderr()).isEqualTo(read(fixtures().resolve("other/bad-argument.stderr"))
        .replace("ci-log-reader.py", "disinto ci-logs"));
    assertThat(none.stderr()).isEqualTo(read(fixtures().resolve("other/no-argument.stderr"))
        .replace("ci-log-reader.py", "disinto ci-logs"));
    assertThat(run(env, List.of("5", "--bogus")).exitCode()).isEqualTo(2);
    assertThat(run(env, List.of("5", "--step")).exitCode()).isEqualTo(2);
  }

  @Test
  void repositoryIdRestrictsToThatRepository() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("WOODPECKER_DATA_DIR", dataDir("blob").toString());
    env.put("WOODPECKER_REPO_ID", "1");

    InProcess.Result r = run(env, List.of("5"));

    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).contains("+ make").doesNotContain("deploy");
    env.put("WOODPECKER_REPO_ID", "2");
    assertThat(run(env, List.of("5")).stdout())
        .isEqualTo("+ ./deploy.sh\ndeploy: permission denied\n");
  }

  @Test
  void emptyDataDirMeansTheDefault() {
    InProcess.Result r = run(Map.of("WOODPECKER_DATA_DIR", ""), List.of("5"));

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stderr()).startsWith(
        "ERROR: Woodpecker database not found at /woodpecker-data/woodpecker.sqlite\n");
  }
}
