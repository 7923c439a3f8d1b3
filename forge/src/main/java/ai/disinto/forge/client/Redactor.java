package ai.disinto.forge.client;

import ai.disinto.core.secrets.SecretScanner;
import java.util.ArrayList;
import java.util.List;

/**
 * Cleans text that came from the forge or the wire before it reaches a message, a log line or a
 * {@code toString()}: the secret scanner's patterns, then the client's own credentials literally
 * (a short or oddly shaped token is not caught by any pattern).
 */
final class Redactor {
  private static final SecretScanner SCANNER = SecretScanner.defaults();
  private static final Redactor PATTERNS_ONLY = new Redactor(List.of());

  private final List<String> literals;

  private Redactor(List<String> literals) {
    this.literals = literals;
  }

  /** A redactor that knows the secrets of these credentials. */
  static Redactor of(ForgeAuth auth) {
    List<String> secrets = new ArrayList<>();
    if (auth instanceof ForgeAuth.Token t) {
      secrets.add(t.token());
    } else if (auth instanceof ForgeAuth.Basic b) {
      secrets.add(b.password());
      String header = b.headerValue();
      secrets.add(header.substring(header.indexOf(' ') + 1));
    }
    // Longest first, so that a secret containing another is masked whole (a loop: a comparator
    // here would be the one lambda a short CLI call spins at run time).
    List<String> sorted = new ArrayList<>();
    for (String secret : secrets) {
      if (secret.isEmpty()) {
        continue;
      }
      int at = 0;
      while (at < sorted.size() && sorted.get(at).length() >= secret.length()) {
        at++;
      }
      sorted.add(at, secret);
    }
    return new Redactor(List.copyOf(sorted));
  }

  /** The secret scanner alone, for text built without knowing the credentials. */
  static String scan(String text) {
    return text == null ? null : PATTERNS_ONLY.redact(text);
  }

  /** The text with every secret replaced by {@code [REDACTED]}; null stays null. */
  String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = SCANNER.redact(text);
    for (String secret : literals) {
      out = out.replace(secret, SecretScanner.REDACTED);
    }
    return out;
  }
}
