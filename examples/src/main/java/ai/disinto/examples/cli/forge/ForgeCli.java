package ai.disinto.examples.cli.forge;

import ai.disinto.core.config.FactoryEnv;
import ai.disinto.core.net.InvalidUrlException;
import ai.disinto.examples.cli.CliContext;
import ai.disinto.examples.cli.CliException;
import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.ForgeClientBuilder;
import ai.disinto.forge.client.ForgeException;
import ai.disinto.forge.client.ForgeTransportException;

/** What the forge-facing subcommands share: building the client and curl's exit codes. */
public final class ForgeCli {
  /** curl's exit code for an HTTP status of 400 or more under {@code -f}. */
  public static final int CURL_HTTP_ERROR = 22;

  private ForgeCli() {}

  /**
   * The client of the loaded configuration, or exit 1 with forge_api's ERROR line.
   *
   * @param env the factory configuration
   * @param ctx the invocation, whose clock and sleeper time the client's retries
   * @return the client
   */
  public static ForgeClient client(FactoryEnv env, CliContext ctx) {
    return client(env, ctx, "");
  }

  /**
   * The client of the loaded configuration with another repository API root ({@code API_URL} of
   * {@code pr_create} and {@code pr_find_by_branch}), or exit 1 with forge_api's ERROR line, or
   * exit 1 with {@code FORGE_TOKEN is not set} before any request when there is no token.
   *
   * @param env the factory configuration
   * @param ctx the invocation, whose clock and sleeper time the client's retries
   * @param apiBase the repository API root, or empty (or null) for the configuration's {@code
   *     FORGE_API}
   * @return the client
   */
  public static ForgeClient client(FactoryEnv env, CliContext ctx, String apiBase) {
    ForgeClient client = clientWithoutTokenCheck(env, ctx, apiBase);
    requireToken(env);
    return client;
  }

  /**
   * Exits 1 with {@code FORGE_TOKEN is not set} before any request when the configuration has no
   * token.
   *
   * @param env the factory configuration
   */
  public static void requireToken(FactoryEnv env) {
    if (env.forgeToken().isEmpty()) {
      throw new CliException(1, "disinto: FORGE_TOKEN is not set");
    }
  }

  /**
   * The client of the loaded configuration, for a command given its own token; exit 1 with
   * forge_api's ERROR line on an invalid URL.
   *
   * @param env the factory configuration
   * @param ctx the invocation, whose clock and sleeper time the client's retries
   * @param apiBase the repository API root, or empty (or null) for the configuration's
   * @return the client
   */
  public static ForgeClient clientWithoutTokenCheck(FactoryEnv env, CliContext ctx,
      String apiBase) {
    try {
      // One CLI call is a short-lived process: a cleartext forge is reached over plain sockets,
      // without OkHttp's start-up (docs/performance.md).
      ForgeClientBuilder b = ForgeClient.builder().env(env).clock(ctx.clock())
          .sleeper(ctx.sleeper()).shortLived(true);
      if (apiBase != null && !apiBase.isEmpty()) {
        b.apiBase(apiBase);
      }
      return b.build();
    } catch (InvalidUrlException e) {
      throw new CliException(
          1, "ERROR: FORGE_API validation failed - possible URL injection attempt", e);
    }
  }

  /**
   * Maps a failure to the exit code curl -sf would have ended with.
   *
   * @param command the subcommand, for the message
   * @param e the failure
   * @return the exception to throw
   */
  public static CliException failure(String command, ForgeException e) {
    int code;
    if (e instanceof ForgeTransportException t) {
      code = curlTransportCode(t.kind());
    } else if (e.status() >= 400) {
      code = CURL_HTTP_ERROR;
    } else {
      code = 1;
    }
    return new CliException(code, "disinto: " + command + ": " + e.getMessage(), e);
  }

  /**
   * The exit code curl gives for a transport failure: 6 unresolved host, 7 no connection, 28
   * timeout, 35 TLS, 52 nothing received (the connection closed without an answer), 56 any other
   * receive failure. The original's {@code HTTP 000} lines stand
   * for these.
   *
   * @param kind the failure
   * @return curl's exit code
   */
  public static int curlTransportCode(ForgeTransportException.Kind kind) {
    return switch (kind) {
      case UNKNOWN_HOST -> 6;
      case CONNECTION_REFUSED -> 7;
      case TIMEOUT -> 28;
      case TLS -> 35;
      case CONNECTION_CLOSED -> 52;
      default -> 56;
    };
  }
}
