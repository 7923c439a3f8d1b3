package ai.disinto.agent.formula;

import ai.disinto.agent.graph.ForgeSource;
import ai.disinto.agent.graph.GraphAnalyzer;
import ai.disinto.agent.graph.GraphReport;
import ai.disinto.agent.graph.ProjectGraph;
import ai.disinto.agent.graph.ProjectGraphBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The blocks a formula agent's prompt is assembled from, each the text the original's helper
 * produced: the context files, the forge API footer, the scratch-file instruction and context,
 * the lessons block and the structural-analysis section. Headings, commands, paths and values are
 * the original's; the explanatory sentences are this port's own words.
 *
 * <p>Mirrors {@code build_context_block}, {@code build_prompt_footer}, {@code
 * build_sdk_prompt_footer}, {@code build_scratch_instruction}, {@code read_scratch_context},
 * {@code formula_lessons_block} and {@code build_graph_section} of lib/formula-session.sh.
 * Improvements: the lessons heading appears once; byte caps never split a UTF-8 character; the
 * graph is built in-process (no shared report file in {@code /tmp}).
 */
public final class PromptBlocks {
  private static final Logger LOG = LoggerFactory.getLogger(PromptBlocks.class);
  /** The most of a scratch file injected, in bytes. */
  public static final int SCRATCH_CAP = 8192;
  /** The heading of the lessons block. */
  public static final String LESSONS_HEADING =
      "## Lessons learned (from .profile/knowledge/lessons-learned.md)";

  private PromptBlocks() {}

  /**
   * The context block: for each file that exists, a newline, {@code ### <label>}, a newline, its
   * text (trailing newlines stripped) and a newline. A spec {@code ops:<rel>} names {@code
   * <opsRoot>/<rel>} (label {@code <rel>}); any other spec a file of the project. Missing files
   * are skipped.
   *
   * @param specs the files, such as {@code VISION.md} or {@code ops:RESOURCES.md}
   * @param projectRoot {@code PROJECT_REPO_ROOT}
   * @param opsRoot {@code OPS_REPO_ROOT}
   * @return the block ({@code CONTEXT_BLOCK}), empty when no file exists
   * @throws UncheckedIOException when an existing file cannot be read
   */
  public static String contextBlock(List<String> specs, Path projectRoot, Path opsRoot) {
    StringBuilder b = new StringBuilder();
    for (String spec : specs) {
      String label;
      Path path;
      if (spec.startsWith("ops:")) {
        label = spec.substring(4);
        path = opsRoot.resolve(label);
      } else {
        label = spec;
        path = projectRoot.resolve(spec);
      }
      if (Files.isRegularFile(path)) {
        b.append('\n').append("### ").append(label).append('\n')
            .append(stripTrailingNewlines(read(path))).append('\n');
      }
    }
    return b.toString();
  }

  /**
   * The forge API reference and environment footer ({@code PROMPT_FOOTER}). The token is named
   * as the literal text {@code ${FORGE_TOKEN}}, never its value. No final newline.
   *
   * @param p the API base and folders
   * @param extraApi more API lines, inserted right after the create-issue line (callers start it
   *     with a newline); empty for none
   * @return the footer
   */
  public static String footer(FooterParams p, String extraApi) {
    String api = p.forgeApi();
    String auth = "-H \"Authorization: token ${FORGE_TOKEN}\"";
    return "## Forge API reference\n"
        + "Base URL: " + api + "\n"
        + "Auth header: " + auth + "\n"
        + "  Read issue:  curl -sf " + auth + " '" + api + "/issues/{number}' | jq '.body'\n"
        + "  Create issue: curl -sf -X POST " + auth
        + " -H 'Content-Type: application/json' '" + api
        + "/issues' -d '{\"title\":\"...\",\"body\":\"...\",\"labels\":[LABEL_ID]}'"
        + Objects.requireNonNullElse(extraApi, "") + "\n"
        + "  List labels: curl -sf " + auth + " '" + api + "/labels'\n"
        + "Do not print the token itself anywhere, ever; always write ${FORGE_TOKEN} instead.\n"
        + "\n"
        + "## Environment\n"
        + "FACTORY_ROOT=" + p.factoryRoot() + "\n"
        + "PROJECT_REPO_ROOT=" + p.projectRoot() + "\n"
        + "OPS_REPO_ROOT=" + p.opsRoot() + "\n"
        + "PRIMARY_BRANCH=" + p.primaryBranch();
  }

  /**
   * The footer of SDK-mode prompts: the footer without any {@code ## Phase protocol} section
   * (there is none any more, so it equals {@link #footer}).
   *
   * @param p the API base and folders
   * @param extraApi more API lines
   * @return the footer
   */
  public static String sdkFooter(FooterParams p, String extraApi) {
    String f = footer(p, extraApi);
    int cut = f.indexOf("## Phase protocol");
    return cut < 0 ? f : f.substring(0, cut);
  }

  /**
   * The instruction to keep a scratch file that survives context compaction. No final newline.
   *
   * @param scratchFile the scratch file, such as {@code /tmp/planner-proj-scratch.md}
   * @return the block
   */
  public static String scratchInstruction(Path scratchFile) {
    return "## Context scratch file (compaction survival)\n"
        + "\n"
        + "Every 10-15 tool calls, write down a short summary of:\n"
        + "- What you have discovered so far\n"
        + "- Decisions made and why\n"
        + "- What remains to do\n"
        + "to: " + scratchFile + "\n"
        + "\n"
        + "If that file existed when this session started, its text is already in this prompt"
        + " above: no need to read it.\n"
        + "The file is throwaway notes for surviving compaction, not evidence and not lasting"
        + " memory.";
  }

  /**
   * What an earlier session left in the scratch file: {@code ## Previous context (from scratch
   * file)}, a newline and the file's first {@value #SCRATCH_CAP} bytes (cut before a partial
   * UTF-8 character, trailing newlines stripped).
   *
   * @param scratchFile the scratch file
   * @return the block, or empty when the file does not exist
   */
  public static String scratchContext(Path scratchFile) {
    if (!Files.isRegularFile(scratchFile)) {
      return "";
    }
    return "## Previous context (from scratch file)\n"
        + stripTrailingNewlines(head(scratchFile, SCRATCH_CAP));
  }

  /**
   * The lessons block: a newline and the lessons ({@link ProfileRepo#loadLessons()}, which start
   * with {@link #LESSONS_HEADING}). The original printed the heading a second time.
   *
   * @param lessons the loaded lessons ({@code LESSONS_INJECTION}); empty for none
   * @return the block, empty when there are no lessons
   */
  public static String lessonsBlock(String lessons) {
    if (lessons == null || lessons.isEmpty()) {
      return "";
    }
    return lessons.startsWith(LESSONS_HEADING) ? "\n" + lessons
        : "\n" + LESSONS_HEADING + "\n" + lessons;
  }

  /**
   * The structural-analysis section of a report: a newline, {@code ## Structural analysis}, and
   * the report's JSON in a json code fence.
   *
   * @param reportJson the report
   * @return the section
   */
  public static String graphSection(String reportJson) {
    return "\n## Structural analysis\n```json\n" + reportJson + "\n```";
  }

  /**
   * Builds the project graph in-process and returns its section ({@code GRAPH_SECTION}); logs
   * {@code graph report generated: <n> nodes, <m> edges}. A failure is logged as a warning and
   * gives an empty section, as the agents continue without it.
   *
   * @param projectRoot the project checkout
   * @param opsRoot the ops repository, read for prerequisites and evidence; empty for none
   * @param forge labels and issues
   * @param clock the report's time
   * @return the section, or empty on failure
   */
  public static String graphSection(Path projectRoot, Optional<Path> opsRoot, ForgeSource forge,
      Clock clock) {
    try {
      ProjectGraph g = new ProjectGraphBuilder(projectRoot, opsRoot, forge).build();
      GraphReport report = GraphAnalyzer.analyze(g, Optional.empty(), clock);
      LOG.info("graph report generated: {} nodes, {} edges", report.nodes(), report.edges());
      return graphSection(report.toJson());
    } catch (RuntimeException e) {
      LOG.warn("WARN: build-graph.py failed — continuing without structural analysis");
      LOG.debug("graph builder failed: {}", e.toString());
      return "";
    }
  }

  // ---------------------------------------------------------------------------------------------

  static String stripTrailingNewlines(String s) {
    int e = s.length();
    while (e > 0 && s.charAt(e - 1) == '\n') {
      e--;
    }
    return s.substring(0, e);
  }

  static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + p, e);
    }
  }

  /** The first bytes of a file as UTF-8, cut before a character the limit would split. */
  static String head(Path p, int maxBytes) {
    byte[] buf;
    try (InputStream in = Files.newInputStream(p)) {
      buf = in.readNBytes(maxBytes + 1);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + p, e);
    }
    int n = Math.min(buf.length, maxBytes);
    if (buf.length > maxBytes) {
      // Step back over continuation bytes to the start of the character the cut would split.
      int i = n;
      while (i > 0 && (buf[i] & 0xC0) == 0x80) {
        i--;
      }
      n = i;
    }
    return new String(buf, 0, n, StandardCharsets.UTF_8);
  }
}
