package ai.disinto.ci.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records the fixtures of {@link OriginalFixtures} by running the original reader: {@code mvn -pl
 * ci verify -Dgroups=original -Dtest.excludedGroups= -Dtest=OriginalFixtureRecorderTest
 * -Dci.original.reader=/path/to/lib/ci-log-reader.py} (the file from disinto at 41f0210abf; needs
 * {@code python3} 3.10+). Left out of the default build (tag {@code original}). Each recording
 * must come from the reader itself: an interpreter or path that does not run it fails the run
 * instead of recording its complaint as a fixture.
 */
@EnabledIfSystemProperty(named = "ci.original.reader", matches = ".+")
@Tag("original")
class OriginalFixtureRecorderTest {

  @Test
  void recordTheOriginal(@TempDir Path tmp) throws Exception {
    Path reader = Path.of(System.getProperty("ci.original.reader"));
    Path out = OriginalFixtures.resourceDir(Path.of("").toAbsolutePath());
    for (String variant : OriginalFixtures.VARIANTS) {
      Path dataDir = Files.createDirectories(tmp.resolve(variant));
      try (WoodpeckerDb db = WoodpeckerDb.create(dataDir.resolve(CiLogReader.DB_FILE))) {
        if (variant.equals("text")) {
          db.text();
        }
        db.standard();
      }
      Path dir = Files.createDirectories(out.resolve(variant));
      // The database itself, so that other modules (the CLI's parity test) read the same file.
      Files.copy(dataDir.resolve(CiLogReader.DB_FILE), dir.resolve(CiLogReader.DB_FILE),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      for (Map.Entry<String, List<String>> c : OriginalFixtures.CASES.entrySet()) {
        run(reader, dataDir, c.getValue(), dir.resolve(c.getKey()));
      }
    }
    Path dir = Files.createDirectories(out.resolve("other"));
    run(reader, tmp.resolve("absent"), List.of("5"), dir.resolve("missing-db"));
    run(reader, tmp.resolve("text"), List.of("abc"), dir.resolve("bad-argument"));
    run(reader, tmp.resolve("text"), List.of(), dir.resolve("no-argument"));
  }

  private static void run(Path reader, Path dataDir, List<String> args, Path base)
      throws Exception {
    List<String> cmd = new ArrayList<>(List.of("python3", reader.toString()));
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("WOODPECKER_DATA_DIR", dataDir.toString());
    Path stdout = Path.of(base + ".stdout");
    Path stderr = Path.of(base + ".stderr");
    pb.redirectOutput(stdout.toFile());
    pb.redirectError(stderr.toFile());
    Process p = pb.start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("original reader hung on " + args);
    }
    // Temp paths differ per run: keep the recorded text stable.
    String err = Files.readString(stderr, StandardCharsets.UTF_8)
        .replace(dataDir.getParent().toString(), "<tmp>")
        .replace(reader.toString(), "lib/ci-log-reader.py");
    Files.writeString(stderr, err, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as("exit status of the original reader on %s", args)
        .isIn(0, 1, 2);
    assertThat(Files.size(stdout) + Files.size(stderr))
        .as("the original reader said something on %s", args).isPositive();
    Files.writeString(Path.of(base + ".exit"), p.exitValue() + "\n", StandardCharsets.UTF_8);
  }
}
