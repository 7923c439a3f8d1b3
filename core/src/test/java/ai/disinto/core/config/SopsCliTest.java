package ai.disinto.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SopsCli against a fake {@code sops} shell script: the real process path. */
class SopsCliTest {
  @TempDir Path bin;
  @TempDir Path root;

  private void fakeSops(String body) throws IOException {
    Path sops = bin.resolve("sops");
    Files.writeString(sops, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(sops, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private SopsCli cli(Duration timeout) {
    return new SopsCli(Map.of("PATH", "/usr/bin:/bin:" + bin), timeout);
  }

  @Test
  void isAvailableOnlyWhenSopsIsOnThePath() throws IOException {
    assertThat(cli(Duration.ofSeconds(5)).isAvailable()).isFalse();
    fakeSops("exit 0");
    assertThat(cli(Duration.ofSeconds(5)).isAvailable()).isTrue();
  }

  @Test
  void decryptReturnsStdoutAndPassesTheOriginalsArguments() throws IOException {
    fakeSops("echo \"ARGS='$*'\"\necho 'FORGE_TOKEN=dec'\necho noise >&2");
    Path enc = root.resolve(".env.enc");
    String out = cli(Duration.ofSeconds(10)).decryptDotenv(enc);
    assertThat(out).isEqualTo("ARGS='-d --output-type dotenv " + enc + "'\nFORGE_TOKEN=dec\n");
  }

  @Test
  void aNonZeroExitIsAnEnvLoadExceptionWithTheOriginalsMessage() throws IOException {
    fakeSops("echo 'FORGE_TOKEN=half'\nexit 1");
    assertThatThrownBy(() -> cli(Duration.ofSeconds(10)).decryptDotenv(root.resolve(".env.enc")))
        .isInstanceOf(EnvLoadException.class)
        .hasMessageContaining("failed to decrypt .env.enc — decryption failed, possible corruption")
        .hasMessageContaining("status 1");
  }

  @Test
  void aSopsThatHangsIsKilledAfterTheTimeout() throws IOException {
    fakeSops("exec sleep 30");
    long start = System.nanoTime();
    assertThatThrownBy(() -> cli(Duration.ofMillis(300)).decryptDotenv(root.resolve(".env.enc")))
        .isInstanceOf(EnvLoadException.class)
        .hasMessageContaining("failed to decrypt .env.enc")
        .hasMessageContaining("did not finish within 300 ms");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  @org.junit.jupiter.api.DisplayName("env.sh case 11 through a real sops process: nothing is applied")
  void theLoaderFailsWhenTheRealProcessFails() throws IOException {
    fakeSops("exit 2");
    Files.writeString(root.resolve(".env.enc"), "opaque");
    Files.writeString(root.resolve(".env"), "FORGE_TOKEN=plain\n");
    Map<String, String> p = Map.of("PATH", "/usr/bin:/bin:" + bin, "USER", "u", "HOME", "/h");
    assertThatThrownBy(() -> EnvLoader.load(EnvLoadOptions.of(root, p)))
        .isInstanceOf(EnvLoadException.class)
        .hasMessageContaining("failed to decrypt .env.enc — decryption failed, possible corruption");
  }

  @Test
  void theLoaderUsesTheRealProcessOutput() throws IOException {
    fakeSops("printf 'FORGE_TOKEN=enc\\nFORGE_REPO=o/r\\n'");
    Files.writeString(root.resolve(".env.enc"), "opaque");
    Map<String, String> p = Map.of("PATH", "/usr/bin:/bin:" + bin, "USER", "u", "HOME", "/h");
    FactoryEnv e = EnvLoader.load(EnvLoadOptions.of(root, p));
    assertThat(e.forgeToken()).isEqualTo("enc");
    assertThat(e.forgeRepo()).isEqualTo("o/r");
  }
}
