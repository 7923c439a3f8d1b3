package ai.disinto.bench;

import ai.disinto.core.deps.DependencyParser;
import ai.disinto.core.secrets.SecretScanner;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Runs the original shell scripts and their Java drop-ins side by side, the way scripts call them
 * (one process per call), and prints the median time per call and how often the outputs differ.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar ai.disinto.bench.SideBySide \
 *     --lib /tmp/orig/lib --jar examples/target/disinto.jar \
 *     [--iterations 20] [--fixtures core/src/test/resources/parity] [--launcher bin/disinto]
 * </pre>
 *
 * <p>{@code --lib} is the original's {@code lib/} directory, checked out by the user outside this
 * repository (it is never committed here). Two drop-ins are compared: {@code bash lib/parse-deps.sh
 * < body} against {@code java -jar disinto.jar parse-deps < body}, and {@code scan_for_secrets}
 * (sourced from {@code lib/secret-scan.sh}, text on stdin) against {@code disinto secrets scan};
 * each also against the in-process Java API and, with {@code --launcher}, against {@code
 * bin/disinto} (which adds the launcher's JVM options). Timing uses the {@link Corpus} texts. Outputs (exit
 * code and stdout) are compared on the corpus texts and, with {@code --fixtures}, on every parity
 * fixture input; differences the fixtures document as deliberate are counted apart.
 */
public final class SideBySide {
  private static final int IN_PROCESS_WARMUP = 500;
  private static final int IN_PROCESS_CALLS = 200;

  private final Path lib;
  private final Path jar;
  private final int iterations;
  private final Optional<Path> fixtures;
  private final Optional<Path> launcher;
  private final PrintStream out;
  private final Path work;

  private SideBySide(Path lib, Path jar, int iterations, Optional<Path> fixtures,
      Optional<Path> launcher, PrintStream out) throws IOException {
    this.lib = lib;
    this.jar = jar;
    this.iterations = iterations;
    this.fixtures = fixtures;
    this.launcher = launcher;
    this.out = out;
    this.work = Files.createTempDirectory("disinto-side-by-side");
  }

  /**
   * Runs the comparison and prints the tables.
   *
   * @param args {@code --lib DIR --jar FILE [--iterations N] [--fixtures DIR] [--launcher FILE]}
   * @throws Exception when a process cannot be run or an argument is wrong
   */
  public static void main(String[] args) throws Exception {
    Path lib = null;
    Path jar = null;
    int iterations = 20;
    Path fixtures = null;
    Path launcher = null;
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--lib" -> lib = Path.of(required(args[i], value));
        case "--jar" -> jar = Path.of(required(args[i], value));
        case "--iterations" -> iterations = Integer.parseInt(required(args[i], value));
        case "--fixtures" -> fixtures = Path.of(required(args[i], value));
        case "--launcher" -> launcher = Path.of(required(args[i], value));
        default -> throw new IllegalArgumentException("unknown argument " + args[i]
            + "; usage: --lib DIR --jar FILE [--iterations N] [--fixtures DIR]"
            + " [--launcher FILE]");
      }
      i++;
    }
    if (lib == null || !Files.isRegularFile(lib.resolve("parse-deps.sh"))
        || !Files.isRegularFile(lib.resolve("secret-scan.sh"))) {
      throw new IllegalArgumentException("--lib must name the original lib/ directory");
    }
    if (jar == null || !Files.isRegularFile(jar)) {
      throw new IllegalArgumentException("--jar must name examples/target/disinto.jar");
    }
    if (iterations < 1) {
      throw new IllegalArgumentException("--iterations must be at least 1");
    }
    if (launcher != null && !Files.isExecutable(launcher)) {
      throw new IllegalArgumentException("--launcher must name an executable bin/disinto");
    }
    SideBySide runner = new SideBySide(lib, jar, iterations, Optional.ofNullable(fixtures),
        Optional.ofNullable(launcher), System.out);
    try {
      runner.run();
    } finally {
      try (Stream<Path> files = Files.walk(runner.work)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static String required(String flag, String value) {
    if (value == null) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return value;
  }

  /** One drop-in: how to run the original, the jar, and the in-process API on a text. */
  private record Tool(String name, String fixtureDir, List<String> shell, List<String> jarArgs,
      List<String> launcherArgs, Function<String, Outcome> api) {}

  private List<Tool> tools() {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> jarCmd = List.of(javaBin, "-jar", jar.toString());
    List<String> launcherCmd = List.of(launcher.map(Path::toString).orElse("disinto"));
    SecretScanner scanner = SecretScanner.defaults();
    return List.of(
        new Tool("parse-deps", "parse-deps",
            List.of("bash", lib.resolve("parse-deps.sh").toString()),
            concat(jarCmd, "parse-deps"),
            concat(launcherCmd, "parse-deps"),
            body -> new Outcome(0, lines(DependencyParser.parse(body)))),
        new Tool("secrets scan", "secret-scan",
            List.of("bash", "-c", "source \"$0\"; scan_for_secrets",
                lib.resolve("secret-scan.sh").toString()),
            concat(jarCmd, "secrets", "scan"),
            concat(launcherCmd, "secrets", "scan"),
            text -> new Outcome(scanner.scan(text).clean() ? 0 : 1, "")));
  }

  private void run() throws IOException, InterruptedException {
    List<Tool> tools = tools();
    out.printf(Locale.ROOT, "Side by side: %d process calls per cell, in-process median of %d "
        + "calls after %d warm-up calls; %d cores; %s%n%n", iterations, IN_PROCESS_CALLS,
        IN_PROCESS_WARMUP, Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    out.printf(Locale.ROOT, "| %-12s | %-16s | %7s | %9s | %12s |%s %13s |%n",
        "drop-in", "input", "bytes", "shell ms", "java -jar ms",
        launcher.isPresent() ? " bin/disinto ms |" : "", "in-process ms");
    out.println("|--------------|------------------|--------:|----------:|-------------:|"
        + (launcher.isPresent() ? "---------------:|" : "") + "--------------:|");
    List<String[]> inputs = List.of(
        new String[] {"parse-deps", "issue-typical", Corpus.issueBodyTypical()},
        new String[] {"parse-deps", "issue-large-64k", Corpus.issueBodyLarge()},
        new String[] {"secrets scan", "pr-body-4k", Corpus.prBody4k()},
        new String[] {"secrets scan", "ci-log-64k", Corpus.ciLog64k()});
    Tally tally = new Tally();
    for (String[] input : inputs) {
      Tool tool = tools.stream().filter(t -> t.name().equals(input[0])).findFirst().orElseThrow();
      Path file = write(input[1], input[2]);
      double shellMs = medianMs(() -> exec(tool.shell(), file).outcome());
      double jarMs = medianMs(() -> exec(tool.jarArgs(), file).outcome());
      String launcherCell = "";
      if (launcher.isPresent()) {
        double launcherMs = medianMs(() -> exec(tool.launcherArgs(), file).outcome());
        launcherCell = String.format(Locale.ROOT, " %14.1f |", launcherMs);
      }
      double apiMs = inProcessMedianMs(tool.api(), input[2]);
      out.printf(Locale.ROOT, "| %-12s | %-16s | %7d | %9.1f | %12.1f |%s %13.4f |%n",
          tool.name(), input[1], input[2].getBytes(StandardCharsets.UTF_8).length, shellMs, jarMs,
          launcherCell, apiMs);
      tally.add(tool, input[1], file, input[2], Optional.empty(), Optional.empty());
    }
    if (fixtures.isPresent()) {
      for (Tool tool : tools) {
        Path dir = fixtures.get().resolve(tool.fixtureDir());
        try (Stream<Path> cases = Files.list(dir)) {
          for (Path c : cases.sorted().filter(p -> Files.isRegularFile(p.resolve("input")))
              .toList()) {
            String text = Files.readString(c.resolve("input"), StandardCharsets.UTF_8);
            tally.add(tool, c.getFileName().toString(), c.resolve("input"), text,
                recorded(tool, c), documented(tool, c));
          }
        }
      }
    }
    tally.print();
  }

  /** Counts agreements between the shell, the jar and the in-process API. */
  private final class Tally {
    int compared;
    int match;
    int documented;
    int unrecordedShell;
    int jarVersusApi;
    final List<String> mismatches = new ArrayList<>();
    final List<String> deviations = new ArrayList<>();

    void add(Tool tool, String name, Path file, String text, Optional<Outcome> recordedShell,
        Optional<Outcome> documentedPort) throws IOException, InterruptedException {
      Outcome shell = exec(tool.shell(), file).outcome();
      Outcome jarOut = exec(tool.jarArgs(), file).outcome();
      Outcome api = tool.api().apply(text);
      compared++;
      if (recordedShell.isPresent() && !recordedShell.get().equals(shell)) {
        unrecordedShell++;
      }
      if (!jarOut.equals(api)) {
        jarVersusApi++;
        mismatches.add(tool.name() + " " + name + ": jar " + jarOut + " vs in-process " + api);
      }
      switch (OutputComparator.compare(shell, jarOut, documentedPort)) {
        case MATCH -> match++;
        case DOCUMENTED_DEVIATION -> {
          documented++;
          deviations.add(tool.name() + " " + name);
        }
        case MISMATCH -> mismatches.add(
            tool.name() + " " + name + ": shell " + shell + " vs java " + jarOut);
      }
    }

    void print() {
      out.printf(Locale.ROOT, "%nOutputs (exit code + stdout) compared on %d inputs: %d equal, "
          + "%d documented deviations, %d mismatches (shell vs java -jar); java -jar vs "
          + "in-process: %d mismatches%n", compared, match, documented,
          compared - match - documented, jarVersusApi);
      if (fixtures.isPresent()) {
        out.printf(Locale.ROOT, "Local shell differs from the fixture's recorded original "
            + "output on %d inputs (awk/grep/sed flavour of this machine)%n", unrecordedShell);
      }
      if (!deviations.isEmpty()) {
        out.println("Documented deviations: " + String.join(", ", deviations));
      }
      mismatches.forEach(m -> out.println("MISMATCH " + m));
    }
  }

  /** The original's outcome as the fixture recorded it. */
  private static Optional<Outcome> recorded(Tool tool, Path c) throws IOException {
    if (tool.fixtureDir().equals("parse-deps")) {
      return Optional.of(new Outcome(intFile(c.resolve("rc")), Files.readString(c.resolve("stdout"))));
    }
    return Optional.of(new Outcome(intFile(c.resolve("scan.rc")), ""));
  }

  /** The port's outcome when the fixture documents a deliberate deviation. */
  private static Optional<Outcome> documented(Tool tool, Path c) throws IOException {
    if (!Files.isRegularFile(c.resolve("deviation.txt"))) {
      return Optional.empty();
    }
    Outcome original = recorded(tool, c).orElseThrow();
    if (tool.fixtureDir().equals("parse-deps")) {
      Path port = c.resolve("port.stdout");
      return Optional.of(new Outcome(original.exitCode(),
          Files.isRegularFile(port) ? Files.readString(port) : original.stdout()));
    }
    Path port = c.resolve("port.scan.rc");
    return Optional.of(new Outcome(
        Files.isRegularFile(port) ? intFile(port) : original.exitCode(), ""));
  }

  private static int intFile(Path p) throws IOException {
    return Integer.parseInt(Files.readString(p).trim());
  }

  /** A call whose median is taken. */
  private interface Call {
    Outcome run() throws IOException, InterruptedException;
  }

  private double medianMs(Call call) throws IOException, InterruptedException {
    call.run(); // one unmeasured call: page cache, first-touch of the jar
    long[] nanos = new long[iterations];
    for (int i = 0; i < iterations; i++) {
      long start = System.nanoTime();
      call.run();
      nanos[i] = System.nanoTime() - start;
    }
    return median(nanos) / 1e6;
  }

  private static double inProcessMedianMs(Function<String, Outcome> api, String text) {
    int sink = 0;
    for (int i = 0; i < IN_PROCESS_WARMUP; i++) {
      sink += api.apply(text).exitCode();
    }
    long[] nanos = new long[IN_PROCESS_CALLS];
    for (int i = 0; i < IN_PROCESS_CALLS; i++) {
      long start = System.nanoTime();
      sink += api.apply(text).stdout().length();
      nanos[i] = System.nanoTime() - start;
    }
    if (sink == Integer.MIN_VALUE) {
      System.out.print(""); // keeps the results alive
    }
    return median(nanos) / 1e6;
  }

  static double median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
  }

  /** The result of one process. */
  private record Exec(Outcome outcome, String stderr) {}

  private Exec exec(List<String> command, Path stdin) throws IOException, InterruptedException {
    Path stdout = work.resolve("stdout");
    Path stderr = work.resolve("stderr");
    Process p = new ProcessBuilder(command)
        .redirectInput(stdin.toFile())
        .redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile())
        .start();
    int rc = p.waitFor();
    return new Exec(new Outcome(rc, Files.readString(stdout, StandardCharsets.UTF_8)),
        Files.readString(stderr, StandardCharsets.UTF_8));
  }

  private Path write(String name, String text) throws IOException {
    Path file = work.resolve(name + ".txt");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  private static String lines(List<Long> numbers) {
    StringBuilder b = new StringBuilder();
    numbers.forEach(n -> b.append(n).append('\n'));
    return b.toString();
  }

  private static List<String> concat(List<String> head, String... tail) {
    List<String> all = new ArrayList<>(head);
    all.addAll(List.of(tail));
    return all;
  }
}
