package ai.disinto.agent.formula;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.agent.graph.ForgeSource;
import ai.disinto.log.CapturedLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptBlocksTest {
  @TempDir Path tmp;
  static final FooterParams FOOTER = new FooterParams("http://f/api/v1/repos/o/r", "/factory",
      "/proj", "/ops", "main");

  @Test
  void theContextBlockHoldsTheFilesThatExistInOrder() throws Exception {
    Path project = Files.createDirectories(tmp.resolve("p"));
    Path ops = Files.createDirectories(tmp.resolve("o"));
    Files.writeString(project.resolve("AGENTS.md"), "A\n\n");
    Files.writeString(ops.resolve("RESOURCES.md"), "R");

    String block = PromptBlocks.contextBlock(List.of("AGENTS.md", "missing.md",
        "ops:RESOURCES.md"), project, ops);

    assertThat(block).isEqualTo("\n### AGENTS.md\nA\n\n### RESOURCES.md\nR\n");
    assertThat(PromptBlocks.contextBlock(List.of("none"), project, ops)).isEmpty();
  }

  @Test
  void theFooterNamesTheTokenNeverItsValue() {
    String f = PromptBlocks.footer(FOOTER, "\n  Close: X");

    assertThat(f).startsWith("## Forge API reference\nBase URL: http://f/api/v1/repos/o/r\n");
    assertThat(f).contains("[LABEL_ID]}'\n  Close: X\n  List labels: curl -sf -H"
        + " \"Authorization: token ${FORGE_TOKEN}\" 'http://f/api/v1/repos/o/r/labels'\n");
    assertThat(f).contains("  Read issue:  curl -sf -H \"Authorization: token ${FORGE_TOKEN}\""
        + " 'http://f/api/v1/repos/o/r/issues/{number}' | jq '.body'\n");
    assertThat(f).endsWith("\n\n## Environment\nFACTORY_ROOT=/factory\nPROJECT_REPO_ROOT=/proj\n"
        + "OPS_REPO_ROOT=/ops\nPRIMARY_BRANCH=main");
    assertThat(PromptBlocks.sdkFooter(FOOTER, "\n  Close: X")).isEqualTo(f);
    assertThat(PromptBlocks.footer(FOOTER, "")).contains("[LABEL_ID]}'\n  List labels:");
  }

  @Test
  void theScratchContextIsCappedAtEightKilobytes() throws Exception {
    Path s = tmp.resolve("scratch.md");
    Files.writeString(s, "x".repeat(10_000));
    assertThat(PromptBlocks.scratchContext(s))
        .isEqualTo("## Previous context (from scratch file)\n" + "x".repeat(8192));
    assertThat(PromptBlocks.scratchContext(tmp.resolve("none"))).isEmpty();
    Files.writeString(s, "");
    assertThat(PromptBlocks.scratchContext(s)).isEqualTo("## Previous context (from scratch file)\n");
  }

  @Test
  void theScratchCapNeverSplitsACharacter() throws Exception {
    Path s = tmp.resolve("scratch.md");
    // 8191 ASCII bytes, then a 2-byte character that straddles the cap.
    Files.writeString(s, "x".repeat(8191) + "é and more", StandardCharsets.UTF_8);
    assertThat(PromptBlocks.scratchContext(s))
        .isEqualTo("## Previous context (from scratch file)\n" + "x".repeat(8191));
  }

  @Test
  void theScratchInstructionNamesTheFile() {
    String i = PromptBlocks.scratchInstruction(Path.of("/tmp/planner-proj-scratch.md"));
    assertThat(i).startsWith("## Context scratch file (compaction survival)\n\n")
        .contains("\nto: /tmp/planner-proj-scratch.md\n").doesNotEndWith("\n");
  }

  @Test
  void theLessonsBlockCarriesItsHeadingOnce() {
    String lessons = PromptBlocks.LESSONS_HEADING + "\nbe brief";
    String block = PromptBlocks.lessonsBlock(lessons);
    assertThat(block).isEqualTo("\n" + PromptBlocks.LESSONS_HEADING + "\nbe brief");
    assertThat(PromptBlocks.lessonsBlock("")).isEmpty();
  }

  @Test
  void theGraphSectionFencesTheReportAndLogsItsSize() throws Exception {
    Path project = Files.createDirectories(tmp.resolve("p"));
    Files.writeString(project.resolve("VISION.md"), "# Vision\n## Goal (#1)\n");
    try (CapturedLog log = CapturedLog.start()) {
      String section = PromptBlocks.graphSection(project, Optional.empty(), ForgeSource.none(),
          Clock.fixed(Instant.parse("2026-04-10T12:00:00Z"), ZoneOffset.UTC));
      assertThat(section).startsWith("\n## Structural analysis\n```json\n{\n"
          + "  \"generated\": \"2026-04-10T12:00:00Z\",").endsWith("\n}\n```");
      assertThat(log.messages()).containsExactly("graph report generated: 3 nodes, 1 edges");
    }
  }

  @Test
  void aFailingGraphGivesNoSectionAndAWarning() {
    try (CapturedLog log = CapturedLog.start()) {
      assertThat(PromptBlocks.graphSection(tmp.resolve("missing"), Optional.empty(),
          ForgeSource.none(), Clock.systemUTC())).isEmpty();
      assertThat(log.messages()).contains(
          "WARN: build-graph.py failed — continuing without structural analysis");
    }
  }
}
