package ai.disinto.testkit.postgres;

import ai.disinto.core.process.ProcessResult;
import ai.disinto.core.process.ProcessRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A throw-away PostgreSQL server: a fresh cluster made by {@code initdb} in a temporary folder,
 * started by {@code pg_ctl} on a free port of 127.0.0.1 with password authentication (SCRAM), and
 * stopped and deleted by {@link #close()}. Uses the server binaries of the machine: {@code
 * $PG_BIN}, else the newest {@code /usr/lib/postgresql/<version>/bin} (Debian's {@code postgresql}
 * package), else the folder of {@code initdb} on the {@code PATH}; without them {@link #start()}
 * fails and says which package to install.
 *
 * <p>PostgreSQL refuses to run as root. When this JVM runs as root (as CI does), the folder is
 * given to the user {@code nobody} and {@code initdb} and {@code pg_ctl} run as that user through
 * {@code runuser}; the server it starts then belongs to {@code nobody} too. {@code psql} (the
 * client) runs as the caller. A shutdown hook stops the server if the JVM ends without {@link
 * #close()}.
 */
public final class PostgresServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PostgresServer.class);
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
  private static final String UNPRIVILEGED = "nobody";
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private final Path bin;
  private final Path dir;
  private final Path data;
  private final int port;
  private final String user;
  private final String password;
  private final boolean asRoot;
  private final Thread hook;
  private boolean closed;

  private PostgresServer(Path bin, Path dir, int port, String user, String password,
      boolean asRoot) {
    this.bin = bin;
    this.dir = dir;
    this.data = dir.resolve("data");
    this.port = port;
    this.user = user;
    this.password = password;
    this.asRoot = asRoot;
    this.hook = new Thread(this::stopQuietly, "postgres-stop");
  }

  /**
   * Starts a server whose superuser is {@code woodpecker} with a random password.
   *
   * @return the running server
   * @throws IllegalStateException when the binaries are missing or the server does not start
   */
  public static PostgresServer start() {
    return start("woodpecker", "pw-" + Long.toHexString(Double.doubleToLongBits(Math.random())));
  }

  /**
   * Starts a server with the given superuser.
   *
   * @param user the superuser's name
   * @param password the superuser's password; not empty
   * @return the running server
   * @throws IllegalStateException when the binaries are missing or the server does not start
   */
  public static PostgresServer start(String user, String password) {
    if (password == null || password.isEmpty()) {
      throw new IllegalArgumentException("the superuser needs a password");
    }
    Path bin = findBin();
    boolean asRoot = "root".equals(System.getProperty("user.name"));
    Path dir;
    try {
      dir = Files.createTempDirectory("disinto-pg");
      Path pwfile = dir.resolve("pwfile");
      Files.writeString(pwfile, password + "\n", StandardCharsets.UTF_8);
      if (asRoot) {
        UserPrincipal nobody = dir.getFileSystem().getUserPrincipalLookupService()
            .lookupPrincipalByName(UNPRIVILEGED);
        Files.setOwner(dir, nobody);
        Files.setOwner(pwfile, nobody);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare a folder for PostgreSQL", e);
    }
    PostgresServer server = new PostgresServer(bin, dir, freePort(), user, password, asRoot);
    try {
      server.init();
      Runtime.getRuntime().addShutdownHook(server.hook);
      server.startServer();
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    LOG.info("PostgreSQL {} serving 127.0.0.1:{}", bin, server.port);
    return server;
  }

  private void init() {
    must(server(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", user,
        "--pwfile=" + dir.resolve("pwfile"), "-A", "scram-sha-256", "-E", "UTF8",
        "--locale=C", "--no-sync")), "initdb");
  }

  private void startServer() {
    String options = "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off";
    must(server(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
        dir.resolve("server.log").toString(), "-o", options, "-w", "-t", "30", "start")),
        "pg_ctl start");
  }

  /**
   * The loopback port the server listens on.
   *
   * @return the port
   */
  public int port() {
    return port;
  }

  /**
   * The host the server listens on.
   *
   * @return {@code 127.0.0.1}
   */
  public String host() {
    return "127.0.0.1";
  }

  /**
   * The superuser's name.
   *
   * @return the name
   */
  public String user() {
    return user;
  }

  /**
   * The superuser's password.
   *
   * @return the password
   */
  public String password() {
    return password;
  }

  /**
   * The folder of the server binaries in use (it also holds {@code psql}).
   *
   * @return the folder
   */
  public Path binDirectory() {
    return bin;
  }

  /**
   * Creates a new, empty database with a unique name, so that tests sharing the server do not
   * see each other's tables.
   *
   * @param prefix the start of the name (letters, digits, underscores)
   * @return the database's name
   */
  public String createDatabase(String prefix) {
    if (!prefix.matches("[a-z_][a-z0-9_]*")) {
      throw new IllegalArgumentException("not a plain database name: " + prefix);
    }
    String name = prefix + "_" + DATABASES.incrementAndGet();
    execute("postgres", "CREATE DATABASE " + name + ";");
    return name;
  }

  /**
   * Runs SQL (one or more statements) in a database through {@code psql}, stopping at the first
   * error.
   *
   * @param database the database
   * @param sql the statements
   * @return what {@code psql} printed
   * @throws IllegalStateException when a statement fails
   */
  public String execute(String database, String sql) {
    ProcessResult r = ProcessRunner.command(bin.resolve("psql").toString(), "-X", "-q",
            "-v", "ON_ERROR_STOP=1", "-h", host(), "-p", Integer.toString(port), "-U", user,
            "-d", database)
        .environment(clientEnv())
        .stdin(sql)
        .run(COMMAND_TIMEOUT);
    if (!r.succeeded()) {
      throw new IllegalStateException("psql failed (" + r.ending() + " " + r.exitStatus() + "): "
          + r.stderr().strip());
    }
    return r.stdout();
  }

  /**
   * The environment a {@code psql} client needs to reach this server as the superuser.
   *
   * @return {@code PATH}, {@code PGPASSWORD} and {@code PGCONNECT_TIMEOUT}
   */
  public Map<String, String> clientEnv() {
    Map<String, String> env = new LinkedHashMap<>(baseEnv());
    env.put("PGPASSWORD", password);
    env.put("PGCONNECT_TIMEOUT", "10");
    return env;
  }

  /** Stops the server (immediately: its data is thrown away) and deletes its folder. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stopQuietly();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException | IllegalArgumentException e) {
      // The JVM is shutting down, or the hook was never added.
    }
    deleteTree(dir);
  }

  @Override
  public String toString() {
    return "PostgresServer[127.0.0.1:" + port + ", user=" + user + ", password=<redacted>]";
  }

  private void stopQuietly() {
    if (!Files.exists(data.resolve("postmaster.pid"))) {
      return;
    }
    ProcessResult r = server(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(),
        "-m", "immediate", "-w", "-t", "30", "stop"));
    if (!r.succeeded()) {
      LOG.warn("pg_ctl stop failed: {}", r.stderr().strip());
    }
  }

  /** Runs a server binary, as {@code nobody} when this JVM is root. */
  private ProcessResult server(List<String> command) {
    List<String> argv = new ArrayList<>();
    if (asRoot) {
      argv.addAll(List.of("runuser", "-u", UNPRIVILEGED, "--"));
    }
    argv.addAll(command);
    return ProcessRunner.command(argv).directory(dir).environment(baseEnv()).run(COMMAND_TIMEOUT);
  }

  private static void must(ProcessResult r, String what) {
    if (!r.succeeded()) {
      throw new IllegalStateException(what + " failed (" + r.ending() + " " + r.exitStatus()
          + "): " + (r.stderr() + r.stdout()).strip());
    }
  }

  private static Map<String, String> baseEnv() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    env.put("LANG", "C");
    env.put("LC_ALL", "C");
    return env;
  }

  /** The folder with initdb and pg_ctl. */
  static Path findBin() {
    String configured = System.getenv("PG_BIN");
    if (configured != null && !configured.isEmpty()) {
      return requireBin(Path.of(configured));
    }
    Path debian = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(debian)) {
      try (Stream<Path> versions = Files.list(debian)) {
        Path newest = versions.filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
            .max(Comparator.comparingInt(PostgresServer::version)).orElse(null);
        if (newest != null) {
          return newest.resolve("bin");
        }
      } catch (IOException e) {
        // Fall through to PATH.
      }
    }
    String path = System.getenv("PATH");
    if (path != null) {
      for (String d : path.split(":")) {
        Path initdb = Path.of(d.isEmpty() ? "." : d, "initdb");
        if (Files.isExecutable(initdb)) {
          try {
            return requireBin(initdb.toRealPath().getParent());
          } catch (IOException e) {
            // Try the next one.
          }
        }
      }
    }
    throw new IllegalStateException("PostgreSQL server binaries (initdb, pg_ctl) not found: "
        + "install the Debian package 'postgresql' or set PG_BIN");
  }

  private static Path requireBin(Path bin) {
    for (String tool : List.of("initdb", "pg_ctl", "psql")) {
      if (!Files.isExecutable(bin.resolve(tool))) {
        throw new IllegalStateException("no executable " + tool + " in " + bin);
      }
    }
    return bin;
  }

  private static int version(Path dir) {
    try {
      return Integer.parseInt(dir.getFileName().toString());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    }
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.delete(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
          Files.delete(d);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      LOG.warn("cannot delete {}: {}", root, e.getMessage());
    }
  }
}
