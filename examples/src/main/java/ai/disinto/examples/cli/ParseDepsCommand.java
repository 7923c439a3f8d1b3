package ai.disinto.examples.cli;

import ai.disinto.core.deps.DependencyParser;
import java.io.IOException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code disinto parse-deps}: the drop-in for {@code bash lib/parse-deps.sh}. Reads an issue body
 * on standard input and prints the issue numbers it depends on, one per line, ascending.
 */
@Command(
    name = "parse-deps",
    description = {
      "Print the issue numbers an issue body (on stdin) depends on, one per line, ascending.",
      "Same output as lib/parse-deps.sh, except: case-insensitive matching, #0045 prints 45,"
          + " numbers beyond a long are ignored."
    })
public final class ParseDepsCommand extends CliCommand {
  @Option(names = "--self", paramLabel = "N",
      description = "The issue's own number, left out of the result.")
  Long self;

  @Override
  public Integer call() throws IOException {
    String body = readStdin();
    List<Long> deps = self == null ? DependencyParser.parse(body) : DependencyParser.parse(body, self);
    StringBuilder out = new StringBuilder();
    deps.forEach(n -> out.append(n).append('\n'));
    out().print(out);
    out().flush();
    return 0;
  }
}
