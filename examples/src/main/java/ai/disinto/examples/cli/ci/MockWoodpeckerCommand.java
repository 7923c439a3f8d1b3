package ai.disinto.examples.cli.ci;

import ai.disinto.examples.cli.CliCommand;
import ai.disinto.examples.cli.CliException;
import ai.disinto.examples.cli.Main;
import ai.disinto.testkit.woodpecker.MockWoodpecker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code disinto mock-woodpecker [--port P] [--seed FILE] [--data-dir DIR]}: the testkit's stateful
 * mock Woodpecker as a standalone server on loopback; with {@code --data-dir} it also keeps
 * Woodpecker's SQLite store ({@code DIR/woodpecker.sqlite}) of what it holds. Prints its base URL (what {@code WOODPECKER_SERVER} takes)
 * as the first line of standard output, then serves until the process is killed. Control
 * endpoints live under {@code /_mock/} (journal, reset, seed, faults); see shared/CLI.md.
 */
@Command(
    name = "mock-woodpecker",
    description = "Serve the stateful mock Woodpecker on loopback until killed; prints its base URL first.")
public final class MockWoodpeckerCommand extends CliCommand {
  @Option(names = "--port", paramLabel = "P", description = "TCP port (default: a free one).")
  int port;

  @Option(names = "--seed", paramLabel = "FILE",
      description = "JSON seed document to load at start (the format of POST /_mock/seed).")
  Path seed;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Also write Woodpecker's SQLite store to DIR/woodpecker.sqlite.")
  Path dataDir;

  /** Creates the command (picocli does this). */
  public MockWoodpeckerCommand() {}

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (port < 0 || port > 65535) {
      throw new CliException(Main.EXIT_USAGE, "disinto: --port must be between 0 and 65535");
    }
    MockWoodpecker.Builder builder = MockWoodpecker.builder().port(port).clock(Clock.systemUTC());
    if (dataDir != null) {
      builder.dataDir(ctx().workingDir().resolve(dataDir));
    }
    MockWoodpecker ci = builder.start();
    Runtime.getRuntime().addShutdownHook(new Thread(ci::close, "mock-woodpecker-stop"));
    if (seed != null) {
      Path file = ctx().workingDir().resolve(seed);
      try {
        ci.seedJson(Files.readString(file, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        ci.close();
        throw new CliException(1, "disinto: cannot seed from " + file + ": " + e.getMessage());
      }
    }
    out().println(ci.baseUrl());
    out().flush();
    err().println("mock Woodpecker serving " + ci.baseUrl() + MockWoodpecker.API_PREFIX
        + " (control under /_mock/); stop with Ctrl-C");
    new CountDownLatch(1).await();
    return 0;
  }
}
