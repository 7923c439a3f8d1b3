package ai.disinto.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

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

  @ParameterizedTest
  @ValueSource(strings = {"parse-deps --help", "parse-deps --self", "parse-deps --self x",
      "parse-deps --self -3", "parse-deps extra", "secrets", "secrets scan -x", "secrets scan @f",
      "secrets scan a b", "secrets nope", "secrets scan --help", "--debug parse-deps",
      "parse-deps --debug", "validate-url x", "batch --help", "batch x"})
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
