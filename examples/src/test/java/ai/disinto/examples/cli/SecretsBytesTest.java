package ai.disinto.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code disinto secrets redact} on standard input works on bytes: bytes that are not part of a
 * secret come out exactly as they went in, valid UTF-8 or not.
 */
class SecretsBytesTest {
  static final String TOKEN = "FORGE_TOKEN=abcdefghijklmnopqrstuvwxyz";

  /** Invalid UTF-8 (a lone continuation byte, a truncated sequence, 0xff) around a secret. */
  static byte[] input() {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(new byte[] {(byte) 0x80, 'a', (byte) 0xc3, ' ', (byte) 0xff, (byte) 0xfe, '\n'});
    b.writeBytes("caf\u00e9 ".getBytes(StandardCharsets.UTF_8));
    b.writeBytes(TOKEN.getBytes(StandardCharsets.US_ASCII));
    b.writeBytes(new byte[] {' ', (byte) 0xe2, (byte) 0x82, '\n', 0, (byte) 0xc0, (byte) 0xaf});
    return b.toByteArray();
  }

  static byte[] expected() {
    String s = new String(input(), StandardCharsets.ISO_8859_1)
        .replace("abcdefghijklmnopqrstuvwxyz", "[REDACTED]");
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  static byte[] runInProcess(byte[] stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CliContext ctx = new CliContext(new ByteArrayInputStream(stdin),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        Map.of(), Path.of("").toAbsolutePath(), Clock.systemUTC(), d -> { });
    int code = Main.execute(ctx, args);
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    return out.toByteArray();
  }

  @Test
  void redactKeepsInvalidUtf8BytesAsTheyWere() {
    assertThat(runInProcess(input(), "secrets", "redact")).isEqualTo(expected());
  }

  @Test
  void redactOfCleanBinaryInputIsTheSameBytes() {
    byte[] all = new byte[256];
    for (int i = 0; i < all.length; i++) {
      all[i] = (byte) i;
    }
    assertThat(runInProcess(all, "secrets", "redact")).isEqualTo(all);
  }

  @Test
  void scanOfStdinWithInvalidUtf8StillFindsTheSecret() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CliContext ctx = new CliContext(new ByteArrayInputStream(input()),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        Map.of(), Path.of("").toAbsolutePath(), Clock.systemUTC(), d -> { });
    assertThat(Main.execute(ctx, "secrets", "scan")).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("TOKE...(");
  }
}
