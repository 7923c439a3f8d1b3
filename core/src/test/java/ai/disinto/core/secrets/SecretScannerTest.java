package ai.disinto.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.disinto.core.secrets.SecretScanner.ScanResult;
import ai.disinto.core.secrets.SecretScanner.SecretFinding;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Acceptance cases of spec/core.md "lib/secret-scan.sh" (numbers in the display names). */
class SecretScannerTest {
  private static final String H40 = "0123456789abcdef0123456789abcdef01234567";
  private static final String H32 = H40.substring(0, 32);
  private static final String H64 = "ab".repeat(32);

  private final SecretScanner scanner = SecretScanner.defaults();

  private List<String> ids(String text) {
    return scanner.scan(text).findings().stream().map(SecretFinding::patternId).toList();
  }

  @Test
  @DisplayName("1: plain prose is clean and redact leaves it unchanged")
  void plainProseIsClean() {
    String text = "just a normal sentence with #123";
    assertThat(scanner.scan(text).clean()).isTrue();
    assertThat(scanner.redact(text)).isEqualTo(text);
  }

  @Test
  @DisplayName("2: 'commit <sha>' is safe for scan and redact, other SHA contexts are detected")
  void commitShaIsSafeOnlyAfterTheWordCommit() {
    assertThat(scanner.scan("commit " + H40).clean()).isTrue();
    assertThat(ids("Commit " + H40)).containsExactly("long-hex");
    assertThat(ids("sha " + H40)).containsExactly("long-hex");
    assertThat(scanner.redact("commit " + H40)).isEqualTo("commit " + H40);
    assertThat(scanner.redact("Commit " + H40)).isEqualTo("Commit [REDACTED]");
  }

  @Test
  @DisplayName("3: forge commit links are safe for detection and redaction (issue fix)")
  void forgeCommitLinksAreSafeForDetection() {
    String local = "see http://localhost:3000/owner/repo/commit/" + H40 + " for details";
    String codeberg = "see https://codeberg.org/owner/repo/commit/" + H40 + " for details";
    assertThat(scanner.scan(local).clean()).isTrue();
    assertThat(scanner.scan(codeberg).clean()).isTrue();
    assertThat(scanner.redact(local)).isEqualTo(local);
    assertThat(SecretScanner.originalDetection().redact(local))
        .isEqualTo("see http://localhost:3000/owner/repo/commit/[REDACTED] for details");
  }

  @Test
  @DisplayName("3: with the original's detection, forge commit links hit long-hex and url-hex")
  void originalDetectionFlagsForgeCommitLinks() {
    String local = "see http://localhost:3000/owner/repo/commit/" + H40 + " for details";
    assertThat(SecretScanner.originalDetection().scan(local).findings())
        .extracting(SecretFinding::patternId)
        .containsExactly("long-hex", "url-hex");
  }

  @Test
  void forgeLinkSafetyCoversThePathButNotAQueryToken() {
    String text = "http://localhost:3000/o/r/issues?token=" + H40;
    assertThat(ids(text)).contains("long-hex", "url-hex");
  }

  @Test
  void forgeLinkSafetyCoversSourceAndCompareLinksUpToTheCommitId() {
    assertThat(scanner.scan("http://localhost:3000/o/r/src/commit/" + H40 + "/lib/env.sh").clean())
        .isTrue();
    assertThat(scanner.scan("https://codeberg.org/o/r/compare/" + H40 + "..." + H40).clean())
        .isTrue();
  }

  @Test
  void aTokenGluedOntoAForgeLinkIsStillDetected() {
    assertThat(ids("http://localhost:3000/api/v1/repos/o/r/issues,FORGE_TOKEN=" + H40))
        .contains("long-hex");
    assertThat(ids("http://localhost:3000/o/r/commit/" + H40 + ",FORGE_TOKEN=" + H40))
        .contains("long-hex");
  }

  @Test
  void aHexRunInAnotherKindOfForgePathIsStillDetected() {
    assertThat(ids("https://codeberg.org/x/y/raw/" + H40 + "/secrets.env"))
        .contains("long-hex", "url-hex");
    assertThat(ids("http://localhost:3000/o/r/src/commit/" + H40 + "/keys/" + H40))
        .contains("long-hex");
  }

  @Test
  @DisplayName("4: env var references are safe; a default value after TOKEN= is not")
  void envVarReferences() {
    assertThat(scanner.scan("TOKEN=${FORGE_TOKEN}").clean()).isTrue();
    assertThat(scanner.redact("TOKEN=${FORGE_TOKEN}")).isEqualTo("TOKEN=${FORGE_TOKEN}");
    assertThat(ids("TOKEN=${FORGE_TOKEN:-default_value_here}")).containsExactly("assignment");
  }

  @Test
  @DisplayName("5: KEY=value assignments")
  void assignments() {
    assertThat(ids("FORGE_TOKEN=abcdefghijklmnopqrstuvwxyz")).containsExactly("assignment");
    assertThat(scanner.redact("FORGE_TOKEN=abcdefghijklmnopqrstuvwxyz"))
        .isEqualTo("FORGE_TOKEN=[REDACTED]");
    assertThat(ids("TOKEN=\"abcdefghijklmnopqrstuvwxyz\"")).containsExactly("secret-variable");
    assertThat(scanner.redact("TOKEN=\"abcdefghijklmnopqrstuvwxyz\""))
        .isEqualTo("TOKEN=\"[REDACTED]\"");
    assertThat(ids("token=abcdefghijklmnopqrstuvwxyz")).containsExactly("secret-variable");
    assertThat(SecretScanner.originalDetection().scan("TOKEN=\"abcdefghijklmnopqrstuvwxyz\"")
        .clean()).isTrue();
    assertThat(scanner.scan("SECRET=short").clean()).isTrue();
  }

  @Test
  @DisplayName("6: mixed assignments: quoted or not, both values are redacted (issue #8)")
  void mixedAssignments() {
    assertThat(scanner.redact(
            "MY_PASSWORD=hunter2hunter2hunter2 and API_KEY=\"quotedvalue1234567890\""))
        .isEqualTo("MY_PASSWORD=[REDACTED] and API_KEY=\"[REDACTED]\"");
  }

  @Test
  @DisplayName("7: Bearer is the original's pattern; bearer in any case is found too (issue #8)")
  void bearer() {
    assertThat(ids("Bearer abcdefghijklmnopqrstuvwxyz")).containsExactly("bearer");
    assertThat(ids("bearer abcdefghijklmnopqrstuvwxyz")).containsExactly("auth-header");
    assertThat(SecretScanner.originalDetection().scan("bearer abcdefghijklmnopqrstuvwxyz")
        .clean()).isTrue();
  }

  @Test
  @DisplayName("8: a JWT after Bearer is detected and redacted whole")
  void jwtAfterBearerIsRedactedWhole() {
    String text = "Authorization: Bearer "
        + "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.sig";
    assertThat(ids(text)).contains("bearer", "jwt");
    assertThat(scanner.redact(text)).isEqualTo("Authorization: Bearer [REDACTED]");
  }

  @Test
  @DisplayName("9: AWS access key")
  void awsKey() {
    assertThat(ids("AKIAIOSFODNN7EXAMPLE is key")).containsExactly("aws-access-key");
    assertThat(scanner.redact("AKIAIOSFODNN7EXAMPLE is key")).isEqualTo("[REDACTED] is key");
  }

  @Test
  @DisplayName("10: Ethereum private key; a longer run is redacted whole (issue: no partial leak)")
  void ethereumPrivateKey() {
    assertThat(ids("pk 0x" + H64)).containsExactly("long-hex", "eth-private-key");
    assertThat(scanner.redact("pk 0x" + H64)).isEqualTo("pk [REDACTED]");
    assertThat(scanner.redact("pk 0x" + H64 + "ff")).isEqualTo("pk [REDACTED]");
  }

  @Test
  @DisplayName("11: an Ethereum address is a known false positive")
  void ethereumAddress() {
    String text = "addr 0x742d35Cc6634C0532925a3b844Bc454e4438f44e";
    assertThat(ids(text)).containsExactly("long-hex");
    assertThat(scanner.redact(text)).isEqualTo("addr 0x[REDACTED]");
  }

  @Test
  @DisplayName("12: URL hex run redacted whole")
  void urlHex() {
    String text = "url https://api.example.com/v1/abcdef0123456789abcdef012/data";
    assertThat(ids(text)).containsExactly("url-hex");
    assertThat(scanner.redact(text)).isEqualTo("url https://api.example.com/v1/[REDACTED]/data");
  }

  @Test
  @DisplayName("13: every hex run of a URL is redacted")
  void severalRunsInOneUrl() {
    assertThat(scanner.redact("https://x.io/0123456789abcdef0123/b/fedcba9876543210fedc"))
        .isEqualTo("https://x.io/[REDACTED]/b/[REDACTED]");
  }

  @Test
  @DisplayName("14: hex at line start leaks nothing")
  void hexAtLineStart() {
    assertThat(scanner.redact(H40 + " tail")).isEqualTo("[REDACTED] tail");
    assertThat(scanner.redact(H32)).isEqualTo("[REDACTED]");
  }

  @Test
  @DisplayName("15: a hex run right after $ is detected, so it is redacted whole (issue #8)")
  void dollarPrefixedHex() {
    assertThat(ids("$" + H32)).containsExactly("long-hex");
    assertThat(scanner.redact("$" + H32)).isEqualTo("$[REDACTED]");
    assertThat(scanner.redact("$" + H40)).isEqualTo("$[REDACTED]");
  }

  @Test
  @DisplayName("16: multi-line text is handled per line")
  void multiLine() {
    assertThat(scanner.redact("line1\n" + H40)).isEqualTo("line1\n[REDACTED]");
    assertThat(ids("line1\n" + H40)).containsExactly("long-hex");
  }

  @Test
  @DisplayName("17: comma-separated values")
  void commaSeparatedValues() {
    assertThat(scanner.redact("a=" + H40 + ",b=" + H40)).isEqualTo("a=[REDACTED],b=[REDACTED]");
  }

  @Test
  @DisplayName("18: a UUID is clean")
  void uuidIsClean() {
    assertThat(scanner.scan("uuid 123e4567-e89b-12d3-a456-426614174000").clean()).isTrue();
  }

  @Test
  @DisplayName("19: userinfo credentials are detected (issue) and redacted")
  void userinfo() {
    String text = "https://user:supersecretpassword@host.example.com/repo.git";
    assertThat(ids(text)).containsExactly("userinfo");
    assertThat(scanner.redact(text)).isEqualTo("https://[REDACTED]@host.example.com/repo.git");
    assertThat(SecretScanner.builder().detectUserinfo(false).build().scan(text).clean()).isTrue();
  }

  @Test
  void userinfoOfAnySchemeAndWithAnAtInThePasswordIsRedactedWhole() {
    assertThat(scanner.redact("postgres://wp:s3cr3t@db:5432/wp"))
        .isEqualTo("postgres://[REDACTED]@db:5432/wp");
    assertThat(scanner.redact("https://bot:p@ss@forge.local/o/r.git"))
        .isEqualTo("https://[REDACTED]@forge.local/o/r.git");
  }

  @Test
  @DisplayName("20: ShellCheck codes and env refs are clean")
  void shellcheckAndEnvRefs() {
    assertThat(scanner.scan("SC2034 and $HOME").clean()).isTrue();
  }

  @Test
  @DisplayName("21: the last-reviewed watermark is safe")
  void watermark() {
    assertThat(scanner.scan("last-reviewed: " + H40).clean()).isTrue();
    assertThat(SecretScanner.originalDetection().scan("last-reviewed: " + H40).clean()).isFalse();
  }

  @Test
  @DisplayName("22: the preview shows 4 characters and the length, no more")
  void previewIsMasked() {
    SecretFinding f = scanner.scan("FORGE_TOKEN=abcdefghijklmnopqrstuvwxyz").findings().get(0);
    assertThat(f.preview()).isEqualTo("TOKE...(32 chars)");
    assertThat(f.length()).isEqualTo(32);
    assertThat(f.toString()).doesNotContain("abcdefgh").doesNotContain("wxyz");
    assertThat(f.logLine()).isEqualTo("secret-scan: detected potential secret matching pattern "
        + "[(API_KEY|SECRET|TOKEN|PRIVATE_KEY|PASSWORD|INFURA|ALCHEMY)=[^[:space:]\"]{16,}]: "
        + "TOKE...(32 chars)");
  }

  @Test
  @DisplayName("23: empty input is clean and redacts to empty")
  void emptyInput() {
    assertThat(scanner.scan("").clean()).isTrue();
    assertThat(scanner.redact("")).isEmpty();
  }

  @Test
  @DisplayName("24: trailing newlines are kept")
  void trailingNewlinesAreKept() {
    assertThat(scanner.redact("end\n\n")).isEqualTo("end\n\n");
  }

  @Test
  void nullInputIsRejected() {
    assertThatThrownBy(() -> scanner.scan(null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> scanner.redact(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aSecretOverlappingAnotherLeavesNoTail() {
    assertThat(scanner.redact("API_KEY=" + H32 + "XYZ")).isEqualTo("API_KEY=[REDACTED]");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789",
      "gho_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789",
      "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGH",
      "sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdEfGhIjKl",
      "sk-proj-Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56Qr78St90",
      "sk-Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56Qr78St90Uv12Wx34",
      "xoxb-1234567890-0987654321098-AbCdEfGhIjKlMnOpQrStUvWx",
      "xoxp-1234567890-abcdefghij",
      "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk"})
  void wellKnownTokenFormatsAreDetectedAndRedactedWhole(String token) {
    String text = "value: " + token + " end";
    assertThat(scanner.scan(text).clean()).isFalse();
    assertThat(scanner.redact(text)).isEqualTo("value: [REDACTED] end");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "ask-me-about-the-deployment-plan-2024", "the sk-learn-compatibility-layer-notes",
      "xox is not a token", "eyJ alone", "ghp_short"})
  void wordsThatMerelyLookLikeTokenPrefixesAreClean(String text) {
    assertThat(scanner.scan(text).clean()).isTrue();
    assertThat(scanner.redact(text)).isEqualTo(text);
  }

  @Test
  void aPemPrivateKeyBlockIsDetectedAndRedactedWhole() {
    String text = "key:\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n"
        + "QyNTUxOQAAACDx\n-----END OPENSSH PRIVATE KEY-----\ndone\n";
    assertThat(ids(text)).containsExactly("private-key-block");
    assertThat(scanner.redact(text)).isEqualTo("key:\n[REDACTED]\ndone\n");
  }

  @Test
  void aTruncatedPemBlockIsRedactedToTheEnd() {
    String text = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n";
    assertThat(scanner.redact(text)).isEqualTo("[REDACTED]");
  }

  @Test
  void aPublicKeyOrCertificateIsNotAPrivateKey() {
    String text = "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQ\n-----END PUBLIC KEY-----";
    assertThat(scanner.scan(text).clean()).isTrue();
  }

  @Test
  void tokenFormatDetectionCanBeSwitchedOffButRedactionStillRemovesThem() {
    SecretScanner parity = SecretScanner.builder().detectTokenFormats(false).build();
    String text = "ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789";
    assertThat(parity.scan(text).clean()).isTrue();
    assertThat(parity.redact(text)).isEqualTo("[REDACTED]");
  }

  @Test
  void anExtraSafePatternHidesAMatchFromDetection() {
    SecretScanner s = SecretScanner.builder().safePattern("forge\\.example\\.com/\\S+").build();
    assertThat(s.scan("https://forge.example.com/o/r/commit/" + H40).clean()).isTrue();
  }

  @Test
  void requireCleanRefusesWithAMessageFreeOfTheSecret() {
    assertThatThrownBy(() -> scanner.requireClean("FORGE_TOKEN=abcdefghijklmnopqrstuvwxyz"))
        .isInstanceOf(SecretsDetectedException.class)
        .hasMessageContaining("assignment")
        .hasMessageNotContaining("abcdefgh")
        .satisfies(e -> assertThat(((SecretsDetectedException) e).findings()).hasSize(1));
    assertThat(scanner.requireClean("fine text")).isEqualTo("fine text");
  }

  @Test
  void findingsComeInPatternOrderThenTextOrder() {
    ScanResult r = scanner.scan(
        "FORGE_TOKEN=abcdefghijklmnopqrstuvwxyz\nBearer ABCDEFGHIJKLMNOPQRSTUVWX\nsee " + H40);
    assertThat(r.findings()).extracting(SecretFinding::patternId)
        .containsExactly("long-hex", "bearer", "assignment");
  }

  @Test
  void falsePositivesTheSpecExpects() {
    assertThat(ids("sha256: " + H64)).containsExactly("long-hex");
    assertThat(ids("run " + H40)).containsExactly("long-hex");
  }
}
