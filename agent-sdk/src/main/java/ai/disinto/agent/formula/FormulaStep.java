package ai.disinto.agent.formula;

import java.util.List;
import java.util.Objects;

/**
 * One {@code [[steps]]} table of a formula.
 *
 * @param id the step's {@code id}
 * @param title its {@code title}, empty when absent
 * @param description its {@code description}, empty when absent
 * @param needs the ids of the steps it needs
 */
public record FormulaStep(String id, String title, String description, List<String> needs) {
  /**
   * Freezes the list and replaces absent strings with empty ones.
   *
   * @param id the id
   * @param title the title
   * @param description the description
   * @param needs the needed steps
   */
  public FormulaStep {
    id = Objects.requireNonNullElse(id, "");
    title = Objects.requireNonNullElse(title, "");
    description = Objects.requireNonNullElse(description, "");
    needs = List.copyOf(needs);
  }
}
