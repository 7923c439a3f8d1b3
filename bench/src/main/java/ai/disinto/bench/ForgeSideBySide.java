package ai.disinto.bench;

import ai.disinto.core.secrets.SecretScanner;
import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.RetryPolicy;
import ai.disinto.forge.issues.IssueLifecycle;
import ai.disinto.forge.pulls.PullRequests;
import ai.disinto.testkit.forgejo.MockForgejo;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.function.LongFunction;

/**
 * The forge operations side by side against one mock Forgejo on the loopback, each on a fresh
 * issue or PR: the original's shell function (sourced from the original {@code lib/}), {@code
 * bin/disinto} (one JVM per call), the library in process (a warm client, as in an agent), and
 * the requests each call made (from the mock's journal). Also 100 operations through one {@code
 * disinto batch} against 100 shell calls, and {@code java -version} as the floor of any JVM call.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar ai.disinto.bench.ForgeSideBySide \
 *     --lib /tmp/orig/lib --launcher bin/disinto [--iterations 10]
 * </pre>
 *
 * <p>Prints a Markdown table of medians in milliseconds (wall time per call, process start
 * included for the shell and CLI columns).
 */
public final class ForgeSideBySide {
  private static final String REPO = "o/r";
  private static final String TOKEN = "tok-bench-0123";

  private final Path lib;
  private final Path launcher;
  private final int iterations;
  private final PrintStream out = System.out;
  private final MockForgejo forge;
  private final Map<String, String> env = new HashMap<>();
  private final Path work;
  private int nextBranch;

  private ForgeSideBySide(Path lib, Path launcher, int iterations) throws IOException {
    this.lib = lib;
    this.launcher = launcher;
    this.iterations = iterations;
    this.forge = MockForgejo.start();
    this.work = Files.createTempDirectory("disinto-forge-bench");
    forge.seed().user("dev-bot", u -> u.password("pw-dev-0123").token(TOKEN));
    forge.seed().repo(REPO, r -> r.collaborator("dev-bot", "write"));
    forge.seed().label(REPO, "backlog", "#0075ca");
    forge.seed().label(REPO, "in-progress", "#1d76db");
    forge.seed().label(REPO, "blocked", "#e11d48");
    env.putAll(System.getenv());
    env.remove("LOGFILE");
    env.put("FORGE_URL", forge.baseUrl());
    env.put("FORGE_REPO", REPO);
    env.put("FORGE_TOKEN", TOKEN);
    env.put("FORGE_API", forge.baseUrl() + "/api/v1/repos/" + REPO);
    env.put("PRIMARY_BRANCH", "main");
    env.put("FACTORY_ROOT", work.toString());
  }

  /**
   * Runs the comparison and prints the table.
   *
   * @param args {@code --lib DIR --launcher FILE [--iterations N]}
   * @throws Exception when a process cannot be run or an argument is wrong
   */
  public static void main(String[] args) throws Exception {
    Path lib = null;
    Path launcher = null;
    int iterations = 10;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--lib" -> lib = Path.of(args[i + 1]);
        case "--launcher" -> launcher = Path.of(args[i + 1]);
        case "--iterations" -> iterations = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (lib == null || !Files.isRegularFile(lib.resolve("issue-lifecycle.sh"))) {
      throw new IllegalArgumentException("--lib must name the original lib/ directory");
    }
    if (launcher == null || !Files.isExecutable(launcher)) {
      throw new IllegalArgumentException("--launcher must name an executable bin/disinto");
    }
    ForgeSideBySide b = new ForgeSideBySide(lib, launcher, Math.max(1, iterations));
    try {
      b.run();
    } finally {
      b.forge.close();
    }
  }

  private long issue() {
    return forge.seed().issue(REPO, i -> i.title("work").labels("backlog"));
  }

  private String branch() {
    String name = "fix/bench-" + (++nextBranch);
    forge.seed().branch(REPO, name, "main");
    forge.pushBranch(REPO, name, null);
    return name;
  }

  private long pull() {
    String head = "merge/bench-" + (++nextBranch);
    return forge.seed().pull(REPO, p -> p.head(head).title("Fix " + head).author("dev-bot")
        .file("f-" + head.replace('/', '-') + ".txt", "x\n"));
  }

  /** One row: how to set up a fresh subject, and the three ways to act on it. */
  private record Op(String name, LongFunction<Object> subject, LongFunction<List<String>> shell,
      LongFunction<List<String>> cli, LongConsumer api) {}

  private void run() throws IOException, InterruptedException {
    ForgeClient client = ForgeClient.builder().baseUrl(forge.baseUrl()).repo(REPO).token(TOKEN)
        .retryPolicy(RetryPolicy.none()).build();
    IssueLifecycle lifecycle = new IssueLifecycle(client, SecretScanner.defaults(),
        Clock.systemUTC());
    PullRequests prs = PullRequests.builder(client).build();
    String l = lib.toString();
    String bin = launcher.toString();
    Map<Long, String> branches = new HashMap<>();
    List<Op> ops = List.of(
        new Op("issue claim", k -> issue(),
            n -> sh(l + "/issue-lifecycle.sh", "issue_claim " + n),
            n -> List.of(bin, "issue", "claim", Long.toString(n)),
            n -> lifecycle.claim(n)),
        new Op("pr create", k -> null,
            n -> sh(l + "/pr-lifecycle.sh", "pr_create " + branches.get(n) + " T B"),
            n -> List.of(bin, "pr", "create", branches.get(n), "T", "B"),
            n -> prs.create(branches.get(n), "T", "B")),
        new Op("pr merge", k -> pull(),
            n -> sh(l + "/pr-lifecycle.sh", "pr_merge " + n),
            n -> List.of(bin, "pr", "merge", Long.toString(n)),
            n -> prs.merge(n, null)));
    out.printf(Locale.ROOT, "Forge operations side by side: median of %d calls each, each on a"
        + " fresh subject; %d cores; %s %s%n%n", iterations,
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
        System.getProperty("java.version"));
    out.println("| operation | shell ms | bin/disinto ms | in-process ms | requests shell |"
        + " requests CLI | requests in-process |");
    out.println("|---|--:|--:|--:|--:|--:|--:|");
    for (Op op : ops) {
      long[][] cells = new long[3][];
      int[] requests = new int[3];
      for (int way = 0; way < 3; way++) {
        long[] nanos = new long[iterations + 1];
        for (int i = 0; i <= iterations; i++) {
          long n;
          if (op.name().equals("pr create")) {
            n = i + 1_000_000L * (way + 1);
            branches.put(n, branch());
          } else {
            n = (Long) op.subject().apply(i);
          }
          forge.clearJournal();
          long start = System.nanoTime();
          if (way == 0) {
            exec(op.shell().apply(n));
          } else if (way == 1) {
            exec(op.cli().apply(n));
          } else {
            op.api().accept(n);
          }
          nanos[i] = System.nanoTime() - start;
          requests[way] = forge.journal().size();
        }
        cells[way] = java.util.Arrays.copyOfRange(nanos, 1, nanos.length); // first: warm-up
      }
      out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.2f | %d | %d | %d |%n", op.name(),
          ms(cells[0]), ms(cells[1]), ms(cells[2]), requests[0], requests[1], requests[2]);
    }
    batchRow(bin, l);
    long[] floor = new long[iterations];
    for (int i = 0; i < iterations; i++) {
      long start = System.nanoTime();
      exec(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-version"));
      floor[i] = System.nanoTime() - start;
    }
    out.printf(Locale.ROOT, "| java -version (floor) | | %.1f | | | | |%n", ms(floor));
  }

  /** 100 parse-deps calls: one process each for the shell, one batch for the CLI. */
  private void batchRow(String bin, String l) throws IOException, InterruptedException {
    String body = Corpus.issueBodyTypical();
    Path bodyFile = work.resolve("body.txt");
    Files.writeString(bodyFile, body, StandardCharsets.UTF_8);
    StringBuilder script = new StringBuilder();
    String quoted = "'" + body.replace("'", "'\\''").replace("\n", " ") + "'";
    for (int i = 0; i < 100; i++) {
      script.append(i % 2 == 0 ? "parse-deps <<< " + quoted : "secrets scan " + quoted)
          .append('\n');
    }
    Path scriptFile = work.resolve("batch.txt");
    Files.writeString(scriptFile, script, StandardCharsets.UTF_8);
    String shellLoop = "for i in $(seq 50); do bash \"$0/parse-deps.sh\" < \"$1\" >/dev/null;"
        + " bash -c 'source \"$0/secret-scan.sh\"; scan_for_secrets' \"$0\" < \"$1\"; done";
    int runs = Math.max(3, iterations / 3);
    long[] shell = new long[runs];
    long[] batch = new long[runs];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      exec(List.of("bash", "-c", shellLoop, l, bodyFile.toString()));
      shell[i] = System.nanoTime() - start;
      start = System.nanoTime();
      exec(List.of(bin, "batch"), scriptFile);
      batch[i] = System.nanoTime() - start;
    }
    out.printf(Locale.ROOT, "| 100 ops (parse-deps, secrets scan): 100 shell calls vs one"
        + " disinto batch | %.1f | %.1f | | | | |%n", ms(shell), ms(batch));
  }

  private static List<String> sh(String file, String call) {
    return List.of("bash", "-c", "source \"$0\"; " + call, file);
  }

  private void exec(List<String> command) throws IOException, InterruptedException {
    exec(command, null);
  }

  private void exec(List<String> command, Path stdin) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD);
    if (stdin != null) {
      pb.redirectInput(stdin.toFile());
    }
    pb.environment().clear();
    pb.environment().putAll(env);
    pb.start().waitFor();
  }

  private static double ms(long[] nanos) {
    return SideBySide.median(nanos) / 1e6;
  }
}
