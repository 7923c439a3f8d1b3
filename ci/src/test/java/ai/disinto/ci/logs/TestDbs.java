package ai.disinto.ci.logs;

import java.nio.file.Path;
import java.sql.SQLException;

/** Builds the standard Woodpecker test database for tests of other packages. */
public final class TestDbs {
  private TestDbs() {}

  /**
   * Writes the standard fixture (see the log reader's tests) to {@code dir/woodpecker.sqlite}.
   *
   * @param dir the data directory
   * @return the open database, to close
   * @throws SQLException when SQLite fails
   */
  public static AutoCloseable standard(Path dir) throws SQLException {
    return WoodpeckerDb.create(dir.resolve(CiLogReader.DB_FILE)).standard();
  }
}
