package ai.disinto.examples.cli.issue;

import ai.disinto.core.config.FactoryEnv;
import ai.disinto.core.secrets.SecretScanner;
import ai.disinto.examples.cli.CliCommand;
import ai.disinto.examples.cli.CliException;
import ai.disinto.examples.cli.Main;
import ai.disinto.examples.cli.forge.ForgeCli;
import ai.disinto.forge.client.ForgeException;
import ai.disinto.forge.issues.ClaimResult;
import ai.disinto.forge.issues.DependencyStatus;
import ai.disinto.forge.issues.IssueLifecycle;
import java.io.IOException;
import java.time.Clock;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code disinto issue claim|release|block|close|check-deps|suggest-next|refuse}: the drop-ins for
 * {@code issue_claim}, {@code issue_release}, {@code issue_block}, {@code issue_close}, {@code
 * issue_check_deps}, {@code issue_suggest_next} and {@code issue_post_refusal} of
 * lib/issue-lifecycle.sh, with the same arguments in the same order.
 *
 * <p>The exit code is the function's return code: {@code claim} 0 when claimed and 1 otherwise
 * (assigned to someone else, lost race, or a failed request), {@code check-deps} 0 ready and 1
 * blocked, {@code suggest-next} 0 found and 1 none, the others 0, also when a request failed (the
 * original's {@code || true}; the log line then says what failed, never that it was done). One
 * addition: {@code check-deps} exits 2 when the issue itself cannot be read (the original then
 * said "ready"; a caller testing for 0 now waits instead). An issue number below 1 is a usage
 * error (64) and sends no request. The functions print nothing on stdout; their log lines go to
 * stderr,
 * or to {@code LOGFILE} when it is set. With {@code --vars}, {@code check-deps} prints {@code
 * _ISSUE_BLOCKED_BY=<numbers separated by spaces>} and {@code _ISSUE_SUGGESTION=<number>}, and
 * {@code suggest-next} prints {@code _ISSUE_NEXT=<number>} (values empty when unset).
 */
@Command(
    name = "issue",
    description = "Issue lifecycle of the dev agent (lib/issue-lifecycle.sh).",
    subcommands = {
      IssueCommand.Claim.class, IssueCommand.Release.class, IssueCommand.Block.class,
      IssueCommand.Close.class, IssueCommand.CheckDeps.class, IssueCommand.SuggestNext.class,
      IssueCommand.Refuse.class
    })
public final class IssueCommand extends CliCommand {
  /** Creates the command; picocli calls it. */
  public IssueCommand() {}

  @Override
  public Integer call() {
    throw new CliException(Main.EXIT_USAGE, "disinto issue: missing subcommand (claim | release"
        + " | block | close | check-deps | suggest-next | refuse)");
  }

  /**
   * The {@code claim}, {@code release} or {@code close} of {@code issue}, built without a picocli
   * model for the CLI's fast path (the same class picocli runs, its field set here).
   *
   * @param subcommand the subcommand word
   * @param issue the issue number as picocli would have parsed it
   * @return the command, or {@code null} for any other subcommand
   */
  public static CliCommand withoutPicocli(String subcommand, long issue) {
    switch (subcommand) {
      case "claim" -> {
        Claim c = new Claim();
        c.issue = issue;
        return c;
      }
      case "release" -> {
        Release c = new Release();
        c.issue = issue;
        return c;
      }
      case "close" -> {
        Close c = new Close();
        c.issue = issue;
        return c;
      }
      default -> {
        return null;
      }
    }
  }

  /** What every leaf shares: the lifecycle of the configured repository. */
  abstract static class Leaf extends CliCommand {
    IssueLifecycle lifecycle() {
      FactoryEnv env = factoryEnv();
      return new IssueLifecycle(ForgeCli.client(env, ctx()), SecretScanner.defaults(),
          clock());
    }

    /** The issue number, checked before anything is asked of the forge. */
    long issueNumber(long issue) {
      if (issue <= 0) {
        throw new CliException(Main.EXIT_USAGE,
            "disinto issue: ISSUE must be a positive issue number, not " + issue);
      }
      return issue;
    }
  }

  /** {@code disinto issue claim ISSUE}. */
  @Command(name = "claim", description = "Assign ISSUE to this agent and mark it in-progress;"
      + " exit 1 when someone else holds it or a request fails (issue_claim).")
  public static final class Claim extends Leaf {
    @Parameters(index = "0", paramLabel = "ISSUE") long issue;

    /** Creates the command; picocli calls it. */
    public Claim() {}

    @Override
    public Integer call() {
      long n = issueNumber(issue);
      ClaimResult result = lifecycle().claim(n);
      return result.claimed() ? 0 : 1;
    }
  }

  /** {@code disinto issue release ISSUE}. */
  @Command(name = "release", description = "Unassign ISSUE and put it back in the backlog"
      + " (issue_release).")
  public static final class Release extends Leaf {
    @Parameters(index = "0", paramLabel = "ISSUE") long issue;

    /** Creates the command; picocli calls it. */
    public Release() {}

    @Override
    public Integer call() {
      // Exit 0 whatever failed, as the original; the library's log lines say what did.
      long n = issueNumber(issue);
      lifecycle().release(n);
      return 0;
    }
  }

  /** {@code disinto issue block ISSUE REASON [RESULT_TEXT]}. */
  @Command(name = "block", description = "Post a diagnostic comment on ISSUE and label it"
      + " blocked; RESULT_TEXT '-' reads the diagnostic from stdin (issue_block).")
  public static final class Block extends Leaf {
    @Parameters(index = "0", paramLabel = "ISSUE") long issue;

    @Parameters(index = "1", paramLabel = "REASON") String reason;

    @Parameters(index = "2", paramLabel = "RESULT_TEXT", arity = "0..1") String resultText;

    /** Creates the command; picocli calls it. */
    public Block() {}

    @Override
    public Integer call() throws IOException {
      long n = issueNumber(issue);
      String diagnostic = "-".equals(resultText) ? readStdin() : resultText;
      lifecycle().block(n, reason, diagnostic);
      return 0;
    }
  }

  /** {@code disinto issue close ISSUE}. */
  @Command(name = "close", description = "Unassign and close ISSUE (issue_close).")
  public static final class Close extends Leaf {
    @Parameters(index = "0", paramLabel = "ISSUE") long issue;

    /** Creates the command; picocli calls it. */
    public Close() {}

    @Override
    public Integer call() {
      long n = issueNumber(issue);
      lifecycle().close(n);
      return 0;
    }
  }

  /** {@code disinto issue check-deps [--vars] ISSUE}. */
  @Command(name = "check-deps", description = "Exit 0 when every dependency of ISSUE is closed,"
      + " 1 when blocked, 2 when ISSUE cannot be read (issue_check_deps).")
  public static final class CheckDeps extends Leaf {
    @Parameters(index = "0", paramLabel = "ISSUE") long issue;

    @Option(names = "--vars", description = "Print _ISSUE_BLOCKED_BY and _ISSUE_SUGGESTION.")
    boolean vars;

    /** Creates the command; picocli calls it. */
    public CheckDeps() {}

    @Override
    public Integer call() {
      DependencyStatus status;
      try {
        long n = issueNumber(issue);
        status = lifecycle().checkDeps(n);
      } catch (ForgeException e) {
        throw new CliException(2, "disinto: issue check-deps: cannot read issue #" + issue
            + ": " + e.getMessage(), e);
      }
      if (vars) {
        printVar("_ISSUE_BLOCKED_BY", status.blockedBy().stream().map(String::valueOf)
            .collect(Collectors.joining(" ")));
        printVar("_ISSUE_SUGGESTION", value(status.suggestion()));
      }
      return status.ready() ? 0 : 1;
    }
  }

  /** {@code disinto issue suggest-next [--vars]}. */
  @Command(name = "suggest-next", description = "Exit 0 when an open backlog issue has all"
      + " dependencies closed, 1 when none has (issue_suggest_next).")
  public static final class SuggestNext extends Leaf {
    @Option(names = "--vars", description = "Print _ISSUE_NEXT.")
    boolean vars;

    /** Creates the command; picocli calls it. */
    public SuggestNext() {}

    @Override
    public Integer call() {
      OptionalLong next = lifecycle().suggestNext();
      if (vars) {
        printVar("_ISSUE_NEXT", value(next));
      }
      return next.isPresent() ? 0 : 1;
    }
  }

  /** {@code disinto issue refuse ISSUE EMOJI TITLE [BODY]}. */
  @Command(name = "refuse", description = "Post a refusal comment on ISSUE unless the same"
      + " refusal is already there; BODY is read from stdin when omitted (issue_post_refusal).")
  public static final class Refuse extends Leaf {
    @Parameters(index = "0", paramLabel = "ISSUE") long issue;

    @Parameters(index = "1", paramLabel = "EMOJI") String emoji;

    @Parameters(index = "2", paramLabel = "TITLE") String title;

    @Parameters(index = "3", paramLabel = "BODY", arity = "0..1") String body;

    /** Creates the command; picocli calls it. */
    public Refuse() {}

    @Override
    public Integer call() throws IOException {
      long n = issueNumber(issue);
      lifecycle().postRefusal(n, emoji, title, argumentOrStdin(body));
      return 0;
    }
  }

  private static String value(OptionalLong v) {
    return v.isPresent() ? Long.toString(v.getAsLong()) : "";
  }
}
