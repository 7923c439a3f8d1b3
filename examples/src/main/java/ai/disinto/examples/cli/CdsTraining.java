package ai.disinto.examples.cli;

import ai.disinto.core.Sleeper;
import ai.disinto.forge.client.ForgeClient;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The training runs of the class-data-sharing archives that {@code mvn package} writes next to the
 * jar, all used by {@code bin/disinto}: {@code disinto.jsa} for every command, {@code
 * disinto-text.jsa} for the text commands of {@link FastPath} and {@code disinto-forge.jsa} for
 * its forge commands (the fewer classes an archive holds, the less memory a call maps). Runs the
 * commands that scripts call most, in process, against a mock Forgejo on loopback (served by a
 * child JVM, so that its classes stay out), while the JVM lists the classes they load: {@code
 * java -XX:DumpLoadedClassList=disinto.classlist -cp disinto.jar
 * ai.disinto.examples.cli.CdsTraining [text|forge]}; {@code java -Xshare:dump} then makes the
 * archive of that list. What the commands print is thrown away.
 */
final class CdsTraining {
  private CdsTraining() {}

  /**
   * Runs the training calls.
   *
   * @param args {@code text} for the calls of the small archive ({@code disinto-text.jsa}), none
   *     for every trained call
   */
  public static void main(String[] args) throws IOException, InterruptedException {
    Main.nameLoggingBackend(); // as Main.main does, so that the archives hold the same path
    Warmup.forCommand(null); // loads the class: one class left out costs a jar read at every call
    Path root = Files.createTempDirectory("disinto-cds");
    Path seed = root.resolve("seed.json");
    Files.writeString(seed, SEED, StandardCharsets.UTF_8);
    // The mock serves from a child JVM, so that its classes stay out of the archive.
    Process forge = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "mock-forgejo", "--seed", seed.toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try {
      String baseUrl = new BufferedReader(new InputStreamReader(forge.getInputStream(),
          StandardCharsets.UTF_8)).readLine();
      if (baseUrl == null) {
        throw new IOException("the mock Forgejo did not start");
      }
      // The branch the trained `pr create` opens its PR from, so that the archives hold the
      // classes of a created PR (binding the answer), not only those of a refusal.
      ForgeClient.builder().baseUrl(baseUrl).repo("dev-bot/p").token("tok-dev").shortLived(true)
          .build().send("POST", "/branches", Map.of("new_branch_name", "feat",
              "old_branch_name", "main"));
      Map<String, String> env = new HashMap<>(System.getenv());
      env.putAll(Map.of("FORGE_URL", baseUrl, "FORGE_REPO", "dev-bot/p",
          "FORGE_TOKEN", "tok-dev", "FACTORY_ROOT", root.toString(), "PRIMARY_BRANCH", "main",
          "LOG_AGENT", "cds"));
      env.remove("LOGFILE");
      String set = args.length > 0 ? args[0] : "";
      List<List<String>> calls = set.equals("text") ? TEXT : set.equals("forge") ? FORGE : List.of(
          List.of("--help"), List.of("--version"), List.of("parse-deps", "--help"),
          List.of("parse-deps"), List.of("parse-deps", "--self", "1"),
          List.of("secrets", "scan"), List.of("secrets", "redact", "x"),
          List.of("issue", "claim", "1"), List.of("issue", "release", "1"),
          List.of("issue", "close", "1"), List.of("pr", "create", "feat", "T", "B"),
          List.of("pr", "merge", "2"), List.of("no-such-command"), List.of("batch"));
      for (List<String> call : calls) {
        String stdin = call.equals(List.of("batch")) ? BATCH_STDIN : STDIN;
        Main.execute(context(env, root, stdin), call.toArray(String[]::new));
      }
    } finally {
      forge.destroy();
      forge.waitFor();
      try (Stream<Path> files = Files.walk(root)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** The training of the small archive: the calls of {@link FastPath}, which load no picocli. */
  private static final List<List<String>> TEXT = List.of(
      List.of("parse-deps"), List.of("parse-deps", "--self", "1"), List.of("secrets", "scan"),
      List.of("secrets", "scan", "x"), List.of("secrets", "redact"));

  /**
   * The training of the forge archive: the forge calls of {@link FastPath}, and the text ones and
   * a batch, since {@code bin/disinto batch} maps this archive too.
   */
  private static final List<List<String>> FORGE = List.of(List.of("batch"),
      List.of("parse-deps"), List.of("secrets", "scan"), List.of("secrets", "redact"),
      List.of("issue", "claim", "1"), List.of("issue", "release", "1"),
      List.of("issue", "close", "1"), List.of("pr", "create", "feat", "T", "B"),
      List.of("pr", "merge", "2"), List.of("pr", "merge", "999"));

  /**
   * The standard input of every call: dependencies for parse-deps, and for the scanner text with
   * the shapes of a few common credentials (made up here, so that no literal token sits in the
   * source), so that the classes their expressions need are in the archives too.
   */
  private static final String STDIN = "Depends on #1 and #2\nsecret-free text\n"
      + "token ghp_" + "x1".repeat(18) + " key AKIA" + "X".repeat(16) + " sk-" + "a1".repeat(12)
      + "\nAuthorization: Bearer " + "b2".repeat(12) + "\nhttps://u:" + "p4ss".repeat(4)
      + "@forge.example/x?token=" + "t0k".repeat(4) + "\nAPI_KEY=" + "k3y".repeat(7) + "\n";

  /** The lines of a trained batch: the fast calls a script sends through one. */
  private static final String BATCH_STDIN = "parse-deps <<< 'Depends on #3'\nsecrets scan x\n"
      + "secrets redact 'token ghp_" + "x1".repeat(18) + "'\n";

  private static final String SEED = """
      {"users": [{"login": "dev-bot", "password": "pw-dev-123456", "tokens": ["tok-dev"]}],
       "repos": [{"full_name": "dev-bot/p",
         "labels": [{"name": "backlog", "color": "#0075ca"},
                    {"name": "in-progress", "color": "#1d76db"}],
         "issues": [{"title": "one", "labels": ["backlog"]}],
         "pulls": [{"title": "two", "head": "fix/2", "user": "dev-bot"}]}]}
      """;

  private static CliContext context(Map<String, String> env, Path root, String stdin) {
    PrintStream sink = new PrintStream(OutputStream.nullOutputStream(), true,
        StandardCharsets.UTF_8);
    return new CliContext(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), sink,
        sink, env, root, Clock.systemUTC(), Sleeper.system());
  }
}
