package ai.disinto.ci.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log reader against real SQLite files with Woodpecker 3's tables. */
class CiLogReaderTest {
  @TempDir Path dir;
  private CiLogReader repo1;
  private CiLogReader anyRepo;

  @BeforeEach
  void database() throws Exception {
    try (WoodpeckerDb db = WoodpeckerDb.create(dir.resolve(CiLogReader.DB_FILE))) {
      db.standard();
    }
    repo1 = new CiLogReader(dir, OptionalLong.of(1));
    anyRepo = new CiLogReader(dir, OptionalLong.empty());
  }

  @Test
  void missingDatabaseIsDbNotFound(@TempDir Path empty) {
    assertThatThrownBy(() -> new CiLogReader(empty, OptionalLong.empty()).read(5, Optional.empty()))
        .isInstanceOf(CiLogException.class)
        .hasMessage("Woodpecker database not found at " + empty.resolve("woodpecker.sqlite"))
        .extracting(e -> ((CiLogException) e).kind()).isEqualTo(CiLogException.Kind.DB_NOT_FOUND);
  }

  @Test
  void failedStepsOfTheRepositoryInEntryOrder() throws Exception {
    CiLogReader.LogResult r = repo1.read(5, Optional.empty());

    assertThat(r.lines()).containsExactly("+ make", "cc -c main.c",
        "main.c:3: error: expected ';'", "+ golint ./...", "Killed", "make: *** [all] Error 1");
    assertThat(r.truncated()).isFalse();
    assertThat(r.totalLines()).isEqualTo(6);
  }

  @Test
  void stepFilterReadsASucceededStep() throws Exception {
    assertThat(repo1.read(5, Optional.of("test")).lines()).containsExactly("+ make test",
        "ok all tests");
  }

  @Test
  void emptyStepNameMeansFailedSteps() throws Exception {
    assertThat(repo1.read(5, Optional.of(""))).isEqualTo(repo1.read(5, Optional.empty()));
  }

  @Test
  void noFailuresAndUnknownStepAreEmpty() throws Exception {
    assertThat(repo1.read(6, Optional.empty()).isEmpty()).isTrue();
    assertThat(repo1.read(5, Optional.of("nope")).isEmpty()).isTrue();
    assertThat(repo1.read(99, Optional.empty()).text()).isEmpty();
  }

  @Test
  void keepsTheLast200Lines() throws Exception {
    CiLogReader.LogResult r = repo1.read(7, Optional.empty());

    assertThat(r.lines()).hasSize(200).startsWith("line 51").endsWith("line 250");
    assertThat(r.truncated()).isTrue();
    assertThat(r.totalLines()).isEqualTo(250);
  }

  @Test
  void embeddedNewlinesCountAsLines() throws Exception {
    CiLogReader.LogResult r = repo1.read(8, Optional.empty());

    assertThat(r.totalLines()).isEqualTo(201);
    assertThat(r.lines()).hasSize(200).startsWith("second", "row 1").endsWith("row 199");
  }

  @Test
  void blobsAreDecodedAndInvalidUtf8Replaced() throws Exception {
    Files.createDirectories(dir.resolve("b"));
    try (WoodpeckerDb db = WoodpeckerDb.create(dir.resolve("b/woodpecker.sqlite"))) {
      db.pipeline(1, 1, 3, "failure");
      db.step(1, 1, 2, "build", "failure", 1);
      db.logBytes(1, new byte[] {0x68, (byte) 0xC3, (byte) 0xA9});
      db.logBytes(1, new byte[] {0x61, (byte) 0xFF, 0x62});
    }
    CiLogReader.LogResult r = new CiLogReader(dir.resolve("b"), OptionalLong.of(1))
        .read(3, Optional.empty());

    assertThat(r.lines()).containsExactly("hé", "a\uFFFDb");
    assertThat(r.invalidUtf8Entries()).isEqualTo(1);
  }

  @Test
  void textRowsAreReadToo(@TempDir Path t) throws Exception {
    try (WoodpeckerDb db = WoodpeckerDb.create(t.resolve(CiLogReader.DB_FILE))) {
      db.text().standard();
    }
    assertThat(new CiLogReader(t, OptionalLong.of(1)).read(5, Optional.empty()))
        .isEqualTo(repo1.read(5, Optional.empty()));
  }

  @Test
  void repositoryFilterKeepsOtherRepositoriesOut() throws Exception {
    assertThat(repo1.read(5, Optional.empty()).lines()).doesNotContain("deploy: permission denied");
    assertThat(anyRepo.read(5, Optional.empty()).lines()).containsSubsequence("+ make",
        "+ ./deploy.sh", "deploy: permission denied", "+ golint ./...");
    assertThat(new CiLogReader(dir, OptionalLong.of(2)).read(5, Optional.empty()).lines())
        .containsExactly("+ ./deploy.sh", "deploy: permission denied");
  }

  @Test
  void dataDirVariable() {
    assertThat(CiLogReader.dataDir("/x")).isEqualTo(Path.of("/x"));
    assertThat(new CiLogReader(CiLogReader.dataDir("/x"), OptionalLong.empty()).databasePath())
        .isEqualTo(Path.of("/x/woodpecker.sqlite"));
    assertThat(CiLogReader.dataDir("")).isEqualTo(CiLogReader.DEFAULT_DATA_DIR);
    assertThat(CiLogReader.dataDir(null)).isEqualTo(CiLogReader.DEFAULT_DATA_DIR);
  }

  @Test
  void readsAReadOnlyFileInAReadOnlyDirectoryWithoutChangingIt() throws Exception {
    Path db = dir.resolve(CiLogReader.DB_FILE);
    byte[] before = Files.readAllBytes(db);
    Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("r--r--r--"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      assertThat(repo1.read(5, Optional.of("test")).lines()).hasSize(2);
      assertThat(Files.readAllBytes(db)).isEqualTo(before);
      try (var files = Files.list(dir)) {
        assertThat(files.map(p -> p.getFileName().toString())).containsExactly("woodpecker.sqlite");
      }
    } finally {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  @Test
  void aLockedDatabaseGivesDbErrorAfterTheBusyTimeout() throws Exception {
    try (Connection writer = DriverManager.getConnection("jdbc:sqlite:"
        + dir.resolve(CiLogReader.DB_FILE)); Statement s = writer.createStatement()) {
      s.execute("BEGIN EXCLUSIVE");
      CiLogReader quick = new CiLogReader(dir, OptionalLong.of(1), Duration.ofMillis(100));
      long start = System.nanoTime();

      assertThatThrownBy(() -> quick.read(5, Optional.empty()))
          .isInstanceOf(CiLogException.class)
          .hasMessageContaining("locked")
          .hasMessageContaining(dir.resolve(CiLogReader.DB_FILE).toString())
          .extracting(e -> ((CiLogException) e).kind()).isEqualTo(CiLogException.Kind.DB_ERROR);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      s.execute("ROLLBACK");
    }
  }

  @Test
  void aCorruptFileGivesDbError(@TempDir Path t) throws Exception {
    Files.writeString(t.resolve(CiLogReader.DB_FILE), "this is not sqlite, just text ".repeat(50));

    assertThatThrownBy(() -> new CiLogReader(t, OptionalLong.empty()).read(5, Optional.empty()))
        .isInstanceOf(CiLogException.class)
        .hasMessageContaining("not a readable SQLite database")
        .extracting(e -> ((CiLogException) e).kind()).isEqualTo(CiLogException.Kind.DB_ERROR);
  }

  @Test
  void aDatabaseWithoutTheTablesGivesDbError(@TempDir Path t) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + t.resolve("woodpecker.sqlite"));
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE other (x INTEGER)");
    }
    assertThatThrownBy(() -> new CiLogReader(t, OptionalLong.empty()).read(5, Optional.empty()))
        .hasMessageContaining("does not have Woodpecker's schema");
  }

  @Test
  void tailJoinsAndSplitsAsTheOriginal() {
    List<String> entries = new ArrayList<>(List.of("a\nb", "", "c"));
    assertThat(CiLogReader.tail(entries, 10)).containsExactly("a", "b", "", "c");
    assertThat(CiLogReader.tail(entries, 2)).containsExactly("", "c");
  }
}
