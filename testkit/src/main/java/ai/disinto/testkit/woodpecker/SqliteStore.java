package ai.disinto.testkit.woodpecker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Woodpecker 3's SQLite store as far as the mock fills it: tables {@code repos}, {@code
 * pipelines}, {@code workflows}, {@code steps} and {@code log_entries} with Woodpecker's column
 * names, log {@code data} as a BLOB. Rows are written as the mock's state changes (whole rows,
 * replaced), in rollback-journal mode so that read-only readers need no {@code -wal} file.
 */
final class SqliteStore implements AutoCloseable {
  /** The file name Woodpecker uses in its data folder. */
  static final String DB_FILE = "woodpecker.sqlite";
  private static final Logger LOG = LoggerFactory.getLogger(SqliteStore.class);
  private static final String[] SCHEMA = {
    "CREATE TABLE IF NOT EXISTS repos (id INTEGER PRIMARY KEY AUTOINCREMENT, user_id INTEGER,"
        + " forge_id INTEGER, forge_remote_id TEXT, org_id INTEGER, owner TEXT, name TEXT,"
        + " full_name TEXT UNIQUE, avatar TEXT, forge_url TEXT, clone TEXT, clone_ssh TEXT,"
        + " branch TEXT, pr_enabled INTEGER, timeout INTEGER, visibility TEXT, private INTEGER,"
        + " trusted TEXT, require_approval TEXT, active INTEGER, allow_pr INTEGER,"
        + " allow_deploy INTEGER, config_file TEXT, hash TEXT)",
    "CREATE TABLE IF NOT EXISTS pipelines (id INTEGER PRIMARY KEY AUTOINCREMENT,"
        + " repo_id INTEGER, number INTEGER, author TEXT, parent INTEGER, event TEXT,"
        + " event_reason TEXT, status TEXT, errors TEXT, created INTEGER, updated INTEGER,"
        + " started INTEGER, finished INTEGER, deploy TEXT, deploy_task TEXT, \"commit\" TEXT,"
        + " branch TEXT, ref TEXT, refspec TEXT, title TEXT, message TEXT, timestamp INTEGER,"
        + " sender TEXT, avatar TEXT, email TEXT, forge_url TEXT, reviewer TEXT,"
        + " reviewed INTEGER, changed_files TEXT, additional_variables TEXT, pr_labels TEXT,"
        + " from_fork INTEGER, UNIQUE (repo_id, number))",
    "CREATE TABLE IF NOT EXISTS workflows (id INTEGER PRIMARY KEY AUTOINCREMENT,"
        + " pipeline_id INTEGER, pid INTEGER, name TEXT, state TEXT, error TEXT,"
        + " started INTEGER, finished INTEGER, agent_id INTEGER, platform TEXT, environ TEXT,"
        + " axis_id INTEGER, UNIQUE (pipeline_id, pid))",
    "CREATE TABLE IF NOT EXISTS steps (id INTEGER PRIMARY KEY AUTOINCREMENT, uuid TEXT,"
        + " pipeline_id INTEGER, pid INTEGER, ppid INTEGER, name TEXT, state TEXT, error TEXT,"
        + " failure TEXT, exit_code INTEGER, started INTEGER, finished INTEGER, type TEXT,"
        + " UNIQUE (pipeline_id, pid))",
    "CREATE TABLE IF NOT EXISTS log_entries (id INTEGER PRIMARY KEY AUTOINCREMENT,"
        + " step_id INTEGER, time INTEGER, line INTEGER, data BLOB, created INTEGER,"
        + " type INTEGER, UNIQUE (step_id, line))",
    "CREATE INDEX IF NOT EXISTS IDX_log_entries_step_id ON log_entries (step_id)",
  };

  private final Path file;
  private final Connection db;

  private SqliteStore(Path file, Connection db) {
    this.file = file;
    this.db = db;
  }

  /** Opens (creating when missing) {@code <dir>/woodpecker.sqlite} with the schema. */
  static SqliteStore open(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data folder " + dir, e);
    }
    Path file = dir.resolve(DB_FILE);
    try {
      Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
      try (Statement st = c.createStatement()) {
        st.execute("PRAGMA journal_mode=DELETE");
        st.execute("PRAGMA busy_timeout=5000");
        for (String ddl : SCHEMA) {
          st.execute(ddl);
        }
      }
      return new SqliteStore(file, c);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open the SQLite store " + file + ": "
          + e.getMessage(), e);
    }
  }

  Path file() {
    return file;
  }

  synchronized void repo(MockWoodpecker.RepoS r) {
    update("INSERT OR REPLACE INTO repos (id, user_id, forge_id, forge_remote_id, org_id, owner,"
        + " name, full_name, avatar, forge_url, clone, clone_ssh, branch, pr_enabled, timeout,"
        + " visibility, private, trusted, require_approval, active, allow_pr, allow_deploy,"
        + " config_file, hash) VALUES (?, 1, 1, ?, 0, ?, ?, ?, '', '', '', '', 'main', 1, ?,"
        + " 'public', 0, '{}', 'forks', 1, 1, ?, '', '')",
        r.id, r.forgeRemoteId, r.owner, r.name, r.fullName, r.timeout, r.allowDeploy ? 1 : 0);
  }

  synchronized void pipeline(long repoId, MockWoodpecker.PipelineS p) {
    update("INSERT OR REPLACE INTO pipelines (id, repo_id, number, author, parent, event,"
        + " event_reason, status, errors, created, updated, started, finished, deploy,"
        + " deploy_task, \"commit\", branch, ref, refspec, title, message, timestamp, sender,"
        + " avatar, email, forge_url, reviewer, reviewed, changed_files, additional_variables,"
        + " pr_labels, from_fork) VALUES (?, ?, ?, ?, ?, ?, '[]', ?, ?, ?, ?, ?, ?, ?, '', ?, ?,"
        + " ?, ?, ?, ?, ?, ?, '', ?, ?, '', 0, '[]', '{}', '[]', 0)",
        p.id, repoId, p.number, p.author, p.parent, p.event, p.status, p.errorsJson(),
        p.created, p.created, p.started, p.finished, p.deployTo, p.commit, p.branch, p.ref,
        p.refspec, p.title, p.message, p.created, p.sender, p.email, p.forgeUrl);
  }

  synchronized void workflow(MockWoodpecker.PipelineS p, MockWoodpecker.WorkflowS w) {
    update("INSERT OR REPLACE INTO workflows (id, pipeline_id, pid, name, state, error, started,"
        + " finished, agent_id, platform, environ, axis_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0,"
        + " 'linux/amd64', '{}', 0)",
        w.id, p.id, w.pid, w.name, w.state, w.error, w.started, w.finished);
  }

  synchronized void step(MockWoodpecker.StepS s) {
    update("INSERT OR REPLACE INTO steps (id, uuid, pipeline_id, pid, ppid, name, state, error,"
        + " failure, exit_code, started, finished, type) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
        + " ?, ?, ?)",
        s.id, "step-" + s.id, s.pipelineId, s.pid, s.ppid, s.name, s.state, s.error,
        s.failure, s.exitCode, s.started, s.finished, s.type);
  }

  synchronized void log(MockWoodpecker.StepS s, MockWoodpecker.LogS l) {
    update("INSERT OR REPLACE INTO log_entries (id, step_id, time, line, data, created, type)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?)", l.id, s.id, l.time, l.line, l.bytes(), l.created,
        l.type);
  }

  /** Empties every table. */
  synchronized void clear() {
    try (Statement st = db.createStatement()) {
      for (String t : new String[] {"log_entries", "steps", "workflows", "pipelines", "repos"}) {
        st.execute("DELETE FROM " + t);
      }
    } catch (SQLException e) {
      LOG.warn("mock Woodpecker: cannot clear the SQLite store {}", file, e);
    }
  }

  private void update(String sql, Object... args) {
    try (PreparedStatement ps = db.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        Object a = args[i];
        if (a instanceof byte[] b) {
          ps.setBytes(i + 1, b);
        } else if (a instanceof Boolean b) {
          ps.setInt(i + 1, b ? 1 : 0);
        } else {
          ps.setObject(i + 1, a);
        }
      }
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("mock Woodpecker: cannot write the SQLite store " + file
          + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      db.close();
    } catch (SQLException e) {
      LOG.debug("closing {}", file, e);
    }
  }
}
