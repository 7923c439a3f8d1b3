package ai.disinto.examples.cli.issue;

import ai.disinto.core.secrets.SecretScanner;
import ai.disinto.core.secrets.SecretsDetectedException;
import ai.disinto.examples.cli.CliCommand;
import ai.disinto.examples.cli.CliException;
import ai.disinto.examples.cli.Main;
import ai.disinto.examples.cli.forge.ForgeCli;
import ai.disinto.forge.client.ForgeException;
import ai.disinto.forge.tea.LabelNotFoundException;
import ai.disinto.forge.tea.TeaHelpers;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code disinto tea file-issue|relabel|comment|close}: the drop-ins for {@code tea_file_issue},
 * {@code tea_relabel}, {@code tea_comment} and {@code tea_close} of lib/tea-helpers.sh, which
 * formula-driven sessions call from their shell, over the REST API (no {@code tea} binary).
 *
 * <p>Exit codes as tea-helpers documents them: 0 done, 3 API error (an unknown label name
 * included), 4 potential secrets in the text (nothing was sent). {@code file-issue} prints the
 * new issue's number on stdout, so {@code n=$(disinto tea file-issue …)} captures it; with
 * {@code --vars} it prints {@code FILED_ISSUE_NUM=<number>} instead (the original's output
 * variable; printing both would spoil an {@code eval}). The other commands print nothing on
 * stdout: tea's own human-readable output has no equivalent worth parsing.
 */
@Command(
    name = "tea",
    description = "File, relabel, comment on and close issues (lib/tea-helpers.sh).",
    subcommands = {
      TeaCommand.FileIssue.class, TeaCommand.Relabel.class, TeaCommand.Comment.class,
      TeaCommand.Close.class
    })
public final class TeaCommand extends CliCommand {
  /** tea-helpers' return code for a failed API call. */
  public static final int EXIT_API_ERROR = 3;
  /** tea-helpers' return code for text that holds potential secrets. */
  public static final int EXIT_SECRETS = 4;

  /** Creates the command; picocli calls it. */
  public TeaCommand() {}

  @Override
  public Integer call() {
    throw new CliException(Main.EXIT_USAGE,
        "disinto tea: missing subcommand (file-issue | relabel | comment | close)");
  }

  /** What every leaf shares: the helpers and the mapping of failures to exit codes. */
  abstract static class Leaf extends CliCommand {
    TeaHelpers tea() {
      return new TeaHelpers(ForgeCli.client(factoryEnv(), ctx()), SecretScanner.defaults());
    }

    abstract int run() throws IOException;

    abstract String name();

    @Override
    public final Integer call() throws IOException {
      try {
        return run();
      } catch (SecretsDetectedException e) {
        throw new CliException(EXIT_SECRETS, "disinto: tea " + name() + ": " + e.getMessage(), e);
      } catch (ForgeException | LabelNotFoundException e) {
        throw new CliException(EXIT_API_ERROR, "disinto: tea " + name() + ": " + e.getMessage(),
            e);
      }
    }
  }

  /** {@code disinto tea file-issue [--vars] TITLE BODY [LABEL...]}. */
  @Command(name = "file-issue", description = "File an issue with the labels named; print its"
      + " number (tea_file_issue).")
  public static final class FileIssue extends Leaf {
    @Parameters(index = "0", paramLabel = "TITLE") String title;

    @Parameters(index = "1", paramLabel = "BODY") String body;

    @Parameters(index = "2..*", paramLabel = "LABEL", arity = "0..*") List<String> labels =
        new ArrayList<>();

    @Option(names = "--vars", description = "Print FILED_ISSUE_NUM=<number> instead.")
    boolean vars;

    /** Creates the command; picocli calls it. */
    public FileIssue() {}

    @Override
    String name() {
      return "file-issue";
    }

    @Override
    int run() {
      TeaHelpers.FiledIssue filed = tea().fileIssue(title, body, labels);
      if (vars) {
        printVar("FILED_ISSUE_NUM", Long.toString(filed.number()));
      } else {
        out().println(filed.number());
        out().flush();
      }
      return 0;
    }
  }

  /** {@code disinto tea relabel ISSUE [LABEL...]}. */
  @Command(name = "relabel", description = "Replace the labels of ISSUE with those named"
      + " (tea_relabel).")
  public static final class Relabel extends Leaf {
    @Parameters(index = "0", paramLabel = "ISSUE") long issue;

    @Parameters(index = "1..*", paramLabel = "LABEL", arity = "0..*") List<String> labels =
        new ArrayList<>();

    /** Creates the command; picocli calls it. */
    public Relabel() {}

    @Override
    String name() {
      return "relabel";
    }

    @Override
    int run() {
      tea().replaceLabels(issue, labels);
      return 0;
    }
  }

  /** {@code disinto tea comment ISSUE [BODY]}. */
  @Command(name = "comment", description = "Comment on ISSUE; BODY is read from stdin when"
      + " omitted (tea_comment).")
  public static final class Comment extends Leaf {
    @Parameters(index = "0", paramLabel = "ISSUE") long issue;

    @Parameters(index = "1", paramLabel = "BODY", arity = "0..1") String body;

    /** Creates the command; picocli calls it. */
    public Comment() {}

    @Override
    String name() {
      return "comment";
    }

    @Override
    int run() throws IOException {
      String text = argumentOrStdin(body);
      if (text.isEmpty()) {
        throw new CliException(Main.EXIT_USAGE, "disinto: tea comment: the body is empty");
      }
      tea().comment(issue, text);
      return 0;
    }
  }

  /** {@code disinto tea close ISSUE}. */
  @Command(name = "close", description = "Close ISSUE (tea_close).")
  public static final class Close extends Leaf {
    @Parameters(index = "0", paramLabel = "ISSUE") long issue;

    /** Creates the command; picocli calls it. */
    public Close() {}

    @Override
    String name() {
      return "close";
    }

    @Override
    int run() {
      tea().close(issue);
      return 0;
    }
  }
}
