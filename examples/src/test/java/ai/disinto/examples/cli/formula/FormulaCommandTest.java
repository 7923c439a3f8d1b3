package ai.disinto.examples.cli.formula;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.examples.cli.InProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code disinto formula …}: values on stdout as $(…) would capture them, return codes as exits. */
class FormulaCommandTest {
  @TempDir Path tmp;

  Map<String, String> env() {
    Map<String, String> e = new HashMap<>();
    e.put("FACTORY_ROOT", tmp.toString());
    e.put("PROJECT_REPO_ROOT", tmp.resolve("proj").toString());
    e.put("OPS_REPO_ROOT", tmp.resolve("ops").toString());
    e.put("FORGE_API", "http://f/api/v1/repos/o/r");
    e.put("PRIMARY_BRANCH", "main");
    e.put("HOME", tmp.resolve("home").toString());
    return e;
  }

  @Test
  void lockTakesTheLockForTheCallerAndUnlockReleasesIt() throws Exception {
    Path lock = tmp.resolve("planner-run.lock");
    long pid = ProcessHandle.current().pid();
    InProcess.Result r = InProcess.run(env(), "", "formula", "lock", lock.toString(), "--pid",
        Long.toString(pid));
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(Files.readString(lock)).isEqualTo(pid + "\n");

    Process other = new ProcessBuilder("sleep", "60").start();
    try {
      r = InProcess.run(env(), "", "formula", "lock", lock.toString(), "--pid",
          Long.toString(other.pid()));
      assertThat(r.exitCode()).isEqualTo(1);
      assertThat(r.stderr()).contains("run: already running (PID " + pid + ")");
      assertThat(r.stdout()).isEmpty();
    } finally {
      other.destroyForcibly().waitFor();
    }

    r = InProcess.run(env(), "", "formula", "unlock", lock.toString(), "--pid", "1");
    assertThat(lock).exists();
    r = InProcess.run(env(), "", "formula", "unlock", lock.toString(), "--pid",
        Long.toString(pid));
    assertThat(r.exitCode()).isZero();
    assertThat(lock).doesNotExist();
  }

  @Test
  void loadPrintsTheFormulaOrFailsWithTheOriginalsLine() throws Exception {
    Path f = tmp.resolve("run-x.toml");
    Files.writeString(f, "name = \"x\"\ndescription = \"\"\"\nrun \\`this\\`\n\"\"\"\n\n");
    InProcess.Result r = InProcess.run(env(), "", "formula", "load", f.toString());
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).isEqualTo("name = \"x\"\ndescription = \"\"\"\nrun \\`this\\`\n\"\"\"");

    r = InProcess.run(env(), "", "formula", "load", tmp.resolve("none.toml").toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stdout()).isEmpty();
    assertThat(r.stderr()).contains("ERROR: formula not found: " + tmp.resolve("none.toml"));
  }

  @Test
  void loadOrProfileFallsBackToTheRoleFormula() throws Exception {
    Files.createDirectories(tmp.resolve("formulas"));
    Files.writeString(tmp.resolve("formulas/planner.toml"), "name = \"planner\"\n");
    InProcess.Result r = InProcess.run(env(), "", "formula", "load-or-profile", "planner",
        "--vars");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdout()).contains("FORMULA_SOURCE=formulas/").contains("FORMULA_CONTENT=");
    r = InProcess.run(env(), "", "formula", "load-or-profile", "nobody");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stderr()).contains(
        "ERROR: formula not found in .profile and no fallback specified");
  }

  @Test
  void blocksArePrintedAsTheShellCapturedThem() throws Exception {
    Files.createDirectories(tmp.resolve("proj"));
    Files.createDirectories(tmp.resolve("ops"));
    Files.writeString(tmp.resolve("proj/AGENTS.md"), "A\n\n");
    Files.writeString(tmp.resolve("ops/RESOURCES.md"), "R");

    InProcess.Result r = InProcess.run(env(), "", "formula", "context-block", "AGENTS.md",
        "missing.md", "ops:RESOURCES.md");
    assertThat(r.stdout()).isEqualTo("\n### AGENTS.md\nA\n\n### RESOURCES.md\nR\n");

    r = InProcess.run(env(), "", "formula", "footer", "\n  Close: X");
    assertThat(r.stdout()).startsWith("## Forge API reference\nBase URL: http://f/api/v1/repos/o/r")
        .contains("[LABEL_ID]}'\n  Close: X\n  List labels:")
        .endsWith("OPS_REPO_ROOT=" + tmp.resolve("ops") + "\nPRIMARY_BRANCH=main");

    Path scratch = tmp.resolve("s.md");
    Files.writeString(scratch, "notes\n");
    r = InProcess.run(env(), "", "formula", "scratch-context", scratch.toString());
    assertThat(r.stdout()).isEqualTo("## Previous context (from scratch file)\nnotes");
    r = InProcess.run(env(), "", "formula", "scratch-instruction", "/tmp/p-s.md");
    assertThat(r.stdout()).contains("to: /tmp/p-s.md\n");
  }

  @Test
  void theGraphSectionIsBuiltInProcess() throws Exception {
    Files.createDirectories(tmp.resolve("proj"));
    Files.writeString(tmp.resolve("proj/VISION.md"), "# Vision\n");
    InProcess.Result r = InProcess.run(env(), "", "formula", "graph-section");
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).startsWith("\n## Structural analysis\n```json\n{").endsWith("}\n```");
    assertThat(r.stderr()).contains("graph report generated: 1 nodes, 0 edges");
  }

  @Test
  void withoutATokenThereIsNoIdentity() {
    InProcess.Result r = InProcess.run(env(), "", "formula", "identity");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stdout()).isEmpty();
    assertThat(r.stderr()).contains("WARNING: FORGE_TOKEN not set, cannot resolve agent identity");
  }

  @Test
  void opsCommitWithoutAClonIsANoOp() {
    InProcess.Result r = InProcess.run(env(), "", "formula", "ops-commit", "msg");
    assertThat(r.exitCode()).isZero();
  }
}
