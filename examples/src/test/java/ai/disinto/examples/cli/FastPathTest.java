package ai.disinto.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.testkit.forgejo.MockForgejo;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * The calls {@link FastPath} takes give exactly what the same command gives through picocli, and
 * every other shape goes to picocli; a call registers only the command it invokes.
 */
class FastPathTest {
  private static final String BODY = "Depends on #4, #12 and #4\n";
  private static final String SECRET = "key sk-ant-abcdefghijklmnopqrstuvwxyz0123456789 end";

  /** The same command run through picocli (the fast path bypassed by a harmless --debug). */
  private static InProcess.Result viaPicocli(String stdin, String... args) {
    String[] withDebug = new String[args.length + 1];
    System.arraycopy(args, 0, withDebug, 0, args.length);
    withDebug[args.length] = "--debug";
    return InProcess.run(java.util.Map.of(), stdin, withDebug);
  }

  @Test
  void fastCallsMatchThePicocliPath() {
    List<String[]> calls = List.of(new String[] {"parse-deps"},
        new String[] {"parse-deps", "--self", "12"}, new String[] {"parse-deps", "--self=4"},
        new String[] {"secrets", "scan"}, new String[] {"secrets", "scan", SECRET},
        new String[] {"secrets", "scan", ""}, new String[] {"secrets", "redact", SECRET},
        new String[] {"secrets", "redact"}, new String[] {"batch"});
    for (String[] call : calls) {
      String stdin = call[0].equals("parse-deps") ? BODY
          : call[0].equals("batch") ? "parse-deps <<< '" + BODY.trim() + "'\nsecrets scan x\n"
          : SECRET;
      assertThat(FastPath.match(call)).as(String.join(" ", call)).isNotNull();
      InProcess.Result fast = InProcess.run(java.util.Map.of(), stdin, call);
      InProcess.Result slow = viaPicocli(stdin, call);
      assertThat(fast.exitCode()).as(String.join(" ", call)).isEqualTo(slow.exitCode());
      assertThat(fast.stdout()).as(String.join(" ", call)).isEqualTo(slow.stdout());
      assertThat(fast.stderr()).as(String.join(" ", call)).isEqualTo(slow.stderr());
    }
  }

  /** The forge commands of the fast path, each on its own fresh forge of the same seed. */
  @ParameterizedTest
  @ValueSource(strings = {"issue claim 1", "issue claim 0", "issue claim 99", "issue release 2",
      "issue close 2", "pr merge 3", "pr merge 3 message", "pr merge 98",
      "pr create fix/issue-7 title body", "pr create fix/issue-7 title body main",
      "pr create fix/none title body"})
  void fastForgeCallsMatchThePicocliPath(String line) {
    String[] call = line.split(" ");
    assertThat(FastPath.match(call)).as(line).isNotNull();
    Forged fast = onFreshForge(env -> InProcess.run(env, "", call));
    Forged slow = onFreshForge(env -> InProcess.runViaPicocli(env, "", call));
    assertThat(fast.result().exitCode()).as(line).isEqualTo(slow.result().exitCode());
    assertThat(fast.result().stdout()).as(line).isEqualTo(slow.result().stdout());
    assertThat(fast.result().stderr()).as(line).isEqualTo(slow.result().stderr());
    assertThat(fast.requests()).as(line).isEqualTo(slow.requests());
  }

  private static final String UUID = "[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}";

  private record Forged(InProcess.Result result, List<String> requests) {}

  private static Forged onFreshForge(
      java.util.function.Function<java.util.Map<String, String>, InProcess.Result> run) {
    try (MockForgejo forge = MockForgejo.start()) {
      String repo = "o/r";
      forge.seed().user("dev-bot", u -> u.password("pw-dev").token("tok-dev-0123"));
      forge.seed().repo(repo, r -> r.collaborator("dev-bot", "write"));
      forge.seed().label(repo, "backlog", "#0075ca");
      forge.seed().label(repo, "in-progress", "#e4e669");
      forge.seed().issue(repo, i -> i.title("one").labels("backlog"));
      forge.seed().issue(repo, i -> i.title("two").labels("in-progress").assignees("dev-bot"));
      forge.seed().pull(repo, p -> p.head("fix/issue-3").title("Fix").author("dev-bot"));
      forge.seed().branch(repo, "fix/issue-7", "main");
      forge.pushBranch(repo, "fix/issue-7", null);
      forge.clearJournal();
      InProcess.Result r = run.apply(java.util.Map.of("FACTORY_ROOT",
          System.getProperty("java.io.tmpdir"), "FORGE_URL", forge.baseUrl(), "FORGE_REPO", repo,
          "FORGE_TOKEN", "tok-dev-0123", "PRIMARY_BRANCH", "main", "LOG_AGENT", "dev"));
      return new Forged(r, forge.journal().stream()
          .map(q -> (q.method() + " " + q.apiTarget()).replaceAll(UUID, "UUID")).toList());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"parse-deps --help", "parse-deps --self", "parse-deps --self x",
      "parse-deps --self -3", "parse-deps extra", "secrets", "secrets scan -x", "secrets scan @f",
      "secrets scan a b", "secrets nope", "secrets scan --help", "--debug parse-deps",
      "parse-deps --debug", "validate-url x", "batch --help", "batch x", "issue claim",
      "issue claim -1", "issue claim +1", "issue claim 0x1", "issue claim 1 2", "issue block 1 r",
      "issue claim --help", "issue nope 1", "pr merge", "pr merge x", "pr merge 3 --vars",
      "pr merge 3 -m", "pr merge 3 @msg", "pr merge 3 a b", "pr create a b",
      "pr create a b c d e f", "pr create a -b c", "pr find a", "pr", "--dry-run pr merge 3"})
  void otherShapesGoToPicocli(String line) {
    assertThat(FastPath.match(line.split(" "))).isNull();
  }

  @Test
  void aCallRegistersOnlyTheCommandItInvokes() {
    CommandLine one = new CommandLine(new DisintoCommand(null, null, null));
    DisintoCommand.register(one, "--debug", "issue", "claim", "7");
    assertThat(one.getSubcommands().keySet()).containsExactly("issue");

    CommandLine dry = new CommandLine(new DisintoCommand(null, null, null));
    DisintoCommand.register(dry, "--dry-run", "pr", "merge", "7");
    assertThat(dry.getSubcommands().keySet()).containsExactly("pr");

    CommandLine help = new CommandLine(new DisintoCommand(null, null, null));
    DisintoCommand.register(help, "--help");
    assertThat(help.getSubcommands().keySet())
        .containsExactlyElementsOf(DisintoCommand.SUBCOMMANDS.stream()
            .map(DisintoCommand.Subcommand::name).toList());

    CommandLine unknown = new CommandLine(new DisintoCommand(null, null, null));
    DisintoCommand.register(unknown, "no-such-command", "x");
    assertThat(unknown.getSubcommands()).hasSameSizeAs(DisintoCommand.SUBCOMMANDS);
  }

  @Test
  void everyListedNameIsTheCommandsOwnName() {
    for (DisintoCommand.Subcommand s : DisintoCommand.SUBCOMMANDS) {
      CommandLine.Command c = s.type().getAnnotation(CommandLine.Command.class);
      assertThat(c.name()).as(s.type().getName()).isEqualTo(s.name());
    }
  }

  @Test
  void rootHelpStillListsEveryCommandWithItsDescription() {
    InProcess.Result r = InProcess.run("--help");
    for (DisintoCommand.Subcommand s : DisintoCommand.SUBCOMMANDS) {
      assertThat(r.stdout()).as(s.name()).containsPattern("(?m)^  " + s.name() + " +\\S");
    }
  }
}
