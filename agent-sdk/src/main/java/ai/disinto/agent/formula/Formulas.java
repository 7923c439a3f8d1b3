package ai.disinto.agent.formula;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and reads formulas. Mirrors {@code load_formula} and {@code load_formula_or_profile} of
 * lib/formula-session.sh: a formula in the agent's {@code .profile} repository wins; else the
 * fallback file given; else {@code formulas/<role>.toml} of the factory (only when no fallback was
 * given). The text is never rejected for being invalid TOML (see {@link Formula}).
 */
public final class Formulas {
  private static final Logger LOG = LoggerFactory.getLogger(Formulas.class);

  private Formulas() {}

  /**
   * Reads one formula file.
   *
   * @param file the file
   * @return the formula
   * @throws FormulaNotFoundException when the file does not exist ({@code ERROR: formula not
   *     found: <file>}, also logged)
   * @throws UncheckedIOException when it exists but cannot be read
   */
  public static Formula load(Path file) {
    Objects.requireNonNull(file, "file");
    if (!Files.isRegularFile(file)) {
      String message = "ERROR: formula not found: " + file;
      LOG.error("{}", message);
      throw new FormulaNotFoundException(message, file);
    }
    try {
      return Formula.parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the formula " + file, e);
    }
  }

  /**
   * Finds the formula of an agent.
   *
   * @param role the role, such as {@code planner}; empty for none
   * @param fallback the file to use when the {@code .profile} repo has none; empty for none
   * @param profileRepo the agent's {@code .profile} checkout when {@link ProfileRepo#ensure()}
   *     succeeded; empty when there is none or it could not be had
   * @param factoryRoot the factory root ({@code FACTORY_ROOT}), whose {@code formulas/} is searched
   * @return the formula and its source
   * @throws FormulaNotFoundException when nothing was found (the reason is logged as the
   *     original logs it)
   */
  public static LoadedFormula loadOrProfile(Optional<String> role, Optional<Path> fallback,
      Optional<Path> profileRepo, Path factoryRoot) {
    if (profileRepo.isPresent()) {
      Path f = profileRepo.get().resolve("formula.toml");
      if (Files.isRegularFile(f)) {
        LOG.info("formula source: .profile ({})", f);
        return new LoadedFormula(load(f), LoadedFormula.Source.PROFILE, f);
      }
      LOG.info("WARNING: .profile repo exists but formula.toml not found at {}", f);
    }
    if (fallback.isPresent()) {
      Path f = fallback.get();
      if (Files.isRegularFile(f)) {
        LOG.info("formula source: formulas/ (fallback) — {}", f);
        return new LoadedFormula(load(f), LoadedFormula.Source.FORMULAS, f);
      }
      String message = "ERROR: formula not found in .profile and fallback file not found: " + f;
      LOG.error("{}", message);
      throw new FormulaNotFoundException(message, f);
    }
    if (role.filter(r -> !r.isEmpty()).isPresent()) {
      Path f = factoryRoot.resolve("formulas").resolve(role.get() + ".toml");
      if (Files.isRegularFile(f)) {
        LOG.info("formula source: formulas/ (fallback) — {}", f);
        return new LoadedFormula(load(f), LoadedFormula.Source.FORMULAS, f);
      }
    }
    String message = "ERROR: formula not found in .profile and no fallback specified";
    LOG.error("{}", message);
    throw new FormulaNotFoundException(message, null);
  }
}
