package ai.disinto.agent.formula;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/**
 * A formula: the TOML-like text injected verbatim into an agent's prompt, and what could be read
 * from it. The text is always kept whole. When it is valid TOML (tomlj), the metadata and steps
 * come from the parsed document; four of the formulas the original ships are not (backslashes in
 * basic multi-line strings), and for those the top-level {@code name}, {@code description} and
 * {@code version} are read leniently line by line and {@link #steps()} is empty, with the parse
 * problem in {@link #tomlProblem()}.
 *
 * @param content the text, trailing newlines stripped (as {@code load_formula} keeps it)
 * @param name the top-level {@code name}, when found
 * @param description the top-level {@code description}, when found
 * @param version the top-level {@code version}, when found
 * @param model the top-level {@code model}, when the TOML is valid and has one
 * @param steps the {@code [[steps]]} of a valid document, in order
 * @param tomlProblem why the text is not valid TOML; empty when it is
 */
public record Formula(String content, Optional<String> name, Optional<String> description,
    Optional<Long> version, Optional<String> model, List<FormulaStep> steps,
    Optional<String> tomlProblem) {

  private static final Pattern NAME = Pattern.compile("^name\\s*=\\s*\"([^\"]+)\"",
      Pattern.MULTILINE);
  private static final Pattern DESCRIPTION = Pattern.compile("^description\\s*=\\s*\"([^\"]*)\"",
      Pattern.MULTILINE);
  private static final Pattern VERSION = Pattern.compile("^version\\s*=\\s*([0-9]+)\\s*$",
      Pattern.MULTILINE);

  /**
   * Checks the parts and freezes the steps.
   *
   * @param content the text
   * @param name the name
   * @param description the description
   * @param version the version
   * @param model the model
   * @param steps the steps
   * @param tomlProblem the parse problem
   */
  public Formula {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(model, "model");
    steps = List.copyOf(steps);
    Objects.requireNonNull(tomlProblem, "tomlProblem");
  }

  /**
   * Reads a formula's text: parsed as TOML when it is valid, leniently otherwise. Never fails.
   *
   * @param text the file's text
   * @return the formula
   */
  public static Formula parse(String text) {
    String content = text.replaceAll("\n+$", "");
    TomlParseResult toml = Toml.parse(content);
    if (toml.hasErrors()) {
      String problem = toml.errors().get(0).toString();
      return new Formula(content, first(NAME, content), first(DESCRIPTION, content),
          first(VERSION, content).map(Long::parseLong), Optional.empty(), List.of(),
          Optional.of(problem));
    }
    List<FormulaStep> steps = new ArrayList<>();
    TomlArray array = toml.isArray("steps") ? toml.getArray("steps") : null;
    if (array != null) {
      for (int i = 0; i < array.size(); i++) {
        if (array.get(i) instanceof TomlTable t) {
          List<String> needs = new ArrayList<>();
          if (t.isArray("needs")) {
            TomlArray n = t.getArray("needs");
            for (int k = 0; k < n.size(); k++) {
              if (n.get(k) instanceof String s) {
                needs.add(s);
              }
            }
          }
          steps.add(new FormulaStep(string(t, "id"), string(t, "title"),
              string(t, "description"), needs));
        }
      }
    }
    Optional<Long> version = toml.isLong("version") ? Optional.of(toml.getLong("version"))
        : Optional.empty();
    return new Formula(content, Optional.ofNullable(string(toml, "name")),
        Optional.ofNullable(string(toml, "description")), version,
        Optional.ofNullable(string(toml, "model")), steps, Optional.empty());
  }

  /**
   * Tells whether the text is valid TOML.
   *
   * @return true when it parsed
   */
  public boolean validToml() {
    return tomlProblem.isEmpty();
  }

  private static String string(TomlTable t, String key) {
    return t.isString(key) ? t.getString(key) : null;
  }

  private static Optional<String> first(Pattern p, String text) {
    Matcher m = p.matcher(text);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }
}
