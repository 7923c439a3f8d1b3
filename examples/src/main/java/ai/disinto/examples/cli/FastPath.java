package ai.disinto.examples.cli;

import ai.disinto.examples.cli.issue.IssueCommand;
import ai.disinto.examples.cli.pr.PrCommand;
import java.util.Arrays;
import java.util.List;

/**
 * The hot commands that scripts call in loops, run without building a picocli model: {@code
 * parse-deps [--self N]}, {@code secrets scan [TEXT]}, {@code secrets redact [TEXT]}, {@code
 * batch} (whose lines go through {@link Main#execute} again, each fast or not), {@code issue
 * claim|release|close N}, {@code pr merge N [COMMIT_MSG]} and {@code pr create BRANCH TITLE BODY
 * [BASE] [API_URL]}. Only these exact shapes are taken; any other argument (an option, {@code
 * --help}, {@code --debug}, an {@code @file} argument, a number that is not plain digits, one
 * argument too many) goes to picocli as before, so usage errors and help read exactly as they
 * always did. The command objects are the same classes picocli runs, with their fields set here,
 * so both paths run the same code.
 */
final class FastPath {
  private FastPath() {}

  /**
   * Runs the command when {@code args} have one of the fast shapes.
   *
   * @return the exit code, or {@code null} when picocli must handle these arguments
   */
  static Integer run(DisintoCommand root, String... args) throws Exception {
    CliCommand command = match(args);
    return command == null ? null : command.under(root).call();
  }

  static CliCommand match(String... args) {
    if (args.length == 0) {
      return null;
    }
    switch (args[0]) {
      case "parse-deps" -> {
        ParseDepsCommand c = new ParseDepsCommand();
        if (args.length == 1) {
          return c;
        }
        String number = args.length == 2 && args[1].startsWith("--self=")
            ? args[1].substring("--self=".length())
            : args.length == 3 && args[1].equals("--self") ? args[2] : null;
        if (!isNumber(number)) {
          return null;
        }
        c.self = Long.parseLong(number);
        return c;
      }
      case "secrets" -> {
        if (args.length < 2 || args.length > 3 || (args.length == 3
            && (args[2].startsWith("-") || args[2].startsWith("@")))) {
          return null;
        }
        String text = args.length == 3 ? args[2] : null;
        if (args[1].equals("scan")) {
          SecretsCommand.Scan c = new SecretsCommand.Scan();
          c.text = text;
          return c;
        }
        if (args[1].equals("redact")) {
          SecretsCommand.Redact c = new SecretsCommand.Redact();
          c.text = text;
          return c;
        }
        return null;
      }
      case "batch" -> {
        return args.length == 1 ? new ai.disinto.examples.cli.batch.BatchCommand() : null;
      }
      case "issue" -> {
        return args.length == 3 && isNumber(args[2])
            ? IssueCommand.withoutPicocli(args[1], Long.parseLong(args[2])) : null;
      }
      case "pr" -> {
        return args.length < 2 ? null : pr(args);
      }
      default -> {
        return null;
      }
    }
  }

  private static CliCommand pr(String... args) {
    List<String> rest = Arrays.asList(args).subList(2, args.length);
    for (String a : rest) {
      if (a.startsWith("-") || a.startsWith("@")) {
        return null; // an option or an @file: picocli's to read
      }
    }
    if (args[1].equals("merge") && (rest.size() == 1 || rest.size() == 2)
        && isNumber(rest.get(0))) {
      return PrCommand.mergeWithoutPicocli(Long.parseLong(rest.get(0)),
          rest.size() == 2 ? rest.get(1) : null);
    }
    if (args[1].equals("create") && rest.size() >= 3 && rest.size() <= 5) {
      return PrCommand.createWithoutPicocli(rest);
    }
    return null;
  }

  /** Digits only, and few enough for a {@code long}: what picocli parses the same way. */
  private static boolean isNumber(String s) {
    if (s == null || s.isEmpty() || s.length() > 18) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
