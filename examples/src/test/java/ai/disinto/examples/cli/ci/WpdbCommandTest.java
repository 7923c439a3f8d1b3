package ai.disinto.examples.cli.ci;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.examples.cli.InProcess;
import ai.disinto.testkit.postgres.PostgresExtension;
import ai.disinto.testkit.postgres.PostgresServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code disinto wpdb …}: psql against a real PostgreSQL with Woodpecker 3's tables. */
@ExtendWith(PostgresExtension.class)
class WpdbCommandTest {
  private static final String METRICS_QUERY = """
      SELECT status, count(*)
      FROM pipelines
      WHERE finished > 0
        AND to_timestamp(finished) > now() - interval '30 days'
      GROUP BY status ORDER BY status;""";

  @TempDir Path factory;

  private Map<String, String> env(PostgresServer pg, String db, String password, int port) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("FACTORY_ROOT", factory.toString());
    env.put("HOME", factory.toString());
    env.put("PATH", System.getenv("PATH"));
    env.put("WOODPECKER_DB_USER", pg.user());
    env.put("WOODPECKER_DB_NAME", db);
    env.put("WOODPECKER_DB_PASSWORD", password);
    env.put("PGPORT", Integer.toString(port));
    return env;
  }

  private static String seeded(PostgresServer pg) throws IOException {
    String db = pg.createDatabase("wpcli");
    pg.execute(db, Files.readString(Path.of("..", "ci", "src", "test", "resources", "wpdb",
        "woodpecker3-schema.sql"), StandardCharsets.UTF_8));
    String now = "extract(epoch from now())::bigint";
    pg.execute(db, "INSERT INTO pipelines (repo_id, number, status, finished) VALUES"
        + " (1, 1, 'success', " + now + " - 40 * 86400),"
        + " (1, 2, 'failure', " + now + " - 10 * 86400),"
        + " (1, 3, 'success', " + now + " - 86400),"
        + " (1, 4, 'success', " + now + " - 60),"
        + " (1, 5, 'running', 0);");
    return db;
  }

  @Test
  void runsCollectMetricsQueryAndPrintsPsqlsTuples(PostgresServer pg) throws IOException {
    String db = seeded(pg);

    InProcess.Result r = InProcess.run(env(pg, db, pg.password(), pg.port()), "", "wpdb", "-A",
        "-c", METRICS_QUERY);

    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdout()).isEqualTo("failure|1\nsuccess|2\n");
    assertThat(r.stderr()).isEmpty();
  }

  @Test
  void withoutDashATheTuplesAreAligned(PostgresServer pg) throws IOException {
    String db = seeded(pg);

    InProcess.Result r = InProcess.run(env(pg, db, pg.password(), pg.port()), "", "wpdb", "-c",
        "SELECT count(*) FROM pipelines");

    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).isEqualTo("     5\n\n");
  }

  @Test
  void psqlOptionsPassThroughInOrder(PostgresServer pg) throws IOException {
    String db = seeded(pg);

    InProcess.Result r = InProcess.run(env(pg, db, pg.password(), pg.port()), "", "wpdb", "-A",
        "-F", ",", "-c", "SELECT 1, 'two'");

    assertThat(r.stdout()).isEqualTo("1,two\n");
  }

  @Test
  void aFailingStatementExitsWithPsqlsCodeAndItsStderrIsDropped(PostgresServer pg)
      throws IOException {
    String db = seeded(pg);

    InProcess.Result r = InProcess.run(env(pg, db, pg.password(), pg.port()), "", "wpdb", "-A",
        "-c", "SELECT * FROM no_such_table");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stdout()).isEmpty();
    assertThat(r.stderr()).isEmpty();
  }

  @Test
  void aWrongPasswordExits2WithNothingPrinted(PostgresServer pg) throws IOException {
    String db = seeded(pg);

    InProcess.Result r = InProcess.run(env(pg, db, "not-the-password", pg.port()), "", "wpdb",
        "-A", "-c", "SELECT 1");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stdout()).isEmpty();
    assertThat(r.stderr()).isEmpty();
  }

  @Test
  void aRefusedConnectionExits2Fast(PostgresServer pg) throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    long start = System.nanoTime();

    InProcess.Result r = InProcess.run(env(pg, "woodpecker", "pw", port), "", "wpdb", "-A", "-c",
        "SELECT 1");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stdout()).isEmpty();
    assertThat((System.nanoTime() - start) / 1_000_000_000L).isLessThan(10);
  }
}
