package ai.disinto.examples.cli;

import java.security.Security;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Starts, on a second thread, the JDK set-up that a forge command's first HTTP call would
 * otherwise do on the main thread: OkHttp looks for its TLS platform by listing the security
 * providers ({@link Security#getProviders()}, which instantiates every configured provider, even
 * for an {@code http://} forge) and creates a {@code java.util.logging} logger. Both are a large
 * share of a short forge command's start; done alongside reading the configuration and building
 * the client, they leave the main thread's path. Only JDK classes are touched here, never the
 * library's or OkHttp's own, so the two threads cannot wait on each other's class initialisation.
 */
final class Warmup {
  /** The commands that make HTTP calls; the text commands and help start nothing. */
  private static final Set<String> FORGE_COMMANDS = Set.of("issue", "pr", "tea", "ci",
      "ci-logs", "ci-debug", "woodpecker", "vault", "release", "forge", "protect", "ops", "hire",
      "agent", "mirrors", "push-to-forge", "demo");

  /**
   * The commands whose forge clients are {@linkplain
   * ai.disinto.forge.client.ForgeClientBuilder#shortLived short-lived}: on a cleartext forge they
   * load no OkHttp, so there is nothing to warm up.
   */
  private static final Set<String> PLAIN_WIRE_COMMANDS = Set.of("issue", "pr", "tea", "forge");

  private Warmup() {}

  /**
   * Starts the warm-up when {@code args} invoke a command that talks to the forge or CI over
   * OkHttp: not for the commands of the plain wire unless {@code FORGE_URL} (as the process
   * environment gives it) is {@code https://}.
   *
   * @param forgeUrl the process environment's {@code FORGE_URL}, or {@code null}
   * @param args the arguments after {@code disinto}
   * @return the started (daemon) thread, or {@code null} when the command needs no warm-up
   */
  static Thread forCommand(String forgeUrl, String... args) {
    if (args.length < 2 || !FORGE_COMMANDS.contains(args[0])) {
      return null;
    }
    if (PLAIN_WIRE_COMMANDS.contains(args[0])
        && (forgeUrl == null || !forgeUrl.regionMatches(true, 0, "https:", 0, 6))) {
      return null;
    }
    Thread t = new Thread(Warmup::run, "disinto-warmup");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static void run() {
    try {
      Security.getProviders();
      Logger.getLogger("okhttp3.OkHttpClient");
    } catch (RuntimeException | Error e) {
      // Only a head start: the main thread does the same work again and meets any failure there.
    }
  }
}
