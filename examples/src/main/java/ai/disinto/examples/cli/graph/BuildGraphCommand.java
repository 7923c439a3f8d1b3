package ai.disinto.examples.cli.graph;

import ai.disinto.agent.graph.ForgeSource;
import ai.disinto.agent.graph.GraphAnalyzer;
import ai.disinto.agent.graph.GraphReport;
import ai.disinto.agent.graph.ProjectGraph;
import ai.disinto.agent.graph.ProjectGraphBuilder;
import ai.disinto.examples.cli.CliCommand;
import ai.disinto.examples.cli.CliException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code disinto build-graph [--project-root DIR] [--changed-files [F …]] [--output FILE]
 * [--ops-root DIR]}: the drop-in for {@code python3 lib/build-graph.py} with the same arguments,
 * environment ({@code PROJECT_REPO_ROOT}, {@code PROJECT_NAME}, {@code FORGE_API}, {@code
 * FORGE_TOKEN}) and result: the JSON report written to the output file (default {@code
 * /tmp/<PROJECT_NAME or root name>-graph-report.json}), the line {@code Graph report: N nodes, M
 * edges -> FILE} on standard error, exit 0. A project root that is not a directory or an output
 * that cannot be written exits 1 with a one-line reason; stray arguments exit 2, as argparse
 * does.
 *
 * <p>{@code --ops-root} (default {@code OPS_REPO_ROOT}) is this port's addition: the ops
 * repository whose {@code prerequisites.md} and {@code evidence/} are read when the project has
 * no {@code planner/prerequisite-tree.md} or {@code evidence/}.
 */
@Command(name = "build-graph", description = "Build the project knowledge graph and write its"
    + " structural analysis as JSON (lib/build-graph.py).")
public final class BuildGraphCommand extends CliCommand {
  /** argparse's exit code for a wrong usage. */
  static final int EXIT_ARGPARSE = 2;

  @Option(names = "--project-root", paramLabel = "DIR",
      description = "Root of the project checkout (default PROJECT_REPO_ROOT, else .).")
  String projectRoot;

  @Option(names = "--changed-files", arity = "0..*", paramLabel = "FILE",
      description = "Files a PR changes (reviewer mode).")
  List<String> changedFiles;

  @Option(names = "--output", paramLabel = "FILE",
      description = "Report file (default /tmp/<project>-graph-report.json).")
  String output;

  @Option(names = "--ops-root", paramLabel = "DIR",
      description = "Ops repository read for prerequisites.md and evidence/ (default OPS_REPO_ROOT).")
  String opsRoot;

  @Parameters(arity = "0..*", paramLabel = "ARG", hidden = true) List<String> stray;

  /** Creates the command; picocli calls it. */
  public BuildGraphCommand() {}

  @Override
  public Integer call() {
    if (stray != null && !stray.isEmpty()) {
      throw new CliException(EXIT_ARGPARSE, "disinto build-graph: error: unrecognized arguments: "
          + String.join(" ", stray));
    }
    String rootArg = projectRoot != null ? projectRoot
        : env().getOrDefault("PROJECT_REPO_ROOT", ".");
    Path root = ctx().workingDir().resolve(rootArg).toAbsolutePath().normalize();
    String opsArg = opsRoot != null ? opsRoot : env().getOrDefault("OPS_REPO_ROOT", "");
    Optional<Path> ops = opsArg.isEmpty() ? Optional.empty()
        : Optional.of(ctx().workingDir().resolve(opsArg).toAbsolutePath().normalize());
    String name = env().containsKey("PROJECT_NAME") ? env().get("PROJECT_NAME")
        : (root.getFileName() == null ? "" : root.getFileName().toString());
    Path out = ctx().workingDir().resolve(output != null ? output
        : "/tmp/" + name + "-graph-report.json");
    ForgeSource forge = ForgeSource.http(env().getOrDefault("FORGE_API", ""),
        env().getOrDefault("FORGE_TOKEN", ""), Duration.ofSeconds(15));
    ProjectGraph graph;
    try {
      graph = new ProjectGraphBuilder(root, ops, forge).build();
    } catch (UncheckedIOException e) {
      throw new CliException(1, "disinto build-graph: cannot read the project at " + root + ": "
          + e.getCause().getMessage(), e);
    }
    GraphReport report = GraphAnalyzer.analyze(graph, Optional.ofNullable(changedFiles),
        clock());
    try {
      Files.writeString(out, report.toJson(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CliException(1, "disinto build-graph: cannot write " + out + ": " + e, e);
    }
    err().println("Graph report: " + report.nodes() + " nodes, " + report.edges() + " edges -> "
        + output(out));
    err().flush();
    return 0;
  }

  private String output(Path out) {
    // The original prints the path as given.
    return output != null ? output : out.toString();
  }
}
