package ai.disinto.ci.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reader against the recorded runs of the original on the same database files: with no
 * repository filter, its lines are the original's stdout wherever the original worked (TEXT data),
 * and the same lines on BLOB data, where the original crashes.
 */
class CiLogReaderParityTest {

  @Test
  void sameLinesAsTheOriginal(@TempDir Path tmp) throws Exception {
    for (String variant : OriginalFixtures.VARIANTS) {
      Path dir = Files.createDirectories(tmp.resolve(variant));
      Files.copy(OriginalFixtures.resourceDir(Path.of("").toAbsolutePath()).resolve(variant)
          .resolve(CiLogReader.DB_FILE), dir.resolve(CiLogReader.DB_FILE));
      CiLogReader reader = new CiLogReader(dir, OptionalLong.empty());
      for (Map.Entry<String, List<String>> c : OriginalFixtures.CASES.entrySet()) {
        OriginalFixtures.Run text = OriginalFixtures.load("text", c.getKey());
        List<String> args = c.getValue();
        Optional<String> step = args.size() > 2 ? Optional.of(args.get(2)) : Optional.empty();
        CiLogReader.LogResult r = reader.read(Long.parseLong(args.get(0)), step);

        String stdout = r.isEmpty() ? "" : r.text() + "\n";
        assertThat(stdout).as(variant + " " + c.getKey()).isEqualTo(text.stdout());
        assertThat(text.exit()).isZero();
        if (variant.equals("blob") && !r.isEmpty()) {
          // Where there are rows, the original fails on Woodpecker's BLOB data.
          OriginalFixtures.Run blob = OriginalFixtures.load("blob", c.getKey());
          assertThat(blob.exit()).isEqualTo(1);
          assertThat(blob.stderr()).contains("TypeError");
        }
      }
    }
  }
}
