package ai.disinto.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The throughput rewrite changes no result: on thousands of generated texts with embedded
 * secrets, safe patterns and near misses glued together at random, {@link SecretScanner} finds and
 * redacts exactly what {@link LegacySecretScanner} (the implementation before the rewrite) does.
 */
class SecretScannerEquivalenceTest {
  private static final String HEX = "0123456789abcdefABCDEF";
  private static final String LOWER_HEX = "0123456789abcdef";
  private static final String ALNUM =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final String UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private static final String B64 = ALNUM + "+/";
  private static final String[] WORDS = {
    "agent", "the", "merge", "pipeline", "deploy", "token", "secret", "Bearer", "bearer",
    "Authorization:", "authorization", "commit", "Merge", "key", "pass", "http", "https", "git",
    "a", "of", "ok", "é", "\u212A", "\u017F", "AWS", "aws", "sk", "gh", "xox", "eyJ", "SC",
  };
  private static final String[] SEPARATORS = {
    " ", " ", " ", "\n", "\n", "\t", "", "", "/", ":", "=", "@", "?", "&", "\"", "'", ".", "-",
    "_", "\r\n", "  ", "#", "$", ",", ";", "(", ")", "<", ">", "`", "\\", "\\\n",
  };

  private static final List<Function<Random, String>> FRAGMENTS = List.of(
      r -> word(r),
      r -> word(r) + " " + word(r),
      r -> chars(r, 1 + r.nextInt(70), HEX),
      r -> chars(r, 1 + r.nextInt(70), LOWER_HEX),
      r -> "commit " + chars(r, 38 + r.nextInt(4), LOWER_HEX),
      r -> "Merge " + chars(r, 40, LOWER_HEX),
      r -> "last-reviewed: " + chars(r, 39 + r.nextInt(3), LOWER_HEX),
      r -> pick(r, "${", "$") + chars(r, 1 + r.nextInt(14), "ABCDEFGHIJKLMNOPQRSTUVWXYZ_")
          + pick(r, "}", "", "}x"),
      r -> "SC" + chars(r, 3 + r.nextInt(3), "0123456789"),
      r -> pick(r, "codeberg.org", "localhost:3000") + "/" + word(r) + "/" + word(r) + "/"
          + pick(r, "commit/", "src/commit/", "compare/", "pulls/") + chars(r, 40, LOWER_HEX)
          + pick(r, "", "...", "..") + pick(r, "", chars(r, 40, LOWER_HEX)) + pick(r, "", "x", "/"),
      r -> "Bearer " + chars(r, 15 + r.nextInt(30), ALNUM + "_/+=-."),
      r -> pick(r, "bearer", "BEARER", "Bearer") + pick(r, " ", "\t", "  ")
          + pick(r, "", "__SAFE__", "${FORGE_TOKEN}") + chars(r, 5 + r.nextInt(30), ALNUM + "._~+/=-"),
      r -> pick(r, "Authorization", "authorization", "AUTHORIZATION") + pick(r, ":", " : ", ": ")
          + pick(r, "token ", "Bearer ", "basic ", "bearer\t") + chars(r, 4 + r.nextInt(30), ALNUM),
      r -> "0x" + chars(r, 60 + r.nextInt(10), HEX),
      r -> pick(r, "http://", "https://", "http:/", "ftp://") + word(r) + ".example"
          + pick(r, "", ":3000") + "/" + chars(r, r.nextInt(50), HEX) + pick(r, "", "/x", "?a=b"),
      r -> pick(r, "AKIA", "ASIA") + chars(r, 14 + r.nextInt(5), UPPER_ALNUM),
      r -> pick(r, "API_KEY", "SECRET", "TOKEN", "PRIVATE_KEY", "PASSWORD", "INFURA", "ALCHEMY",
          "FORGE_TOKEN", "FORGE_PASS", "WOODPECKER_AGENT_SECRET", "CLAUDE_API_KEY", "PGPASSWORD",
          "password", "my_key", "TOKEN_FILE", "PUBLIC_KEY", "DB_AUTH", "api_token")
          + pick(r, "=", " = ", "==", "=\t") + pick(r, "", "\"", "'", "$'", "$(", "${", "/", "./")
          + chars(r, r.nextInt(30), ALNUM + "-_!.:{}") + pick(r, "", "\"", "'", " ", "\\\n"),
      r -> pick(r, "https://", "git://", "ssh://", "x+y.z://", "1a://") + pick(r,
          word(r) + ":" + chars(r, 3 + r.nextInt(20), ALNUM + "/@"),
          chars(r, 10 + r.nextInt(20), ALNUM), word(r) + ":" + r.nextInt(9000))
          + "@" + pick(r, "forge.example", "[::1]", "-bad", "host:3000") + pick(r, "/", " ", "", "\""),
      r -> pick(r, "ghp_", "gho_", "ghx_", "ghs_") + chars(r, 30 + r.nextInt(10), ALNUM),
      r -> "github_pat_" + chars(r, 18 + r.nextInt(10), ALNUM + "_"),
      r -> pick(r, "sk-", "xsk-", "-sk-", "sk-ant-") + chars(r, 15 + r.nextInt(15), ALNUM + "_-"),
      r -> "xox" + pick(r, "b", "p", "z") + "-" + chars(r, 8 + r.nextInt(10), ALNUM + "-"),
      r -> "eyJ" + chars(r, 6 + r.nextInt(10), ALNUM) + pick(r, ".ey", ".e", ".eyJ")
          + chars(r, 1 + r.nextInt(10), ALNUM) + pick(r, ".", "") + chars(r, r.nextInt(10), ALNUM),
      r -> "-----BEGIN " + pick(r, "RSA ", "", "OPENSSH ", "PGP ") + "PRIVATE KEY"
          + pick(r, "", " BLOCK") + "-----\n" + pemLines(r) + pick(r,
              "-----END RSA PRIVATE KEY-----", "", "-----END PRIVATE KEY-----"),
      r -> pemLines(r) + pick(r, "", "-----END PRIVATE KEY-----\n", "  -----END RSA PRIVATE KEY-----"),
      r -> chars(r, 6 + r.nextInt(20), HEX) + pick(r, "\n", "\r\n") + chars(r, 6 + r.nextInt(20), HEX),
      r -> pick(r, "?", "&") + pick(r, "token", "access_token", "api_key", "apikey", "sig", "key",
          "auth", "x.secret", "passwd", "page") + "=" + pick(r, "", "__SAFE__", "[REDACTED]")
          + chars(r, 3 + r.nextInt(20), ALNUM + "%.-"),
      r -> pick(r, "aws_secret_access_key", "AWS_SECRET_KEY", "secret_access_key",
          "SecretAccessKey", "awssecretkey") + pick(r, "=", " = ", ": ", "\"=\"", "'=")
          + chars(r, 38 + r.nextInt(5), ALNUM + "/+="),
      r -> "__SAFE__",
      r -> "[REDACTED]");

  @Test
  void defaultsFindAndRedactWhatTheOldImplementationDid() {
    assertEquivalent(SecretScanner.defaults(), LegacySecretScanner.defaults(), 1L, 1200);
  }

  @Test
  void originalDetectionFindsWhatTheOldImplementationDid() {
    assertEquivalent(SecretScanner.originalDetection(), LegacySecretScanner.originalDetection(),
        2L, 500);
  }

  @Test
  void addedSafePatternsWorkAsBefore() {
    assertEquivalent(
        SecretScanner.builder().safePattern("forge\\.example/[0-9a-f]+").safePattern("x*").build(),
        LegacySecretScanner.builder().safePattern("forge\\.example/[0-9a-f]+").safePattern("x*")
            .build(),
        3L, 300);
  }

  @Test
  void aSafePatternThatSplitsAnEarlierReplacementWorksAsBefore() {
    assertEquivalent(SecretScanner.builder().safePattern("FE_+[a-z]*").build(),
        LegacySecretScanner.builder().safePattern("FE_+[a-z]*").build(), 4L, 300);
  }

  @Test
  void generatedTextsHoldSecrets() {
    Random r = new Random(1L);
    int flagged = 0;
    for (int i = 0; i < 200; i++) {
      if (!SecretScanner.defaults().scan(text(r)).clean()) {
        flagged++;
      }
    }
    // A generator that produced only clean texts would prove nothing.
    assertThat(flagged).isGreaterThan(100);
  }

  private static void assertEquivalent(SecretScanner now, LegacySecretScanner before, long seed,
      int texts) {
    Random r = new Random(seed);
    for (int i = 0; i < texts; i++) {
      String t = text(r);
      assertThat(now.scan(t)).as("scan of %s", quoted(t)).isEqualTo(before.scan(t));
      assertThat(now.redact(t)).as("redact of %s", quoted(t)).isEqualTo(before.redact(t));
    }
  }

  private static String text(Random r) {
    StringBuilder b = new StringBuilder();
    int n = 1 + r.nextInt(24);
    for (int i = 0; i < n; i++) {
      b.append(FRAGMENTS.get(r.nextInt(FRAGMENTS.size())).apply(r));
      b.append(SEPARATORS[r.nextInt(SEPARATORS.length)]);
    }
    return b.toString();
  }

  private static String pemLines(Random r) {
    StringBuilder b = new StringBuilder();
    int lines = r.nextInt(4);
    for (int i = 0; i < lines; i++) {
      b.append(pick(r, "", "  ")).append(chars(r, 30 + r.nextInt(40), B64))
          .append(pick(r, "", "=", "==")).append(pick(r, "\n", "\r\n"));
    }
    return b.toString();
  }

  private static String word(Random r) {
    return WORDS[r.nextInt(WORDS.length)];
  }

  private static String pick(Random r, String... options) {
    return options[r.nextInt(options.length)];
  }

  private static String chars(Random r, int n, String alphabet) {
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return b.toString();
  }

  private static String quoted(String t) {
    return "\"" + t.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r")
        .replace("\t", "\\t") + "\"";
  }
}
