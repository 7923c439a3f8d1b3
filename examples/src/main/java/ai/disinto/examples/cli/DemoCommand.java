package ai.disinto.examples.cli;

import ai.disinto.examples.demo.DemoReport;
import ai.disinto.examples.demo.FactoryDemo;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code disinto demo [--forge-url URL --woodpecker-url URL [--woodpecker-data DIR]] [--repo
 * OWNER/NAME] [--fake-claude] [--keep] [--verbose]}: the whole factory on one machine (see {@link
 * FactoryDemo}). Step lines, the summary table and, with {@code --keep}, where the servers can be
 * reached go to standard output; with {@code --verbose} the lifecycles' log lines go to standard
 * error. With {@code --keep} the servers stay up until standard input closes (Ctrl-D) or Ctrl-C;
 * either way everything is removed at the end. Exit 0 when every backlog issue ended closed and
 * every PR merged, 1 otherwise, 64 on misuse.
 */
@Command(
    name = "demo",
    description = "Work off a small backlog on a mock Forgejo with real git, a mock Woodpecker"
        + " running the project's tests and Claude Code driven by a scripted model: suggest,"
        + " claim, worktree, agent, PR, CI, review, merge, close.")
public final class DemoCommand extends CliCommand {
  @Option(names = "--forge-url", paramLabel = "URL",
      description = "A running mock Forgejo to use instead of an embedded one (needs"
          + " --woodpecker-url).")
  String forgeUrl;

  @Option(names = "--woodpecker-url", paramLabel = "URL",
      description = "A running mock Woodpecker linked to that forge and running pipelines.")
  String woodpeckerUrl;

  @Option(names = "--woodpecker-data", paramLabel = "DIR",
      description = "That Woodpecker's data folder (woodpecker.sqlite), for the failing CI log in"
          + " the agent's prompt; default WOODPECKER_DATA_DIR.")
  Path woodpeckerData;

  @Option(names = "--repo", paramLabel = "OWNER/NAME", defaultValue = FactoryDemo.DEFAULT_REPO,
      description = "The repository to create (default ${DEFAULT-VALUE}).")
  String repo;

  @Option(names = "--fake-claude",
      description = "Use the fake claude even where Claude Code is installed.")
  boolean fakeClaude;

  @Option(names = "--keep",
      description = "Keep the servers up after the run, until standard input closes or Ctrl-C.")
  boolean keep;

  @Option(names = "--verbose", description = "Show the lifecycles' log lines on standard error.")
  boolean verbose;

  @Override
  public Integer call() {
    FactoryDemo.Builder demo = FactoryDemo.builder().out(out()).fakeClaude(fakeClaude);
    try {
      demo.repo(repo).servers(forgeUrl, woodpeckerUrl);
    } catch (IllegalArgumentException e) {
      throw new CliException(Main.EXIT_USAGE, "disinto demo: " + e.getMessage());
    }
    if (forgeUrl != null) {
      String envDir = env().get("WOODPECKER_DATA_DIR");
      demo.woodpeckerDataDir(woodpeckerData != null ? woodpeckerData
          : envDir == null || envDir.isEmpty() ? null : Path.of(envDir));
    }
    if (verbose) {
      demo.log(err());
    }
    if (keep) {
      demo.whileKept(this::hold);
    }
    DemoReport report = demo.build().run();
    return report.complete() ? 0 : 1;
  }

  private void hold(FactoryDemo.Kept k) {
    out().println();
    out().println("kept: forge " + k.forgeUrl() + ", woodpecker " + k.woodpeckerUrl());
    out().println("kept: git clone " + k.cloneUrl());
    k.bareRepository().ifPresent(b -> out().println("kept: bare repository " + b));
    k.woodpeckerDataDir().ifPresent(d -> out().println("kept: WOODPECKER_DATA_DIR=" + d
        + " WOODPECKER_REPO_ID=" + k.woodpeckerRepoId() + " bin/disinto ci-logs NUMBER"));
    k.pipelines().forEach(p -> out().println("kept: pipeline " + p.number() + " " + p.status()
        + " " + p.event() + " " + p.ref()));
    out().println("kept: the servers stay up until standard input closes (Ctrl-D) or Ctrl-C");
    out().flush();
    try {
      byte[] buf = new byte[4096];
      while (ctx().in().read(buf) >= 0) {
        // Input is ignored; only its end matters.
      }
    } catch (IOException e) {
      // A broken standard input ends the hold like a closed one.
    }
  }
}
