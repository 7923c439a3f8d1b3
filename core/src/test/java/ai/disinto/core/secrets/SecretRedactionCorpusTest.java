package ai.disinto.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Scan and redaction agree: whatever {@code scan} flags, {@code redact} removes whole, and what
 * {@code scan} lets through {@code redact} leaves alone. The corpus holds the realistic forms of
 * credentials the factory handles (its own variable names, forge URLs and headers, AWS, PEM, wrapped
 * tokens), the original's own patterns (every parity fixture input) and safe texts.
 */
class SecretRedactionCorpusTest {
  private static final String H40 = "0123456789abcdef0123456789abcdef01234567";
  private static final String H32 = H40.substring(0, 32);
  private static final String AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  private static final String TOKEN = "Zx9vQm2LpR7tK4wN8sYb";
  private static final String PEM_L1 = "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun";
  private static final String PEM_L2 = "VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK";
  private static final String PEM_L3 = "LxhRqT0CdsFLCT1xv4A6+qpDnOTLfA==";

  private final SecretScanner scanner = SecretScanner.defaults();

  /** A text and the secrets in it; nothing of a secret may survive redaction. */
  static Stream<Arguments> secretForms() {
    return Stream.of(
        form("double-quoted assignment", "FORGE_TOKEN=\"" + TOKEN + "\"", TOKEN),
        form("single-quoted assignment", "FORGE_TOKEN='" + TOKEN + "'", TOKEN),
        form("quoted API_KEY (original's pattern, quoted)",
            "API_KEY=\"quotedvalue1234567890\"", "quotedvalue1234567890"),
        form("quoted value with spaces", "FORGE_REVIEW_PASS=\"correct horse battery\"",
            "correct horse battery"),
        form("ANSI-C quoted value", "FORGE_PASS=$'s3cr3t\\tpass'", "s3cr3t\\tpass"),
        form("FORGE_PASS", "FORGE_PASS=Hunt3r2-Hunt3r2", "Hunt3r2-Hunt3r2"),
        form("FORGE_PASS, 8 characters", "FORGE_PASS=hunter2x", "hunter2x"),
        form("FORGE_ADMIN_PASS", "FORGE_ADMIN_PASS=adm1n-p4ss!", "adm1n-p4ss!"),
        form("FORGE_PASS_LLAMA (suffixed bot)", "export FORGE_PASS_LLAMA=llama-pass-99",
            "llama-pass-99"),
        form("FORGE_TOKEN_LLAMA (suffixed bot)", "FORGE_TOKEN_LLAMA=" + TOKEN, TOKEN),
        form("FORGE_REVIEW_TOKEN, short value", "FORGE_REVIEW_TOKEN=rev1ewT0k", "rev1ewT0k"),
        form("WOODPECKER_AGENT_SECRET", "WOODPECKER_AGENT_SECRET=w00dp3ck3r-ag3nt",
            "w00dp3ck3r-ag3nt"),
        form("WOODPECKER_DB_PASSWORD", "WOODPECKER_DB_PASSWORD=pgS3cretPass", "pgS3cretPass"),
        form("WOODPECKER_FORGEJO_SECRET", "WOODPECKER_FORGEJO_SECRET=gto_xyzXYZ987654",
            "gto_xyzXYZ987654"),
        form("WOODPECKER_TOKEN", "WOODPECKER_TOKEN=" + TOKEN, TOKEN),
        form("CLAUDE_API_KEY", "CLAUDE_API_KEY=cl4ude-k3y-value", "cl4ude-k3y-value"),
        form("ANTHROPIC_API_KEY (not an sk- key)", "ANTHROPIC_API_KEY=anthr0pic-test-key",
            "anthr0pic-test-key"),
        form("PGPASSWORD before a command", "PGPASSWORD=pgpass12345 psql -h db", "pgpass12345"),
        form("lowercase ini password", "password = \"hunter2hunter2\"", "hunter2hunter2"),
        form("CLI flag", "forgejo admin user create --password=Adm1nPassw0rd --admin",
            "Adm1nPassw0rd"),
        form("docker -e", "docker run -e FORGE_TOKEN=" + TOKEN + " img", TOKEN),
        form("token-only userinfo", "git clone https://" + TOKEN + "@codeberg.org/o/r.git", TOKEN),
        form("password with / in userinfo", "https://bot:pa/ss+w0rd@forge.local/o/r.git",
            "pa/ss+w0rd"),
        form("password with @ in userinfo", "https://bot:p@ss-w0rd@forge.local/o/r.git",
            "p@ss-w0rd"),
        form("?token= query parameter",
            "curl https://forge.local/api/v1/user?token=" + TOKEN, TOKEN),
        form("access_token= query parameter",
            "https://forge.local/api/v1/repos?page=2&access_token=Ac3ssT0kenValue99", 
            "Ac3ssT0kenValue99"),
        form("Authorization: token header", "-H 'Authorization: token " + TOKEN + "'", TOKEN),
        form("Authorization: Basic header", "Authorization: Basic Ym90OnBhc3N3b3Jk",
            "Ym90OnBhc3N3b3Jk"),
        form("lowercase bearer", "bearer abcdefghijklmnopqrstuvwxyz", "abcdefghijklmnopqrstuvwxyz"),
        form("lowercase authorization: bearer", "authorization: bearer " + TOKEN, TOKEN),
        form("aws credentials file", "aws_secret_access_key = " + AWS_SECRET, AWS_SECRET),
        form("aws json", "{\"SecretAccessKey\": \"" + AWS_SECRET + "\"}", AWS_SECRET),
        form("AWS_SECRET_ACCESS_KEY env", "AWS_SECRET_ACCESS_KEY=" + AWS_SECRET, AWS_SECRET),
        form("ASIA temporary key", "key ASIAIOSFODNN7EXAMPLE here", "ASIAIOSFODNN7EXAMPLE"),
        form("AKIA key longer than 20", "AKIAIOSFODNN7EXAMPLEXY", "AKIAIOSFODNN7EXAMPLEXY"),
        form("PEM body without header, with END line",
            "pasted:\n" + PEM_L1 + "\n" + PEM_L2 + "\n" + PEM_L3
                + "\n-----END RSA PRIVATE KEY-----\nend",
            PEM_L1, PEM_L2, PEM_L3),
        form("PEM body without header or END line",
            "pasted:\n" + PEM_L1 + "\n" + PEM_L2 + "\n" + PEM_L3 + "\nend", PEM_L1, PEM_L2, PEM_L3),
        form("hex token wrapped over two lines",
            "token 0123456789abcdef01234567\n89abcdef0123456789 end",
            "0123456789abcdef01234567", "89abcdef0123456789"),
        form("hex token wrapped after 32 characters",
            "FORGE_TOKEN " + H32 + "\n89abcdef end", H32, "89abcdef"),
        form("quoted value wrapped over two lines",
            "FORGE_TOKEN=\"Zx9vQm2LpR7t\nK4wN8sYb3cQ\"", "Zx9vQm2LpR7t", "K4wN8sYb3cQ"),
        form("value continued with backslash-newline",
            "FORGE_TOKEN=Zx9vQm2LpR7tK4wN\\\n8sYb3cQ1 next", "Zx9vQm2LpR7tK4wN", "8sYb3cQ1"),
        form("$ and 32 hex", "$" + H32, H32),
        form("$ and 40 hex", "x $" + H40 + " y", H40),
        form("Bearer JWT", "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.c2lnbmF0dXJl",
            "eyJhbGciOiJIUzI1NiJ9", "eyJzdWIiOiJhIn0", "c2lnbmF0dXJl"),
        form("Bearer token with a dot", "Bearer abcdefghijklmnopqrstuvwx.yz0123",
            "abcdefghijklmnopqrstuvwx.yz0123"),
        form("0x key longer than 64", "pk 0x" + "ab".repeat(33), "ab".repeat(33)),
        form("default after env ref", "TOKEN=${FORGE_TOKEN:-default_value_here}",
            "default_value_here"));
  }

  /** Texts that are not secrets: scan lets them through and redact leaves them alone. */
  static Stream<String> safeTexts() {
    return Stream.of(
        "see https://codeberg.org/johba/disinto/commit/" + H40 + " for details",
        "see http://localhost:3000/owner/repo/commit/" + H40 + " for details",
        "https://codeberg.org/o/r/compare/" + H40 + "..." + H40,
        "commit " + H40,
        "Merge " + H40 + " into main",
        "<!-- last-reviewed: " + H40 + " -->",
        "Fixes #123, see #45 and johba/disinto#7; depends on #12",
        "fixed in abc1234 and def5678 (short SHAs)\nabc1234def5678 on the next line",
        "TOKEN=${FORGE_TOKEN}",
        "FORGE_TOKEN=\"${FORGE_TOKEN:-}\"",
        "FORGE_PASS=\"$(cat /run/secrets/forge_pass)\"",
        "token=\"$token_value\"",
        "curl -H \"Authorization: token ${FORGE_TOKEN}\" \"$FORGE_API/issues\"",
        "curl -H \"Authorization: token $FORGE_TOKEN\"",
        "FORGE_TOKEN_FILE=/run/secrets/forge_token",
        "AGE_PUBLIC_KEY=age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p",
        "SECRET=short",
        "max_tokens=4096 and TOKEN_LIMIT=100000",
        "sort by key=created_at",
        "FORGE_TOKEN=[REDACTED] and Bearer [REDACTED] and https://[REDACTED]@host",
        "git clone ssh://git@codeberg.org/o/r.git or https://johba@codeberg.org/o/r.git",
        "http://localhost:3000/api/v1/repos/o/r/issues?state=open&type=issues&page=2&limit=50",
        "http://localhost:3000/o/r/src/branch/main/lib/env.sh",
        "the bearer of bad news",
        "SC2086 and $HOME and ${PROJECT_NAME}",
        "uuid 123e4567-e89b-12d3-a456-426614174000",
        "just a normal sentence with #123\n\n");
  }

  private static Arguments form(String name, String text, String... secrets) {
    return Arguments.of(name, text, List.of(secrets));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("secretForms")
  void scanFlagsAndRedactRemovesTheSecretWhole(String name, String text, List<String> secrets) {
    assertThat(scanner.scan(text).clean()).as("scan flags: %s", name).isFalse();
    String redacted = scanner.redact(text);
    assertThat(redacted).as("redact changes it").isNotEqualTo(text);
    for (String secret : secrets) {
      String rest = text.replace(secret, "\u0000");
      for (int i = 0; i + 6 <= secret.length(); i++) {
        String part = secret.substring(i, i + 6);
        if (!rest.contains(part)) {
          assertThat(redacted).as("no part of %s survives", secret).doesNotContain(part);
        }
      }
    }
    assertThat(scanner.scan(redacted).clean()).as("the redacted text is clean: " + redacted)
        .isTrue();
  }

  @ParameterizedTest
  @MethodSource("safeTexts")
  void safeTextsAreNeitherFlaggedNorRedacted(String text) {
    assertThat(scanner.scan(text).findings()).as("scan of %s", text).isEmpty();
    assertThat(scanner.redact(text)).isEqualTo(text);
  }

  static Stream<Path> parityInputs() throws IOException, URISyntaxException {
    Path root = Path.of(SecretRedactionCorpusTest.class.getResource("/parity/secret-scan").toURI());
    return Files.list(root).filter(Files::isDirectory).sorted().map(d -> d.resolve("input"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("parityInputs")
  void onTheOriginalsFixturesScanFlagsExactlyWhatRedactChanges(Path input) throws IOException {
    String text = Files.readString(input, StandardCharsets.UTF_8);
    boolean flagged = !scanner.scan(text).clean();
    String redacted = scanner.redact(text);
    assertThat(!redacted.equals(text)).as("redact changes it ⇔ scan flags it").isEqualTo(flagged);
    assertThat(scanner.scan(redacted).clean()).as("the redacted text is clean").isTrue();
  }
}
