package ai.disinto.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * {@code --help} on every command of the tree prints that command's own usage on standard output
 * and exits 0; an unknown subcommand is a usage error (64) with a one-line reason, with or
 * without {@code --help}.
 */
class HelpTreeTest {
  /** The argument path of every command below the root, walked from picocli's own model. */
  static Stream<String> commandPaths() {
    CliContext ctx = new CliContext(System.in, System.out, System.err, Map.of(),
        java.nio.file.Path.of(""), java.time.Clock.systemUTC(), d -> { });
    CommandLine root = new CommandLine(new DisintoCommand(ctx, CliLog.of(ctx)));
    List<String> paths = new ArrayList<>();
    walk(root, "", paths);
    return paths.stream();
  }

  private static void walk(CommandLine cl, String prefix, List<String> out) {
    for (Map.Entry<String, CommandLine> e : cl.getSubcommands().entrySet()) {
      if (!e.getValue().getCommandName().equals(e.getKey())) {
        continue; // an alias
      }
      String path = (prefix + " " + e.getKey()).trim();
      out.add(path);
      walk(e.getValue(), path, out);
    }
  }

  @Test
  void theTreeIsWalked() {
    assertThat(commandPaths()).contains("secrets", "secrets redact", "project env", "pr", "issue")
        .hasSizeGreaterThan(20);
  }

  @ParameterizedTest(name = "disinto {0} --help")
  @MethodSource("commandPaths")
  void helpPrintsTheCommandsOwnUsageAndExitsZero(String path) {
    for (String flag : List.of("--help", "-h")) {
      List<String> args = new ArrayList<>(Arrays.asList(path.split(" ")));
      args.add(flag);
      InProcess.Result r = InProcess.run(args.toArray(String[]::new));
      assertThat(r.exitCode()).as("exit of %s %s: %s", path, flag, r.stderr()).isZero();
      assertThat(r.stdout()).as("usage of %s", path).startsWith("Usage: disinto " + path);
      assertThat(r.stderr()).isEmpty();
    }
  }

  @Test
  void rootHelpStillWorks() {
    InProcess.Result r = InProcess.run("--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).startsWith("Usage: disinto");
  }

  @ParameterizedTest
  @ValueSource(strings = {"nosuch setup --help", "nosuch --help", "nosuch", "secrets nope",
      "secrets nope --help", "project nope -h", "pr nope", "--help nosuch"})
  void anUnknownSubcommandIsAUsageErrorWithAOneLineReason(String line) {
    InProcess.Result r = InProcess.run(line.split(" "));
    String unknown = line.contains("nosuch") ? "nosuch" : "nope";
    assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isEqualTo(Main.EXIT_USAGE);
    assertThat(r.stdout()).isEmpty();
    List<String> lines = r.stderr().lines().toList();
    assertThat(lines.get(0)).startsWith("disinto: ").contains("'" + unknown + "'");
    assertThat(lines.get(1)).startsWith("Usage: disinto");
    assertThat(r.stderr()).doesNotContain("Commands:").doesNotContain("\tat ");
  }
}
