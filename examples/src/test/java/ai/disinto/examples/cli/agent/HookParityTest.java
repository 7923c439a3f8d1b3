package ai.disinto.examples.cli.agent;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.examples.cli.CliContext;
import ai.disinto.examples.cli.Main;
import ai.disinto.testkit.time.FakeTime;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs {@code disinto hook <name>} on every case recorded from the original {@code lib/hooks/*.sh}
 * (src/test/resources/parity/hooks, recorded by src/test/parity-recording/record-hooks.sh) and
 * checks that it gives the same exit status, output and files, except where the case documents a
 * deliberate difference ({@code port.*} and {@code deviation.txt}).
 *
 * <p>Block reasons of the guard are human text in our own words: a block must start with
 * {@code BLOCKED: }, name what {@code port.contains} lists, and appear on standard error (where
 * Claude Code reads it) as well as on standard output (where the original printed it). The text of
 * the idle-stop nudge is compared the same way: it must name the phase file.
 */
class HookParityTest {
  private static final Path FIXTURES = Path.of("src", "test", "resources", "parity", "hooks");
  private static final String FACTORY = "/var/tmp/hookfx/factory";
  private static final Instant NOW = Instant.ofEpochSecond(1_775_000_000L);

  @TestFactory
  Stream<DynamicTest> everyRecordedCase() throws IOException {
    List<Path> cases = new ArrayList<>();
    try (Stream<Path> hooks = Files.list(FIXTURES)) {
      for (Path hook : hooks.filter(Files::isDirectory).sorted().toList()) {
        try (Stream<Path> cs = Files.list(hook)) {
          cs.filter(Files::isDirectory).sorted().forEach(cases::add);
        }
      }
    }
    assertThat(cases).hasSizeGreaterThan(90);
    return cases.stream().map(c -> DynamicTest.dynamicTest(
        c.getParent().getFileName() + "/" + c.getFileName(), () -> check(c)));
  }

  private static void check(Path c) throws IOException {
    String hook = c.getParent().getFileName().toString();
    Path dir = Files.createTempDirectory("hookfx-");
    Path nudgeDir = Files.createTempDirectory("hookfx-nudge-");
    Path bin = Files.createTempDirectory("hookfx-bin-");
    Path tmuxLog = bin.resolve("tmux.log");
    Path tmux = bin.resolve("tmux");
    Files.writeString(tmux, "#!/bin/sh\nprintf '%s\\n' \"$@\" -- >> \"$TMUX_LOG\"\n");
    Files.setPosixFilePermissions(tmux, PosixFilePermissions.fromString("rwxr-xr-x"));

    List<String> args = Arrays.stream(sub(read(c.resolve("args")), dir).split("\n", -1)).toList();
    args = args.subList(0, args.size() - 1); // the file ends every argument with a newline
    String session = args.size() >= 3 ? args.get(2) : "";
    Path setup = c.resolve("setup");
    if (Files.isDirectory(setup)) {
      try (Stream<Path> files = Files.list(setup)) {
        for (Path f : files.toList()) {
          String name = f.getFileName().toString();
          Path target = name.equals("nudge.count") ? nudgeDir.resolve("claude-nudge-" + session + ".count")
              : dir.resolve(name);
          Files.writeString(target, sub(read(f), dir));
        }
      }
    }

    Map<String, String> env = new HashMap<>();
    env.put("FACTORY_ROOT", FACTORY);
    env.put("DISINTO_NUDGE_DIR", nudgeDir.toString());
    env.put("PATH", bin + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("TMUX_LOG", tmuxLog.toString());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    FakeTime time = new FakeTime(NOW);
    CliContext ctx = new CliContext(
        new ByteArrayInputStream(sub(read(c.resolve("stdin")), dir).getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
        env, dir, time, time);
    List<String> argv = new ArrayList<>(List.of("hook", hook));
    argv.addAll(args);
    int rc = Main.execute(ctx, argv.toArray(String[]::new));
    String stdout = out.toString(StandardCharsets.UTF_8);
    String stderr = err.toString(StandardCharsets.UTF_8);

    assertThat(rc).as("exit status").isEqualTo(Integer.parseInt(expected(c, "rc").strip()));
    if (hook.equals("on-pretooluse-guard")) {
      if (rc == 2) {
        assertThat(stdout).startsWith("BLOCKED: ").endsWith("\n");
        assertThat(stderr).as("the reason is on stderr for Claude Code").isEqualTo(stdout);
        Path contains = c.resolve("port.contains");
        if (Files.exists(contains)) {
          for (String value : sub(read(contains), dir).split("\n")) {
            assertThat(stdout).contains(value);
          }
        }
      } else {
        assertThat(stdout).isEmpty();
        assertThat(stderr).isEmpty();
      }
    } else {
      assertThat(stdout).as("stdout").isEqualTo(sub(expected(c, "stdout"), dir));
      assertThat(stderr).as("stderr").isEqualTo(sub(expected(c, "stderr"), dir));
    }

    Path counter = nudgeDir.resolve("claude-nudge-" + session + ".count");
    if (!session.isEmpty() && Files.exists(counter)) {
      Files.move(counter, dir.resolve("nudge.count"));
    }
    Path after = portAfter(c) ? c.resolve("port.after") : c.resolve("after");
    assertThat(files(dir, dir)).as("files after the run").isEqualTo(files(after, dir));

    Path tmuxFixture = Files.exists(c.resolve("port.tmux")) ? c.resolve("port.tmux") : c.resolve("tmux");
    if (Files.exists(tmuxFixture)) {
      List<List<String>> want = calls(sub(read(tmuxFixture), dir));
      List<List<String>> got = calls(read(tmuxLog));
      assertThat(got).hasSameSizeAs(want);
      for (int i = 0; i < want.size(); i++) {
        List<String> w = want.get(i);
        List<String> g = got.get(i);
        assertThat(g).hasSameSizeAs(w);
        for (int k = 0; k < w.size(); k++) {
          if (k == 3) {
            assertThat(g.get(k)).as("nudge text").contains(args.get(1)).contains("PHASE:done");
          } else {
            assertThat(g.get(k)).isEqualTo(w.get(k));
          }
        }
      }
    } else {
      assertThat(tmuxLog).doesNotExist();
    }
  }

  @TestFactory
  Stream<DynamicTest> everyDeviationIsRealAndExplained() throws IOException {
    List<Path> deviating = new ArrayList<>();
    try (Stream<Path> all = Files.walk(FIXTURES, 2)) {
      all.filter(p -> p.getNameCount() - FIXTURES.getNameCount() == 2).sorted().forEach(c -> {
        try (Stream<Path> files = Files.list(c)) {
          if (files.anyMatch(f -> f.getFileName().toString().startsWith("port.") && !f.getFileName().toString().equals("port.contains"))) {
            deviating.add(c);
          }
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
    }
    assertThat(deviating).isNotEmpty();
    return deviating.stream().map(c -> DynamicTest.dynamicTest(c.getParent().getFileName() + "/" + c.getFileName(), () -> {
      assertThat(c.resolve("deviation.txt")).isNotEmptyFile();
      for (String name : List.of("rc", "stdout", "stderr", "tmux")) {
        if (Files.exists(c.resolve("port." + name))) {
          String original = Files.exists(c.resolve(name)) ? read(c.resolve(name)) : "";
          assertThat(read(c.resolve("port." + name))).isNotEqualTo(original);
        }
      }
      if (portAfter(c)) {
        Path none = Path.of("/nonexistent");
        assertThat(files(c.resolve("port.after"), none)).isNotEqualTo(files(c.resolve("after"), none));
      }
    }));
  }

  /**
   * Whether the port leaves other files than the original: a {@code port.after} folder, or a
   * {@code port.no-files} marker where it leaves none (git keeps no empty folder).
   */
  private static boolean portAfter(Path c) {
    return Files.exists(c.resolve("port.after")) || Files.exists(c.resolve("port.no-files"));
  }

  private static List<List<String>> calls(String log) {
    List<List<String>> calls = new ArrayList<>();
    List<String> current = new ArrayList<>();
    for (String line : log.split("\n")) {
      if (line.equals("--")) {
        calls.add(current);
        current = new ArrayList<>();
      } else if (!line.isEmpty() || !current.isEmpty()) {
        current.add(line);
      }
    }
    return calls;
  }

  private static Map<String, String> files(Path folder, Path dir) throws IOException {
    Map<String, String> m = new TreeMap<>();
    if (!Files.isDirectory(folder)) {
      return m;
    }
    try (Stream<Path> files = Files.list(folder)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        m.put(f.getFileName().toString(), sub(read(f), dir));
      }
    }
    return m;
  }

  private static String expected(Path c, String name) throws IOException {
    Path port = c.resolve("port." + name);
    return read(Files.exists(port) ? port : c.resolve(name));
  }

  private static String read(Path f) throws IOException {
    return Files.readString(f, StandardCharsets.UTF_8);
  }

  private static String sub(String s, Path dir) {
    return s.replace("@DIR@", dir.toString()).replace("@FACTORY@", FACTORY);
  }
}
