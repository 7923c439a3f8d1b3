package ai.disinto.examples.cli;

import ai.disinto.core.secrets.SecretScanner;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code disinto secrets scan|redact [TEXT]}: the drop-ins for {@code scan_for_secrets} and
 * {@code redact_secrets} in {@code lib/secret-scan.sh}. The text is the argument, or standard
 * input when there is none (an empty argument is empty text, not a read of stdin).
 */
@Command(
    name = "secrets",
    description = "Detect or redact secrets in text (lib/secret-scan.sh).",
    subcommands = {SecretsCommand.Scan.class, SecretsCommand.Redact.class})
public final class SecretsCommand extends CliCommand {
  @Override
  public Integer call() {
    throw new CliException(Main.EXIT_USAGE, "disinto secrets: missing subcommand (scan | redact)");
  }

  /** {@code disinto secrets scan [TEXT]}: exit 0 when clean, 1 with one stderr line per finding. */
  @Command(name = "scan",
      description = "Exit 0 when the text is clean, 1 (one line per finding on stderr) when not.")
  public static final class Scan extends CliCommand {
    @Parameters(arity = "0..1", paramLabel = "TEXT", description = "The text; stdin when absent.")
    String text;

    @Override
    public Integer call() throws IOException {
      SecretScanner.ScanResult result = SecretScanner.defaults().scan(argumentOrStdin(text));
      result.findings().forEach(f -> err().println(f.logLine()));
      err().flush();
      return result.clean() ? 0 : 1;
    }
  }

  /** {@code disinto secrets redact [TEXT]}: the text with every secret replaced by [REDACTED]. */
  @Command(name = "redact",
      description = "Print the text with every secret replaced by [REDACTED] (no newline added).")
  public static final class Redact extends CliCommand {
    @Parameters(arity = "0..1", paramLabel = "TEXT", description = "The text; stdin when absent.")
    String text;

    @Override
    public Integer call() throws IOException {
      out().print(SecretScanner.defaults().redact(argumentOrStdin(text)));
      out().flush();
      return 0;
    }
  }
}
