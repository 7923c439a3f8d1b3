package ai.disinto.examples.cli.agent;

import ai.disinto.examples.cli.CliCommand;
import ai.disinto.examples.cli.CliException;
import ai.disinto.examples.cli.Main;
import ai.disinto.testkit.model.ScriptJson;
import ai.disinto.testkit.model.ScriptedModel;
import ai.disinto.testkit.model.Turn;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code disinto mock-model [--port P] [--script FILE]}: the testkit's {@link ScriptedModel} (the
 * Anthropic Messages API as Claude Code calls it) as a standalone server on loopback. Prints its
 * base URL (what {@code ANTHROPIC_BASE_URL} takes) as the first line of standard output, then
 * serves until the process is killed. The script is JSON ({@link ScriptJson}); more turns can be
 * posted to {@code /_mock/script}, and {@code GET /_mock/journal} shows every request.
 */
@Command(
    name = "mock-model",
    description = "Serve the scripted Anthropic Messages API on loopback until killed; prints its"
        + " base URL first.")
public final class MockModelCommand extends CliCommand {
  @Option(names = "--port", paramLabel = "P", description = "TCP port (default: a free one).")
  int port;

  @Option(names = "--script", paramLabel = "FILE",
      description = "JSON script of turns (the format of POST /_mock/script).")
  Path script;

  /** Creates the command (picocli does this). */
  public MockModelCommand() {}

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (port < 0 || port > 65535) {
      throw new CliException(Main.EXIT_USAGE, "disinto: --port must be between 0 and 65535");
    }
    List<Turn> turns = List.of();
    if (script != null) {
      Path file = ctx().workingDir().resolve(script);
      try {
        turns = ScriptJson.parse(Files.readString(file, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException | IOException e) {
        throw new CliException(1, "disinto: cannot read the script " + file + ": "
            + e.getMessage());
      }
    }
    ScriptedModel model = ScriptedModel.start(port).enqueue(turns.toArray(Turn[]::new));
    Runtime.getRuntime().addShutdownHook(new Thread(model::close, "mock-model-stop"));
    out().println(model.baseUrl());
    out().flush();
    err().println("scripted model serving " + model.baseUrl() + "/v1/messages with "
        + turns.size() + " turn(s) (control under /_mock/); stop with Ctrl-C");
    new CountDownLatch(1).await();
    return 0;
  }
}
