package ai.disinto.examples.cli.ci;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.examples.cli.InProcess;
import ai.disinto.testkit.woodpecker.MockWoodpecker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code disinto ci-debug} against the outputs of the original lib/ci-debug.sh, recorded on the
 * same mock Woodpecker state ({@code ci/src/test/resources/parity/ci-debug}, recorded by {@code
 * ci/src/test/parity-recording/record-ci-debug.sh}). Standard output, standard error and the exit
 * code must match byte for byte; where the port differs on purpose the case holds {@code
 * port.<file>} and a {@code deviation.txt} saying why.
 */
class CiDebugParityTest {
  private static final String TOKEN = "ci-debug-parity-token";
  private static final List<String> OUTPUTS = List.of("stdout", "stderr", "rc");

  static Path root() {
    Path p = Path.of("..", "ci", "src", "test", "resources", "parity", "ci-debug")
        .toAbsolutePath().normalize();
    assertThat(p).isDirectory();
    return p;
  }

  static Stream<String> cases() throws IOException {
    try (Stream<Path> s = Files.list(root())) {
      return s.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void outputMatchesTheOriginal(String name, @TempDir Path factory) throws IOException {
    Path dir = root().resolve(name);
    try (MockWoodpecker ci = MockWoodpecker.start()) {
      Map<String, Object> seeded = ci.seedJson(read(dir.resolve("seed.json")));
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> repos = (List<Map<String, Object>>) seeded.get("repos");
      Map<String, String> env = new LinkedHashMap<>();
      env.put("FACTORY_ROOT", factory.toString());
      env.put("HOME", factory.toString());
      env.put("FORGE_REPO", "disinto/proj");
      env.put("WOODPECKER_SERVER", ci.baseUrl());
      env.put("WOODPECKER_TOKEN", TOKEN);
      env.put("WOODPECKER_REPO_ID", repos.isEmpty() ? "" : String.valueOf(repos.get(0).get("id")));
      String hostPort = ci.baseUrl().replaceFirst("^http://", "");
      for (String line : lines(dir.resolve("env"))) {
        int eq = line.indexOf('=');
        env.put(line.substring(0, eq), line.substring(eq + 1).replace("@HOSTPORT@", hostPort));
      }
      List<String> args = new ArrayList<>(List.of("ci-debug"));
      args.addAll(lines(dir.resolve("args")));

      InProcess.Result r = InProcess.run(env, "", args.toArray(String[]::new));
      keep(name, r);

      assertThat(r.stdout()).as("stdout").isEqualTo(expected(dir, "stdout"));
      assertThat(r.stderr()).as("stderr").isEqualTo(expected(dir, "stderr"));
      assertThat(r.exitCode() + "\n").as("exit code").isEqualTo(expected(dir, "rc"));
    }
  }

  @Test
  void everyDeviationDiffersFromTheOriginalAndSaysWhy() throws IOException {
    for (String name : cases().toList()) {
      Path dir = root().resolve(name);
      boolean deviates = false;
      for (String out : OUTPUTS) {
        Path port = dir.resolve("port." + out);
        assertThat(dir.resolve(out)).as("%s/%s", name, out).exists();
        if (Files.exists(port)) {
          deviates = true;
          assertThat(read(port)).as("%s/port.%s", name, out).isNotEqualTo(read(dir.resolve(out)));
        }
      }
      assertThat(Files.exists(dir.resolve("deviation.txt"))).as("%s/deviation.txt", name)
          .isEqualTo(deviates);
    }
  }

  /** Leaves the port's outputs under target/ for a reviewer to compare with the fixtures. */
  private static void keep(String name, InProcess.Result r) throws IOException {
    Path out = Path.of("target", "ci-debug-parity", name);
    Files.createDirectories(out);
    Files.writeString(out.resolve("stdout"), r.stdout(), StandardCharsets.UTF_8);
    Files.writeString(out.resolve("stderr"), r.stderr(), StandardCharsets.UTF_8);
    Files.writeString(out.resolve("rc"), r.exitCode() + "\n", StandardCharsets.UTF_8);
  }

  private static String expected(Path dir, String name) {
    Path port = dir.resolve("port." + name);
    return read(Files.exists(port) ? port : dir.resolve(name));
  }

  private static List<String> lines(Path file) {
    return Files.exists(file) ? read(file).lines().toList() : List.of();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
