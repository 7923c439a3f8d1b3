package ai.disinto.examples.cli;

import ai.disinto.core.secrets.SecretScanner;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code disinto secrets scan|redact [TEXT]}: the drop-ins for {@code scan_for_secrets} and
 * {@code redact_secrets} in {@code lib/secret-scan.sh}. The text is the argument, or standard
 * input when there is none (an empty argument is empty text, not a read of stdin).
 *
 * <p>Standard input is handled as bytes, one character per byte (ISO-8859-1): every secret the
 * scanner knows is ASCII, and bytes that are not part of a secret, valid UTF-8 or not, come out of
 * {@code redact} exactly as they went in.
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
      SecretScanner.ScanResult result = SecretScanner.defaults().scan(textOrStdinBytes(this, text));
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
      write(out(), text, SecretScanner.defaults().redact(textOrStdinBytes(this, text)));
      out().flush();
      return 0;
    }
  }

  /** The argument, or standard input with one character per byte. */
  private static String textOrStdinBytes(CliCommand cmd, String argument) throws IOException {
    return argument != null
        ? argument
        : new String(cmd.ctx().in().readAllBytes(), StandardCharsets.ISO_8859_1);
  }

  /** Prints {@code s}: as UTF-8 when it came from the argument, else back as the bytes it was. */
  private static void write(PrintStream stream, String argument, String s) {
    if (argument != null) {
      stream.print(s);
    } else {
      stream.write(s.getBytes(StandardCharsets.ISO_8859_1), 0, s.length());
    }
  }
}
