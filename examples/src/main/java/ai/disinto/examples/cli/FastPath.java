package ai.disinto.examples.cli;

/**
 * The hot commands that scripts call in loops, run without building a picocli model: {@code
 * parse-deps [--self N]}, {@code secrets scan [TEXT]}, {@code secrets redact [TEXT]} and {@code
 * batch} (whose lines go through {@link Main#execute} again, each fast or not). Only
 * these exact shapes are taken; any other argument (an option, {@code --help}, {@code --debug},
 * an {@code @file} argument, a malformed number, one argument too many) goes to picocli as
 * before, so usage errors and help read exactly as they always did. The command objects are the same classes picocli runs, with
 * their fields set here, so both paths run the same code.
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
        if (number == null || number.isEmpty() || !number.chars().allMatch(Character::isDigit)
            || number.length() > 18) {
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
      default -> {
        return null;
      }
    }
  }
}
