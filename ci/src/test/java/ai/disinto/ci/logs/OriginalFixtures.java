package ai.disinto.ci.logs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The runs of the original {@code lib/ci-log-reader.py} (disinto 41f0210abf, Python 3.11, SQLite
 * 3.40) recorded by {@link OriginalFixtureRecorderTest} on the databases {@link WoodpeckerDb}
 * builds: for each database variant and argument list, its stdout, stderr and exit code, under
 * {@code src/test/resources/ai/disinto/ci/logs/original/<variant>/}, next to the database file
 * ({@code woodpecker.sqlite}) they were recorded on. The examples module's CLI parity test reads
 * the same folder.
 */
final class OriginalFixtures {
  /** Database variants: TEXT log data, BLOB log data (what Woodpecker 3 writes). */
  static final List<String> VARIANTS = List.of("text", "blob");

  /** Each case's name and the arguments passed. */
  static final Map<String, List<String>> CASES = new LinkedHashMap<>();

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

  private OriginalFixtures() {}

  static Path resourceDir(Path moduleDir) {
    return moduleDir.resolve("src/test/resources/ai/disinto/ci/logs/original");
  }

  /** One recorded run. */
  record Run(String stdout, String stderr, int exit) {}

  static Run load(String variant, String name) throws IOException {
    String base = "original/" + variant + "/" + name;
    return new Run(read(base + ".stdout"), read(base + ".stderr"),
        Integer.parseInt(read(base + ".exit").strip()));
  }

  private static String read(String resource) throws IOException {
    try (InputStream in = OriginalFixtures.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("missing fixture " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
