package ai.disinto.reliability.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ai.disinto.core.DisintoException;
import ai.disinto.core.config.EnvLoadOptions;
import ai.disinto.core.config.EnvLoader;
import ai.disinto.examples.cli.CliContext;
import ai.disinto.examples.cli.Main;
import ai.disinto.testkit.time.FakeTime;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and broken input to the CLI (in-process) and to the parsers behind it: malformed TOML,
 * {@code .env} and vault actions; values with newlines, command substitutions, quotes and NUL;
 * URLs with credentials or odd schemes; a 10 MB issue body; bytes that are not UTF-8. Each gives
 * a clear error or a correct result, within a bound, and no stack trace without {@code --debug}.
 */
class BadInputCorpusTest {
  private static final Duration BOUND = Duration.ofSeconds(30);
  private static final AtomicInteger TRIED = new AtomicInteger();

  @TempDir static Path tmp;

  /** What one CLI run gave. */
  record Run(int code, String stdout, String stderr) {}

  static Run cli(byte[] stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    FakeTime time = new FakeTime();
    CliContext ctx = new CliContext(new ByteArrayInputStream(stdin),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("HOME", tmp.toString()),
        tmp, time, time);
    int code = Main.execute(ctx, args);
    return new Run(code, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }

  /** No hang, no crash, no stack trace; an error exit says something on stderr. */
  static Run safely(byte[] stdin, String... args) {
    TRIED.incrementAndGet();
    Run r = assertTimeoutPreemptively(BOUND, () -> cli(stdin, args));
    assertThat(r.stderr()).as("no stack trace without --debug: %s", r.stderr())
        .doesNotContain("\tat ").doesNotContain("Exception in thread");
    if (r.code() != 0 && r.code() != 1) {
      assertThat(r.stderr()).as("exit %d says why", r.code()).isNotBlank();
    }
    return r;
  }

  static final List<String> HOSTILE = List.of(
      "line\nbreak", "$(touch /tmp/pwned)", "`id`", "\"quoted\"", "'single'", "nul\0byte",
      "back\\slash", "${HOME}", "; rm -rf /", "tab\there", "\r\ncrlf", "ünïcödé ✓", "",
      "x".repeat(100_000));

  static final List<String> BAD_TOML = List.of(
      "name = ", "[project\nname = \"x\"", "name = \"unterminated", "= 3", "a = 1\na = 2",
      "[[x]]\n[x]", "name = \"a\0b\"", "k = 1979-05-27T07:32:00Z extra",
      "name = '''\n", "[a.b\n", "x = [1, \"mixed\"", "x = { a = 1, a = 2 }");

  @TestFactory
  Stream<DynamicTest> malformedProjectTomlIsAClearError() {
    List<DynamicTest> tests = new ArrayList<>();
    int k = 0;
    for (String toml : BAD_TOML) {
      int n = k++;
      tests.add(DynamicTest.dynamicTest("project env, bad TOML " + n, () -> {
        Path f = tmp.resolve("bad-" + n + ".toml");
        Files.writeString(f, toml);
        Run r = safely(new byte[0], "project", "env", f.toString());
        assertThat(r.code()).as("malformed TOML %d is refused: %s", n, r.stderr()).isNotZero();
      }));
    }
    for (String v : HOSTILE) {
      int n = k++;
      tests.add(DynamicTest.dynamicTest("project env, hostile value " + n, () -> {
        Path f = tmp.resolve("hostile-" + n + ".toml");
        Files.writeString(f, "name = \"" + v.replace("\\", "\\\\").replace("\"", "\\\"")
            .replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
            .replace("\0", "\\u0000") + "\"\nrepo = \"o/r\"\n");
        safely(new byte[0], "project", "env", f.toString());
        assertThat(Files.exists(Path.of("/tmp/pwned"))).as("nothing was executed").isFalse();
      }));
    }
    int n = k;
    tests.add(DynamicTest.dynamicTest("project env, non-UTF-8 bytes", () -> {
      Path f = tmp.resolve("latin1.toml");
      Files.write(f, new byte[] {'n', 'a', 'm', 'e', ' ', '=', ' ', '"', (byte) 0xff, (byte) 0xfe,
          (byte) 0xc3, '"', '\n'});
      safely(new byte[0], "project", "env", f.toString());
    }));
    tests.add(DynamicTest.dynamicTest("project env, missing file " + n, () -> {
      // As load-project.sh: a missing file is no error (and no output).
      safely(new byte[0], "project", "env", tmp.resolve("absent.toml").toString());
    }));
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> malformedVaultActionsAreRefusedClearly() {
    List<String> actions = new ArrayList<>(List.of(
        "", "id = ", "id = \"x\"", "id = \"x\"\nformula = 3\n", "formula = \"dev\"\ncontext = \"c\"",
        "id = \"../../etc/passwd\"\nformula = \"dev\"\ncontext = \"c\"\nsecrets = []\n",
        "id = \"a\"\nformula = \"$(id)\"\ncontext = \"c\"\nsecrets = []\n",
        "id = \"a\"\nformula = \"dev\"\ncontext = \"c\"\nsecrets = \"notalist\"\n",
        "id = \"a\"\nformula = \"dev\"\ncontext = \"c\"\nsecrets = [1, 2]\n",
        "id = \"a\nb\"\nformula = \"dev\"\ncontext = \"c\"\nsecrets = []\n",
        "id = \"a\"\nformula = \"dev\"\ncontext = \"" + "z".repeat(2_000_000) + "\"\nsecrets = []\n",
        "[[[", "\0\0\0"));
    List<DynamicTest> tests = new ArrayList<>();
    for (int i = 0; i < actions.size(); i++) {
      String a = actions.get(i);
      int n = i;
      tests.add(DynamicTest.dynamicTest("vault validate, bad action " + n, () -> {
        Path f = tmp.resolve("action-" + n + ".toml");
        Files.writeString(f, a);
        Run r = safely(new byte[0], "vault", "validate", f.toString());
        assertThat(r.code()).as("bad action %d is refused", n).isNotZero();
      }));
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> urlsWithCredentialsOrOddSchemesAreRefusedWithoutBeingRepeated() {
    List<String> urls = List.of("javascript:alert(1)", "file:///etc/passwd", "ftp://h/x",
        "http://user:hunter2-5ecret@forge.example", "http://forge.example\n.evil",
        "http://forge.example/\0", "gopher://x", "http://", "://x", "http:// space",
        "http://" + "a".repeat(70_000) + ".example", "data:text/html,<b>x</b>",
        "http://[::1", "HTTP://FORGE.EXAMPLE", "http://forge.example:99999");
    List<DynamicTest> tests = new ArrayList<>();
    for (String u : urls) {
      tests.add(DynamicTest.dynamicTest("validate-url " + u.substring(0, Math.min(40, u.length())),
          () -> {
            Run r = safely(new byte[0], "validate-url", u);
            assertThat(r.stdout() + r.stderr()).doesNotContain("hunter2-5ecret");
          }));
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> hugeAndNonUtf8BodiesGiveAnAnswerInTime() {
    byte[] tenMb = ("Depends on #12\n" + "lorem ipsum ".repeat(10 * 1024 * 1024 / 12))
        .getBytes(StandardCharsets.UTF_8);
    byte[] notUtf8 = new byte[] {(byte) 0xc3, (byte) 0x28, (byte) 0xa0, (byte) 0xa1, '#', '1',
        '\n', (byte) 0xff, 0, 'k', 'e', 'y', '=', 'A', 'K', 'I', 'A'};
    return Stream.of(
        DynamicTest.dynamicTest("parse-deps, 10 MB body", () -> {
          Run r = safely(tenMb, "parse-deps");
          assertThat(r.code()).isZero();
          assertThat(r.stdout()).contains("12");
        }),
        DynamicTest.dynamicTest("secrets scan, 10 MB body", () -> safely(tenMb, "secrets", "scan")),
        DynamicTest.dynamicTest("secrets redact, 10 MB body", () ->
            assertThat(safely(tenMb, "secrets", "redact").code()).isZero()),
        DynamicTest.dynamicTest("parse-deps, non-UTF-8", () -> safely(notUtf8, "parse-deps")),
        DynamicTest.dynamicTest("secrets scan, non-UTF-8", () -> safely(notUtf8, "secrets",
            "scan")),
        DynamicTest.dynamicTest("unknown command", () ->
            assertThat(safely(new byte[0], "no-such-command").code()).isEqualTo(64)),
        DynamicTest.dynamicTest("option garbage", () ->
            assertThat(safely(new byte[0], "lock", "--\0", "$(id)").code()).isNotZero()));
  }

  @TestFactory
  Stream<DynamicTest> malformedDotEnvIsReadAsDataOrRefusedClearly() {
    List<String> files = new ArrayList<>(List.of("KEY", "=value", "KEY=\"unterminated",
        "KEY='unterminated", "export", "export KEY", "KEY=$(touch /tmp/pwned)",
        "KEY=`id`", "KEY=a\0b", "KEY=\"a\\\"b\"", "1KEY=x", "K EY=x", "KEY=${OTHER:-$(id)}",
        "\uFEFFKEY=bom", "KEY=x\r\nOTHER=y\r\n", "KEY=" + "v".repeat(1_000_000)));
    for (String v : HOSTILE) {
      files.add("HOSTILE=" + v);
    }
    List<DynamicTest> tests = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      String text = files.get(i);
      int n = i;
      tests.add(DynamicTest.dynamicTest(".env case " + n, () -> {
        TRIED.incrementAndGet();
        assertTimeoutPreemptively(BOUND, () -> {
          Path root = Files.createDirectories(tmp.resolve("factory-" + n));
          Files.writeString(root.resolve(".env"), text);
          try {
            EnvLoader.load(EnvLoadOptions.of(root, Map.of("HOME", tmp.toString())));
          } catch (DisintoException e) {
            assertThat(e.getMessage()).as("a refusal says what").isNotBlank();
          }
        });
        assertThat(Files.exists(Path.of("/tmp/pwned"))).as("nothing was executed").isFalse();
      }));
    }
    return tests.stream();
  }

  @AfterAll
  static void figures() {
    System.out.println("bad input corpus: " + TRIED.get() + " inputs tried, 0 hangs, 0 crashes,"
        + " 0 stack traces without --debug");
  }
}
