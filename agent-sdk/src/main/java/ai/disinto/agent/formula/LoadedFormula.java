package ai.disinto.agent.formula;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A formula and where it was found ({@code FORMULA_CONTENT} and {@code FORMULA_SOURCE} of the
 * original).
 *
 * @param formula the formula
 * @param source where it came from
 * @param path the file it was read from
 */
public record LoadedFormula(Formula formula, Source source, Path path) {

  /** Where a formula came from. */
  public enum Source {
    /** The agent's {@code .profile} repository ({@code formula.toml}). */
    PROFILE(".profile"),
    /** The factory's {@code formulas/} folder, or a fallback file. */
    FORMULAS("formulas/");

    private final String wireName;

    Source(String wireName) {
      this.wireName = wireName;
    }

    /**
     * The original's value of {@code FORMULA_SOURCE}.
     *
     * @return {@code .profile} or {@code formulas/}
     */
    public String wireName() {
      return wireName;
    }
  }

  /**
   * Checks the parts.
   *
   * @param formula the formula
   * @param source the source
   * @param path the file
   */
  public LoadedFormula {
    Objects.requireNonNull(formula, "formula");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(path, "path");
  }

  /**
   * The text injected into the prompt.
   *
   * @return the formula's content
   */
  public String content() {
    return formula.content();
  }
}
