package ai.disinto.ci.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.disinto.core.config.FactoryEnv;
import ai.disinto.core.process.ProcessResult;
import ai.disinto.testkit.postgres.PostgresExtension;
import ai.disinto.testkit.postgres.PostgresServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** WoodpeckerDb and Psql against a real PostgreSQL server with Woodpecker 3's tables. */
@ExtendWith(PostgresExtension.class)
class WoodpeckerDbTest {
  /** 2026-04-01T00:00:00Z. */
  private static final long T0 = 1_775_001_600L;
  private static final long DAY = 86_400L;

  static String schema() throws IOException {
    return Files.readString(Path.of("src", "test", "resources", "wpdb", "woodpecker3-schema.sql"),
        StandardCharsets.UTF_8);
  }

  /** A fresh database with the schema and six pipelines of repo 1 around T0. */
  static DbSettings seeded(PostgresServer pg) throws IOException {
    String db = pg.createDatabase("wp");
    pg.execute(db, schema());
    pg.execute(db, "INSERT INTO repos (id, full_name, owner, name, active) VALUES"
        + " (1, 'disinto/proj', 'disinto', 'proj', true);"
        + "INSERT INTO pipelines (repo_id, number, status, event, branch, finished) VALUES"
        + " (1, 1, 'success', 'push', 'main', " + (T0 - 40 * DAY) + "),"
        + " (1, 2, 'failure', 'push', 'main', " + (T0 - 10 * DAY) + "),"
        + " (1, 3, 'success', 'pull_request', 'fix', " + (T0 - 2 * DAY) + "),"
        + " (1, 4, 'failure', 'push', 'main', " + (T0 - DAY) + "),"
        + " (1, 5, 'success', 'push', 'main', " + (T0 - 3600) + "),"
        + " (1, 6, 'running', 'push', 'main', 0);");
    return new DbSettings(pg.host(), pg.port(), pg.user(), db, pg.password());
  }

  @Test
  void defaultsAreWpdbs() {
    DbSettings s = DbSettings.fromEnv(FactoryEnv.of(Map.of()));

    assertThat(s).isEqualTo(new DbSettings("127.0.0.1", 5432, "woodpecker", "woodpecker", ""));
  }

  @Test
  void theVariablesOverrideTheDefaultsAndEmptyMeansDefault() {
    DbSettings s = DbSettings.fromEnv(FactoryEnv.of(Map.of("WOODPECKER_DB_HOST", "db.local",
        "WOODPECKER_DB_USER", "", "WOODPECKER_DB_NAME", "ci", "WOODPECKER_DB_PASSWORD", "s3",
        "PGPORT", "6543")));

    assertThat(s).isEqualTo(new DbSettings("db.local", 6543, "woodpecker", "ci", "s3"));
    assertThat(s.toString()).doesNotContain("s3").contains("<redacted>");
  }

  @Test
  void countsFinishedPipelinesByStatusSinceAnInstant(PostgresServer pg) throws IOException {
    WoodpeckerDb db = new WoodpeckerDb(seeded(pg));

    Map<String, Long> counts = db.pipelineStatusCounts(Instant.ofEpochSecond(T0 - 30 * DAY));

    assertThat(counts).containsExactly(Map.entry("failure", 2L), Map.entry("success", 2L));
  }

  @Test
  void parametersAreBoundNotSpliced(PostgresServer pg) throws IOException {
    WoodpeckerDb db = new WoodpeckerDb(seeded(pg));

    List<List<String>> rows = db.query("SELECT count(*) FROM pipelines WHERE branch = ?",
        "main'; DROP TABLE pipelines; --");

    assertThat(rows).containsExactly(List.of("0"));
    assertThat(db.query("SELECT number, branch FROM pipelines WHERE branch = ? AND number > ?"
        + " ORDER BY number", "fix", 0)).containsExactly(List.of("3", "fix"));
  }

  @Test
  void sqlNullIsNull(PostgresServer pg) throws IOException {
    WoodpeckerDb db = new WoodpeckerDb(seeded(pg));

    assertThat(db.query("SELECT message FROM pipelines WHERE number = ?", 1).get(0))
        .containsExactly((String) null);
  }

  @Test
  void serverVersionAnswers(PostgresServer pg) throws IOException {
    assertThat(new WoodpeckerDb(seeded(pg)).serverVersion()).startsWith("PostgreSQL ");
  }

  @Test
  void aClosedPortIsRefusedFastAndNamed() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    DbSettings settings = new DbSettings("127.0.0.1", port, "woodpecker", "woodpecker",
        "hunter2-secret");
    WoodpeckerDb db = new WoodpeckerDb(settings, Duration.ofSeconds(2), Duration.ofSeconds(2));

    long start = System.nanoTime();
    assertThatThrownBy(db::serverVersion).isInstanceOfSatisfying(WoodpeckerDbException.class,
        e -> {
          assertThat(e.kind()).isEqualTo(WoodpeckerDbException.Kind.CONNECTION_REFUSED);
          assertThat(e.getMessage()).contains("127.0.0.1:" + port)
              .doesNotContain("hunter2-secret");
        });
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void aWrongPasswordIsAnAuthenticationFailureWithoutThePassword(PostgresServer pg)
      throws IOException {
    DbSettings settings = seeded(pg).withPassword("wrong-pass-123");

    assertThatThrownBy(() -> new WoodpeckerDb(settings).serverVersion())
        .isInstanceOfSatisfying(WoodpeckerDbException.class, e -> {
          assertThat(e.kind()).isEqualTo(WoodpeckerDbException.Kind.AUTHENTICATION_FAILED);
          assertThat(e.sqlState()).hasValue("28P01");
          assertThat(e.getMessage()).contains(pg.host() + ":" + pg.port())
              .doesNotContain("wrong-pass-123").doesNotContain(pg.password());
        });
  }

  @Test
  void aMissingDatabaseIsNamed(PostgresServer pg) throws IOException {
    DbSettings settings = seeded(pg).withDatabase("no_such_db");

    assertThatThrownBy(() -> new WoodpeckerDb(settings).serverVersion())
        .isInstanceOfSatisfying(WoodpeckerDbException.class, e -> {
          assertThat(e.kind()).isEqualTo(WoodpeckerDbException.Kind.NO_SUCH_DATABASE);
          assertThat(e.getMessage()).contains("no_such_db");
        });
  }

  @Test
  void aMissingTableIsAQueryFailure(PostgresServer pg) throws IOException {
    String db = pg.createDatabase("empty");
    DbSettings settings = new DbSettings(pg.host(), pg.port(), pg.user(), db, pg.password());

    assertThatThrownBy(() -> new WoodpeckerDb(settings).pipelineStatusCounts(Instant.EPOCH))
        .isInstanceOfSatisfying(WoodpeckerDbException.class, e -> {
          assertThat(e.kind()).isEqualTo(WoodpeckerDbException.Kind.QUERY_FAILED);
          assertThat(e.sqlState()).hasValue("42P01");
        });
  }

  @Test
  void aSlowQueryIsCutAtTheQueryTimeout(PostgresServer pg) throws IOException {
    WoodpeckerDb db = new WoodpeckerDb(seeded(pg), Duration.ofSeconds(5), Duration.ofSeconds(1));

    long start = System.nanoTime();
    assertThatThrownBy(() -> db.query("SELECT pg_sleep(20)"))
        .isInstanceOfSatisfying(WoodpeckerDbException.class,
            e -> assertThat(e.kind()).isEqualTo(WoodpeckerDbException.Kind.TIMEOUT));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void psqlGetsWpdbsArgumentsAndThePasswordInItsEnvironment() {
    DbSettings s = DbSettings.fromEnv(FactoryEnv.of(Map.of("WOODPECKER_DB_PASSWORD", "s3")));
    Psql psql = new Psql(s);

    assertThat(psql.commandLine(List.of("-A", "-c", "SELECT 1"))).containsExactly("psql", "-U",
        "woodpecker", "-h", "127.0.0.1", "-d", "woodpecker", "-t", "-A", "-c", "SELECT 1");
    Map<String, String> env = psql.environment(Map.of("PATH", "/usr/bin"));
    assertThat(env).containsEntry("PGPASSWORD", "s3").containsEntry("PATH", "/usr/bin")
        .doesNotContainKey("PGPORT");
    assertThat(psql.toString()).doesNotContain("s3");
  }

  @Test
  void psqlRunsTheOriginalsQueryAgainstTheServer(PostgresServer pg) throws IOException {
    DbSettings s = seeded(pg);

    ProcessResult r = new Psql(s).run(List.of("-A", "-c", "SELECT status, count(*) FROM pipelines"
            + " WHERE finished > 0 GROUP BY status ORDER BY status;"),
        Map.of("PATH", System.getenv("PATH")), Duration.ofSeconds(30));

    assertThat(r.succeeded()).as(r.stderr()).isTrue();
    assertThat(r.stdout()).isEqualTo("failure|2\nsuccess|3\n");
  }

  @Test
  void psqlWithAWrongPasswordFailsWithNothingOnStdout(PostgresServer pg) throws IOException {
    DbSettings s = seeded(pg).withPassword("nope");

    ProcessResult r = new Psql(s).run(List.of("-A", "-c", "SELECT 1"),
        Map.of("PATH", System.getenv("PATH")), Duration.ofSeconds(30));

    assertThat(r.exitStatus()).isEqualTo(2);
    assertThat(r.stdout()).isEmpty();
  }
}
