package ai.disinto.examples.cli.ci;

import ai.disinto.ci.debug.CiDebug;
import ai.disinto.ci.debug.CiDebugException;
import ai.disinto.ci.woodpecker.WoodpeckerClient;
import ai.disinto.ci.woodpecker.WoodpeckerException;
import ai.disinto.ci.woodpecker.WoodpeckerTransportException;
import ai.disinto.core.config.FactoryEnv;
import ai.disinto.core.net.InvalidUrlException;
import ai.disinto.examples.cli.CliCommand;
import ai.disinto.examples.cli.CliException;
import ai.disinto.examples.cli.forge.ForgeCli;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code disinto ci-debug [list [COUNT] | status [P] | logs P STEP | failures [P] | help]}: the
 * drop-in for {@code bash lib/ci-debug.sh …}, over {@code WOODPECKER_SERVER}, {@code
 * WOODPECKER_TOKEN} and {@code WOODPECKER_REPO_ID}. Standard output is the script's, byte for byte
 * where the script is right (see {@link CiDebug} for where it is not); exit codes are the script's:
 * 0, 1 for a rejected server URL, an unknown step or a missing argument, 22 for an HTTP error
 * (curl {@code -f}), curl's code for a transport failure. Anything but a known command prints the
 * help and exits 0, as the script does.
 */
@Command(
    name = "ci-debug",
    description = "Query Woodpecker CI: list, status, logs, failures (lib/ci-debug.sh).")
public final class CiDebugCommand extends CliCommand {
  private static final String LOGS_USAGE = "Usage: ci-debug.sh logs <pipeline> <step#>";
  private static final String BAD_URL =
      "ERROR: API URL validation failed - possible URL injection attempt";
  /** What Woodpecker serves for a page size it cannot use. */
  private static final int SERVER_DEFAULT_PAGE = 50;

  @Parameters(arity = "0..*", paramLabel = "ARGS",
      description = "The command and its arguments, as lib/ci-debug.sh takes them.")
  List<String> args = new ArrayList<>();

  /** Creates the command; picocli calls it. */
  public CiDebugCommand() {}

  @Override
  public Integer call() {
    String command = arg(0);
    switch (command == null ? "help" : command) {
      case "list" -> list();
      case "status" -> status();
      case "logs" -> logs();
      case "failures" -> failures();
      default -> print(CiDebug.help());
    }
    return 0;
  }

  private void list() {
    String raw = arg(1);
    int count = raw == null ? CiDebug.DEFAULT_LIST_COUNT : countOf(raw);
    CiDebug debug = debug();
    run(() -> print(debug.list(count)));
  }

  private void status() {
    String p = arg(1);
    CiDebug debug = debug();
    if (p == null) {
      run(() -> print(debug.status()));
    } else if (!isNumber(p)) {
      // Woodpecker has no such pipeline: the header, then curl's 404.
      print("Pipeline #" + p + ":\n");
      throw new CliException(ForgeCli.CURL_HTTP_ERROR,
          "disinto: ci-debug: no pipeline #" + p + " (HTTP 404)");
    } else {
      run(() -> print(debug.status(Long.parseLong(p))));
    }
  }

  private void logs() {
    String p = arg(1);
    String s = arg(2);
    if (p == null || s == null) {
      throw new CliException(1, "disinto: ci-debug: " + LOGS_USAGE);
    }
    CiDebug debug = debug();
    if (!isNumber(p)) {
      throw new CliException(1, "disinto: ci-debug: no pipeline #" + p);
    }
    try {
      print(debug.logs(Long.parseLong(p), s));
    } catch (CiDebugException e) {
      // woodpecker-cli's failure: status 1 and its reason alone.
      print(e.partialOutput());
      String reason = e.reason() == CiDebugException.Reason.UNKNOWN_STEP
          ? e.getMessage() : "disinto: ci-debug: " + e.getMessage();
      throw new CliException(1, reason, e);
    }
  }

  private void failures() {
    String p = arg(1);
    CiDebug debug = debug();
    if (p == null) {
      run(() -> print(debug.failures()));
    } else if (!isNumber(p)) {
      throw new CliException(ForgeCli.CURL_HTTP_ERROR,
          "disinto: ci-debug: no pipeline #" + p + " (HTTP 404)");
    } else {
      run(() -> print(debug.failures(Long.parseLong(p))));
    }
  }

  /** Runs a command, printing what it produced before a failure and mapping it to curl's code. */
  private void run(Runnable command) {
    try {
      command.run();
    } catch (CiDebugException e) {
      print(e.partialOutput());
      int code = 1;
      if (e.reason() == CiDebugException.Reason.LOG_UNREADABLE) {
        code = 1; // the script read logs through woodpecker-cli, which fails with 1
      } else if (e.getCause() instanceof WoodpeckerTransportException t) {
        code = ForgeCli.curlTransportCode(t.kind());
      } else if (e.getCause() instanceof WoodpeckerException w && w.status() >= 400) {
        code = ForgeCli.CURL_HTTP_ERROR;
      }
      throw new CliException(code, "disinto: ci-debug: " + e.getMessage(), e);
    }
  }

  private CiDebug debug() {
    FactoryEnv env = factoryEnv();
    WoodpeckerClient client;
    try {
      client = WoodpeckerClient.builder().env(env).clock(clock()).sleeper(sleeper()).build();
    } catch (InvalidUrlException e) {
      throw new CliException(1, BAD_URL, e);
    }
    String id = env.woodpeckerRepoId().trim();
    if (id.isEmpty()) {
      throw new CliException(1, "disinto: ci-debug: WOODPECKER_REPO_ID is not set");
    }
    if (!isNumber(id)) {
      throw new CliException(1, "disinto: ci-debug: WOODPECKER_REPO_ID is not a number");
    }
    return new CiDebug(client, Long.parseLong(id));
  }

  /** The script's count as the server reads it: a usable page size, otherwise the server's 50. */
  private static int countOf(String raw) {
    if (!isNumber(raw)) {
      return SERVER_DEFAULT_PAGE;
    }
    long n = Long.parseLong(raw);
    if (n < 1) {
      return SERVER_DEFAULT_PAGE;
    }
    return (int) Math.min(n, Integer.MAX_VALUE);
  }

  private static boolean isNumber(String s) {
    return s.matches("[0-9]{1,18}");
  }

  /** The argument at {@code i}; an empty one counts as absent, as {@code ${N:-default}} does. */
  private String arg(int i) {
    if (i >= args.size() || args.get(i).isEmpty()) {
      return null;
    }
    return args.get(i);
  }

  private void print(String text) {
    out().print(text);
    out().flush();
  }
}
