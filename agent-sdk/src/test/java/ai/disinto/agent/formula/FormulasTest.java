package ai.disinto.agent.formula;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.disinto.log.CapturedLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FormulasTest {
  static final Path FIXTURES = Path.of("src/test/resources/formulas").toAbsolutePath();
  @TempDir Path tmp;

  @Test
  void aMissingFormulaIsAnErrorNamingTheFile() {
    assertThatThrownBy(() -> Formulas.load(Path.of("/x/none.toml")))
        .isInstanceOf(FormulaNotFoundException.class)
        .hasMessage("ERROR: formula not found: /x/none.toml");
  }

  @Test
  void aFormulaThatIsNotValidTomlIsLoadedWholeAsText() throws Exception {
    Path f = FIXTURES.resolve("run-tidy.toml");
    Formula formula = Formulas.load(f);

    assertThat(formula.content()).isEqualTo(Files.readString(f).stripTrailing());
    assertThat(formula.validToml()).isFalse();
    assertThat(formula.tomlProblem()).isPresent();
    assertThat(formula.name()).contains("run-tidy");
    assertThat(formula.description()).contains("Tidies the backlog");
    assertThat(formula.version()).contains(2L);
    assertThat(formula.steps()).isEmpty();
  }

  @Test
  void aValidFormulaIsParsedWithItsSteps() throws Exception {
    Formula formula = Formulas.load(FIXTURES.resolve("run-valid.toml"));

    assertThat(formula.validToml()).isTrue();
    assertThat(formula.content()).endsWith("needs = [\"read\"]");
    assertThat(formula.name()).contains("run-valid");
    assertThat(formula.model()).contains("opus");
    assertThat(formula.version()).contains(3L);
    assertThat(formula.steps()).extracting(FormulaStep::id).containsExactly("read", "act");
    assertThat(formula.steps().get(1).needs()).containsExactly("read");
    assertThat(formula.steps().get(0).description()).isEqualTo("Read {{target}}.\n");
  }

  /**
   * The formulas the original ships, when a folder of them is given in
   * DISINTO_ORIGINAL_FORMULAS (they are not kept in this repository): every one loads whole, and
   * exactly the four that strict TOML rejects fall back to text.
   */
  @Test
  void everyShippedFormulaLoads() throws Exception {
    String dir = System.getenv("DISINTO_ORIGINAL_FORMULAS");
    Assumptions.assumeTrue(dir != null && Files.isDirectory(Path.of(dir)),
        "DISINTO_ORIGINAL_FORMULAS not set: the original's formulas are not available");
    List<Path> files;
    try (Stream<Path> s = Files.list(Path.of(dir))) {
      files = s.filter(p -> p.toString().endsWith(".toml")).sorted().toList();
    }
    assertThat(files).isNotEmpty();
    List<String> invalid = new java.util.ArrayList<>();
    for (Path f : files) {
      Formula formula = Formulas.load(f);
      assertThat(formula.content()).isEqualTo(Files.readString(f).replaceAll("\n+$", ""));
      assertThat(formula.name()).as("name of %s", f).isPresent();
      if (!formula.validToml()) {
        invalid.add(f.getFileName().toString());
      }
    }
    assertThat(invalid).containsExactlyInAnyOrder("run-gardener.toml", "run-publish-site.toml",
        "run-rent-a-human.toml", "triage.toml");
  }

  @Test
  void theProfileFormulaWins() throws Exception {
    Path profile = Files.createDirectories(tmp.resolve("profile"));
    Files.writeString(profile.resolve("formula.toml"), "name = \"mine\"\n");
    try (CapturedLog log = CapturedLog.start()) {
      LoadedFormula f = Formulas.loadOrProfile(Optional.of("planner"),
          Optional.of(FIXTURES.resolve("run-valid.toml")), Optional.of(profile), tmp);
      assertThat(f.source()).isEqualTo(LoadedFormula.Source.PROFILE);
      assertThat(f.source().wireName()).isEqualTo(".profile");
      assertThat(f.content()).isEqualTo("name = \"mine\"");
      assertThat(log.messages()).contains("formula source: .profile ("
          + profile.resolve("formula.toml") + ")");
    }
  }

  @Test
  void theFallbackIsUsedWhenTheProfileHasNone() throws Exception {
    Path profile = Files.createDirectories(tmp.resolve("profile"));
    Path fallback = FIXTURES.resolve("run-tidy.toml");
    try (CapturedLog log = CapturedLog.start()) {
      LoadedFormula f = Formulas.loadOrProfile(Optional.empty(), Optional.of(fallback),
          Optional.of(profile), tmp);
      assertThat(f.source()).isEqualTo(LoadedFormula.Source.FORMULAS);
      assertThat(f.path()).isEqualTo(fallback);
      assertThat(log.messages()).containsExactly(
          "WARNING: .profile repo exists but formula.toml not found at "
              + profile.resolve("formula.toml"),
          "formula source: formulas/ (fallback) — " + fallback);
    }
  }

  @Test
  void aMissingFallbackFailsEvenWhenTheRoleFormulaExists() throws Exception {
    Files.createDirectories(tmp.resolve("formulas"));
    Files.writeString(tmp.resolve("formulas/planner.toml"), "name = \"planner\"\n");
    Path missing = tmp.resolve("formulas/run-planner.toml");
    assertThatThrownBy(() -> Formulas.loadOrProfile(Optional.of("planner"),
        Optional.of(missing), Optional.empty(), tmp))
        .isInstanceOf(FormulaNotFoundException.class)
        .hasMessage("ERROR: formula not found in .profile and fallback file not found: " + missing);
  }

  @Test
  void withoutFallbackTheRoleFormulaOfTheFactoryIsUsed() throws Exception {
    Files.createDirectories(tmp.resolve("formulas"));
    Files.writeString(tmp.resolve("formulas/planner.toml"), "name = \"planner\"\n");
    LoadedFormula f = Formulas.loadOrProfile(Optional.of("planner"), Optional.empty(),
        Optional.empty(), tmp);
    assertThat(f.path()).isEqualTo(tmp.resolve("formulas/planner.toml"));
    assertThatThrownBy(() -> Formulas.loadOrProfile(Optional.of("nobody"), Optional.empty(),
        Optional.empty(), tmp))
        .hasMessage("ERROR: formula not found in .profile and no fallback specified");
  }
}
