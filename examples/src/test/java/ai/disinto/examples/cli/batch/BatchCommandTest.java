package ai.disinto.examples.cli.batch;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.examples.cli.InProcess;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code disinto batch}: one frame per command line, each what the command alone would give. */
class BatchCommandTest {
  /** One parsed frame. */
  record Frame(int exit, String out, String err) {}

  static List<Frame> frames(String stdout) {
    byte[] b = stdout.getBytes(StandardCharsets.UTF_8);
    List<Frame> frames = new ArrayList<>();
    int at = 0;
    while (at < b.length) {
      int nl = at;
      while (b[nl] != '\n') {
        nl++;
      }
      String[] h = new String(b, at, nl - at, StandardCharsets.US_ASCII).split(" ");
      assertThat(h).hasSize(3);
      int outLen = Integer.parseInt(h[1]);
      int errLen = Integer.parseInt(h[2]);
      String out = new String(b, nl + 1, outLen, StandardCharsets.UTF_8);
      String err = new String(b, nl + 1 + outLen, errLen, StandardCharsets.UTF_8);
      frames.add(new Frame(Integer.parseInt(h[0]), out, err));
      at = nl + 1 + outLen + errLen;
    }
    return frames;
  }

  @Test
  void eachLineIsAnsweredWithItsOwnStdoutStderrAndExitCode() {
    String script = String.join("\n",
        "parse-deps <<< 'Depends on #4 and #12'",
        "",
        "# a comment gets no frame",
        "secrets scan 'nothing to see'",
        "secrets scan 'key: sk-ant-abcdefghijklmnopqrstuvwxyz0123456789'",
        "no-such-command",
        "secrets redact 'é ü' ") + "\n";

    InProcess.Result r = InProcess.run(Map.of(), script, "batch");

    assertThat(r.exitCode()).isZero();
    List<Frame> f = frames(r.stdout());
    assertThat(f).hasSize(5);
    assertThat(f.get(0)).isEqualTo(new Frame(0, "4\n12\n", ""));
    assertThat(f.get(1)).isEqualTo(new Frame(0, "", ""));
    assertThat(f.get(2).exit()).isEqualTo(1);
    assertThat(f.get(2).out()).isEmpty();
    assertThat(f.get(2).err()).contains("secret-scan: detected potential secret");
    assertThat(f.get(3).exit()).isEqualTo(64);
    assertThat(f.get(3).err()).startsWith("disinto: Unmatched argument").contains("Usage: disinto");
    assertThat(f.get(4)).isEqualTo(new Frame(0, "é ü", ""));
  }

  @Test
  void everyFrameEqualsWhatTheCommandGivesAlone() {
    List<String[]> calls = List.of(new String[] {"validate-url", "http://ok.example/x"},
        new String[] {"validate-url", "not a url"}, new String[] {"parse-deps", "--help"},
        new String[] {"secrets", "nope"});
    StringBuilder script = new StringBuilder();
    for (String[] c : calls) {
      script.append(String.join(" ", List.of(c).stream().map(w -> "'" + w + "'").toList()))
          .append('\n');
    }

    List<Frame> f = frames(InProcess.run(Map.of(), script.toString(), "batch").stdout());

    assertThat(f).hasSize(calls.size());
    for (int i = 0; i < calls.size(); i++) {
      InProcess.Result alone = InProcess.run(Map.of(), "", calls.get(i));
      assertThat(f.get(i)).as(String.join(" ", calls.get(i)))
          .isEqualTo(new Frame(alone.exitCode(), alone.stdout(), alone.stderr()));
    }
  }

  @Test
  void aLineThatCannotBeSplitOrANestedBatchIsAUsageErrorAndTheBatchGoesOn() {
    InProcess.Result r = InProcess.run(Map.of(), "secrets scan 'open\nbatch\n"
        + "parse-deps <<< 'Depends on #3'\n", "batch");

    List<Frame> f = frames(r.stdout());
    assertThat(f).extracting(Frame::exit).containsExactly(64, 64, 0);
    assertThat(f.get(0).err()).isEqualTo("disinto batch: unterminated single quote\n");
    assertThat(f.get(1).err()).contains("cannot run another batch");
    assertThat(f.get(2).out()).isEqualTo("3\n");
    assertThat(r.exitCode()).isZero();
  }

  @Test
  void assignmentsReachTheCommandsEnvironmentOnly() {
    InProcess.Result r = InProcess.run(Map.of("FACTORY_ROOT", "/nonexistent"),
        "PRIMARY_BRANCH=trunk FORGE_TOKEN= pr create b t x\n", "batch");

    Frame f = frames(r.stdout()).get(0);
    assertThat(f.exit()).isEqualTo(1);
    assertThat(f.err()).contains("FORGE_TOKEN is not set");
  }
}
