package ai.disinto.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * docs/cli.md and the command agree: every command in its tables answers {@code --help} with its
 * own usage, and every command of the tree has a row.
 */
class CliDocsTest {
  private static final Path DOC = Path.of("").toAbsolutePath().resolveSibling("docs/cli.md");

  /**
   * Commands documented in docs/cli.md whose code other branches are building. The coordinator
   * empties this set when they are merged; a command still listed here once it exists fails
   * {@link #pendingCommandsAreNotThereYet}, so the set cannot go stale.
   */
  static final Set<String> PENDING = Set.of();

  private static final Pattern ROW = Pattern.compile("^\\| `([a-z][a-z0-9 -]*)` \\|", Pattern.MULTILINE);

  /** The first cell of every table row of docs/cli.md that names a command. */
  static List<String> documented() throws IOException {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    String commands = doc.substring(doc.indexOf("\n## Commands\n"));
    Set<String> paths = new LinkedHashSet<>();
    Matcher m = ROW.matcher(commands);
    while (m.find()) {
      paths.add(m.group(1));
    }
    return List.copyOf(paths);
  }

  static boolean pending(String path) {
    return PENDING.stream().anyMatch(p -> path.equals(p) || path.startsWith(p + " "));
  }

  static Stream<String> documentedAndBuilt() throws IOException {
    return documented().stream().filter(p -> !pending(p));
  }

  @Test
  void theTablesAreRead() throws IOException {
    assertThat(documented()).contains("parse-deps", "pr walk", "hook on-idle-stop", "demo")
        .hasSizeGreaterThan(90);
  }

  @ParameterizedTest(name = "disinto {0} --help")
  @MethodSource("documentedAndBuilt")
  void everyDocumentedCommandAnswersHelpWithItsOwnUsage(String path) {
    List<String> args = new ArrayList<>(Arrays.asList(path.split(" ")));
    args.add("--help");

    InProcess.Result r = InProcess.run(args.toArray(String[]::new));

    assertThat(r.exitCode()).as("exit of disinto %s --help: %s", path, r.stderr()).isZero();
    assertThat(r.stdout()).startsWith("Usage: disinto " + path);
  }

  @Test
  void pendingCommandsAreNotThereYet() throws IOException {
    Set<String> tree = new LinkedHashSet<>(tree());
    List<String> landed = documented().stream().filter(CliDocsTest::pending)
        .filter(tree::contains).toList();

    assertThat(landed).as("these commands exist now: take them out of CliDocsTest.PENDING")
        .isEmpty();
  }

  @Test
  void everyCommandOfTheTreeHasARow() throws IOException {
    List<String> documented = documented();
    List<String> missing = tree().stream()
        .filter(p -> !documented.contains(p))
        .filter(p -> documented.stream().noneMatch(d -> d.startsWith(p + " ")))
        .toList();

    assertThat(missing).as("commands without a row in docs/cli.md").isEmpty();
  }

  /** The path of every command below the root, aliases left out. */
  private static List<String> tree() {
    CliContext ctx = new CliContext(System.in, System.out, System.err, Map.of(),
        Path.of(""), java.time.Clock.systemUTC(), d -> { });
    List<String> paths = new ArrayList<>();
    walk(new CommandLine(new DisintoCommand(ctx, CliLog.of(ctx))), "", paths);
    return paths;
  }

  private static void walk(CommandLine cl, String prefix, List<String> out) {
    for (Map.Entry<String, CommandLine> e : cl.getSubcommands().entrySet()) {
      if (!e.getValue().getCommandName().equals(e.getKey())) {
        continue;
      }
      String path = (prefix + " " + e.getKey()).trim();
      out.add(path);
      walk(e.getValue(), path, out);
    }
  }
}
