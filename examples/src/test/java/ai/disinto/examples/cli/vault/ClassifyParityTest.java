package ai.disinto.examples.cli.vault;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.examples.cli.InProcess;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code disinto vault classify} against what the original {@code vault/classify.sh} printed for
 * the same policy file and arguments: {@code src/test/resources/vault/classify/expected.txt},
 * recorded by {@code record.sh} there from the original at 41f0210abf (policy file, arguments,
 * exit code, stdout, stderr per line; backslash escapes for tabs and newlines).
 */
class ClassifyParityTest {
  @TempDir Path tmp;

  record Case(String policy, List<String> args, int exit, String stdout, String stderr) {
    @Override
    public String toString() {
      return policy + " " + args;
    }
  }

  static String resource(String name) throws IOException {
    try (InputStream in = ClassifyParityTest.class.getResourceAsStream("/vault/classify/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static String unescape(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        b.append(switch (n) {
          case 'n' -> '\n';
          case 't' -> '\t';
          case 'r' -> '\r';
          default -> n;
        });
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  static Stream<Case> cases() throws IOException {
    List<Case> out = new ArrayList<>();
    for (String line : resource("expected.txt").split("\n")) {
      String[] f = line.split("\t", -1);
      String[] call = unescape(f[0]).split("\t", -1);
      List<String> args = new ArrayList<>(List.of(call).subList(1, call.length));
      out.add(new Case(call[0], args, Integer.parseInt(f[1]), unescape(f[2]), unescape(f[3])));
    }
    assertThat(out).hasSizeGreaterThan(50);
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesTheOriginal(Case c) throws IOException {
    Path ops = Files.createDirectories(tmp.resolve("ops/vault"));
    if (!c.policy().equals("-")) {
      Files.writeString(ops.resolve("policy.toml"), resource("policies/" + c.policy() + ".toml"));
    }
    Map<String, String> env = new HashMap<>();
    env.put("HOME", tmp.toString());
    env.put("USER", "nobody");
    env.put("FACTORY_ROOT", Files.createDirectories(tmp.resolve("factory")).toString());
    env.put("OPS_REPO_ROOT", tmp.resolve("ops").toString());
    List<String> argv = new ArrayList<>(List.of("vault", "classify"));
    argv.addAll(c.args());
    InProcess.Result r = InProcess.run(env, "", argv.toArray(String[]::new));
    assertThat(r.exitCode()).isEqualTo(c.exit());
    assertThat(r.stdout()).isEqualTo(c.stdout());
    assertThat(r.stderr().strip()).isEqualTo(c.stderr().strip());
  }
}
