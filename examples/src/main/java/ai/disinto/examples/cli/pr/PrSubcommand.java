package ai.disinto.examples.cli.pr;

import ai.disinto.core.config.FactoryEnv;
import ai.disinto.examples.cli.CliCommand;
import ai.disinto.examples.cli.CliException;
import ai.disinto.examples.cli.Main;
import ai.disinto.examples.cli.forge.ForgeCli;
import ai.disinto.examples.cli.ci.CiCli;
import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.pulls.CiGate;
import ai.disinto.forge.pulls.PullRequests;
import ai.disinto.forge.pulls.PullsConfig;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * What the {@code disinto pr} subcommands share: the loaded configuration, the forge client, the
 * PR service waiting on the invocation's sleeper, the CI gate, and argument parsing. The
 * services' SLF4J lines reach stderr or {@code LOGFILE} through the binding {@code Main} makes.
 */
abstract class PrSubcommand extends CliCommand {
  private FactoryEnv env;

  /** The configuration, loaded once per invocation. */
  final FactoryEnv factory() {
    if (env == null) {
      env = factoryEnv();
    }
    return env;
  }

  /** The client of {@code FORGE_API}. */
  final ForgeClient client() {
    return ForgeCli.client(factory(), ctx());
  }

  /** The client of another repository API URL ({@code pr_create}'s and {@code pr_find_by_branch}'s API_URL). */
  final ForgeClient client(String apiUrl) {
    return ForgeCli.client(factory(), ctx(), apiUrl);
  }

  /** The settings of {@code PRIMARY_BRANCH}, {@code FORGE_REMOTE} and {@code FORGE_BOT_USERNAMES}. */
  PullsConfig config() {
    return PullsConfig.fromEnv(factory());
  }

  /** The PR service on {@code forge}, with {@link #config()}, waiting on the invocation's sleeper. */
  final PullRequests prs(ForgeClient forge) {
    return PullRequests.builder(forge).config(config()).sleeper(sleeper()).build();
  }

  /**
   * The CI gate of the pr commands: Woodpecker first, the forge's commit status as fallback (the
   * ci module's {@code WoodpeckerCiGate}).
   */
  final CiGate ciGate(ForgeClient forge) {
    return CiCli.gate(factory(), ctx(), forge);
  }

  /** Prints data on standard output without a line terminator, as {@code printf '%s'} does. */
  final void printData(String text) {
    out().print(text);
    out().flush();
  }

  /**
   * Whole or decimal seconds, zero or more (the original takes whole seconds); {@code fallback}
   * when the argument is absent or empty, which the original treats as unset.
   */
  static Duration seconds(String value, Duration fallback, String what) {
    if (value == null || value.isEmpty()) {
      return fallback;
    }
    try {
      BigDecimal s = new BigDecimal(value.trim());
      if (s.signum() < 0) {
        throw new NumberFormatException("negative");
      }
      return Duration.ofNanos(s.movePointRight(9).longValueExact());
    } catch (NumberFormatException | ArithmeticException e) {
      throw new CliException(Main.EXIT_USAGE, "disinto pr: " + what + " must be a number of seconds: '"
          + value + "'");
    }
  }

  /** As {@link #seconds}, but more than zero (a poll interval). */
  static Duration positiveSeconds(String value, Duration fallback, String what) {
    Duration d = seconds(value, fallback, what);
    if (d.isZero()) {
      throw new CliException(Main.EXIT_USAGE, "disinto pr: " + what + " must be more than 0");
    }
    return d;
  }

  /** A default for an optional positional argument that the original treats as unset when empty. */
  static String orDefault(String value, String fallback) {
    return value == null || value.isEmpty() ? fallback : value;
  }
}
