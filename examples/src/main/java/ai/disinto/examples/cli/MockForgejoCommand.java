package ai.disinto.examples.cli;

import ai.disinto.testkit.forgejo.MockForgejo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code disinto mock-forgejo [--port P] [--seed FILE]}: the testkit's stateful mock Forgejo as a
 * standalone server on loopback. Prints its base URL as the first line of standard output, then
 * serves until the process is killed. Control endpoints live under {@code /_mock/} (journal,
 * reset, seed, faults); see shared/CLI.md.
 */
@Command(
    name = "mock-forgejo",
    description = "Serve the stateful mock Forgejo on loopback until killed; prints its base URL first.")
public final class MockForgejoCommand extends CliCommand {
  @Option(names = "--port", paramLabel = "P", description = "TCP port (default: a free one).")
  int port;

  @Option(names = "--seed", paramLabel = "FILE",
      description = "JSON seed document to load at start (the format of POST /_mock/seed).")
  Path seed;

  /** Creates the command (picocli does this). */
  public MockForgejoCommand() {}

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (port < 0 || port > 65535) {
      throw new CliException(Main.EXIT_USAGE, "disinto: --port must be between 0 and 65535");
    }
    MockForgejo forge = MockForgejo.builder().port(port).start();
    Runtime.getRuntime().addShutdownHook(new Thread(forge::close, "mock-forgejo-stop"));
    if (seed != null) {
      Path file = ctx().workingDir().resolve(seed);
      try {
        forge.seedJson(Files.readString(file, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        forge.close();
        throw new CliException(1, "disinto: cannot seed from " + file + ": " + e.getMessage());
      }
    }
    out().println(forge.baseUrl());
    out().flush();
    err().println("mock Forgejo serving " + forge.apiUrl() + " (control under /_mock/); stop with Ctrl-C");
    new CountDownLatch(1).await();
    return 0;
  }
}
