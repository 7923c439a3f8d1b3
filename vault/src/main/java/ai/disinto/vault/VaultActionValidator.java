package ai.disinto.vault;

import ai.disinto.core.secrets.SecretScanner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;

/**
 * Validates a vault action TOML against vault/SCHEMA.md. Mirrors {@code validate_vault_action} of
 * vault/vault-env.sh: the same checks in the same order with the same {@code ERROR:} lines, on
 * values parsed as TOML rather than grepped, plus what the original let through:
 *
 * <ul>
 *   <li>the text must parse as TOML, must not exceed {@link #MAX_TOML_CHARS} characters, and no
 *       string may exceed {@link #MAX_FIELD_CHARS};
 *   <li>every field must be on one line at column 0 as {@code key = value}, strings in double
 *       quotes, because the dispatcher re-reads the stored file with line patterns;
 *   <li>every field must have its type ({@code 'id' must be a string}...), the {@code id} must be
 *       a safe file and branch name, secrets and mounts are matched exactly, {@code
 *       timeout_minutes} must be a positive integer, {@code blast_radius} one of the tiers and
 *       {@code dispatch_mode} one of {@code direct}, {@code pr};
 *   <li>no field (nor a comment) may hold something the {@link SecretScanner} flags: refused
 *       with the field named and the value never repeated.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class VaultActionValidator {
  private static final Logger LOG = LoggerFactory.getLogger(VaultActionValidator.class);

  /** The top-level keys of the schema, in schema order. */
  public static final Set<String> KNOWN_FIELDS = Set.of("id", "formula", "context", "secrets",
      "mounts", "model", "tools", "timeout_minutes", "dispatch_mode", "blast_radius");
  /** The secrets an action may name. */
  public static final Set<String> ALLOWED_SECRETS = Set.of("CLAWHUB_TOKEN", "GITHUB_TOKEN",
      "CODEBERG_TOKEN", "DEPLOY_KEY", "NPM_TOKEN", "DOCKER_HUB_TOKEN");
  /** The mount aliases an action may name. */
  public static final Set<String> ALLOWED_MOUNTS = Set.of("ssh", "gpg", "sops");
  /** The dispatch modes the dispatcher knows. */
  public static final Set<String> DISPATCH_MODES = Set.of("direct", "pr");
  /** The largest action text accepted, in characters. */
  public static final int MAX_TOML_CHARS = 65_536;
  /** The longest string value accepted (a {@code context}), in characters. */
  public static final int MAX_FIELD_CHARS = 16_384;

  private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final Pattern KEY_LINE = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*)\\s*=");

  private final Path formulasDir;
  private final SecretScanner scanner;

  /**
   * A validator that looks formulas up in {@code formulasDir} ({@code {FACTORY_ROOT}/formulas})
   * and scans with {@link SecretScanner#defaults()}.
   *
   * @param formulasDir the formulas directory
   */
  public VaultActionValidator(Path formulasDir) {
    this(formulasDir, SecretScanner.defaults());
  }

  /**
   * A validator with another secret scanner.
   *
   * @param formulasDir the formulas directory
   * @param scanner the scanner that refuses secrets in fields and redacts error lines
   */
  public VaultActionValidator(Path formulasDir, SecretScanner scanner) {
    this.formulasDir = Objects.requireNonNull(formulasDir, "formulasDir");
    this.scanner = Objects.requireNonNull(scanner, "scanner");
  }

  /**
   * Whether {@code id} is safe as a file name and a branch suffix: letters, digits, {@code .},
   * {@code _} and {@code -}, starting with a letter or digit, without {@code ..}.
   *
   * @param id the candidate
   * @return true when safe
   */
  public static boolean isSafeId(String id) {
    return id != null && SAFE_NAME.matcher(id).matches() && !id.contains("..");
  }

  /**
   * Validates the action in {@code file}. Mirrors {@code validate_vault_action <file>}.
   *
   * @param file the TOML file
   * @return the action
   * @throws VaultValidationException when the file is missing, unreadable or invalid; {@code
   *     ERROR: File not found: <path>} for a missing one
   */
  public VaultAction validateFile(Path file) {
    if (file == null || file.toString().isEmpty()) {
      throw new VaultValidationException("ERROR: No TOML file specified", null);
    }
    if (!Files.isRegularFile(file)) {
      throw new VaultValidationException("ERROR: File not found: " + file, null);
    }
    LOG.info("Validating vault action: {}", file);
    String text;
    try {
      if (Files.size(file) > 4L * MAX_TOML_CHARS) {
        throw refuse("ERROR: TOML content is too large (more than " + MAX_TOML_CHARS
            + " characters)", null);
      }
      text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new VaultValidationException("ERROR: cannot read " + file + ": " + e.getMessage(),
          null);
    }
    VaultAction action = validate(text);
    LOG.info("VAULT_ACTION_ID={}", action.id());
    LOG.info("VAULT_ACTION_FORMULA={}", action.formula());
    LOG.info("VAULT_ACTION_SECRETS={}", String.join(" ", action.secrets()));
    LOG.info("VAULT_ACTION_MOUNTS={}", action.mounts().isEmpty() ? "none"
        : String.join(" ", action.mounts()));
    return action;
  }

  /**
   * Validates action text. The checks run in the original's order and the first failure is
   * thrown.
   *
   * @param tomlContent the TOML text
   * @return the action, holding {@code tomlContent} as its raw text
   * @throws VaultValidationException naming the first problem (and its field)
   */
  public VaultAction validate(String tomlContent) {
    String text = tomlContent == null ? "" : tomlContent;
    checkSize(text);
    TomlParseResult toml = Toml.parse(text);
    if (toml.hasErrors()) {
      TomlParseError first = toml.errors().get(0);
      throw refuse("ERROR: Invalid TOML: " + first.getMessage() + " (" + first.position() + ")",
          null);
    }
    TreeSet<String> unknown = new TreeSet<>(toml.keySet());
    unknown.removeAll(KNOWN_FIELDS);
    if (!unknown.isEmpty()) {
      throw refuse("ERROR: Unknown fields in TOML: " + String.join(",", unknown), unknown.first());
    }
    checkLayout(toml, text.split("\n", -1));
    checkLengthsAndSecrets(toml, text);

    String id = requiredString(toml, "id");
    String formula = requiredString(toml, "formula");
    String context = requiredString(toml, "context");
    if (!isSafeId(id)) {
      throw refuse("ERROR: 'id' must be letters, digits, '.', '_' or '-' (no '/' or '..'): " + id,
          "id");
    }
    if (!formulaExists(formula)) {
      throw refuse("ERROR: Formula not found: " + formula + " (checked .toml and .sh)", "formula");
    }
    if (!toml.contains(List.of("secrets"))) {
      throw refuse("ERROR: Missing required field: secrets", "secrets");
    }
    List<String> secrets = stringArray(toml, "secrets", "'secrets' must be an array of strings");
    for (String s : secrets) {
      if (!ALLOWED_SECRETS.contains(s)) {
        throw refuse("ERROR: Unknown secret (not in allowlist): " + s, "secrets");
      }
    }
    List<String> mounts = List.of();
    if (toml.contains(List.of("mounts"))) {
      mounts = stringArray(toml, "mounts", "'mounts' must be an array of strings");
      for (String m : mounts) {
        if (!ALLOWED_MOUNTS.contains(m)) {
          throw refuse("ERROR: Unknown mount alias (not in allowlist): " + m, "mounts");
        }
      }
    }
    Optional<String> model = Optional.empty();
    if (toml.contains(List.of("model"))) {
      Object v = value(toml, "model");
      if (!(v instanceof String s) || s.isEmpty()) {
        throw refuse("ERROR: 'model' must be a non-empty string", "model");
      }
      model = Optional.of(s);
    }
    Optional<List<String>> tools = Optional.empty();
    if (toml.contains(List.of("tools"))) {
      if (!(value(toml, "tools") instanceof TomlArray)) {
        throw refuse("ERROR: 'tools' must be an array", "tools");
      }
      tools = Optional.of(stringArray(toml, "tools", "'tools' must be an array of strings"));
    }
    OptionalInt timeout = OptionalInt.empty();
    if (toml.contains(List.of("timeout_minutes"))) {
      Object v = value(toml, "timeout_minutes");
      if (!(v instanceof Long n) || n <= 0 || n > Integer.MAX_VALUE) {
        throw refuse("ERROR: 'timeout_minutes' must be a positive integer", "timeout_minutes");
      }
      timeout = OptionalInt.of(n.intValue());
    }
    Optional<Tier> blast = Optional.empty();
    if (toml.contains(List.of("blast_radius"))) {
      Object v = value(toml, "blast_radius");
      blast = v instanceof String s ? Tier.parse(s) : Optional.empty();
      if (blast.isEmpty()) {
        throw refuse("ERROR: 'blast_radius' must be one of low, medium, high", "blast_radius");
      }
    }
    Optional<String> mode = Optional.empty();
    if (toml.contains(List.of("dispatch_mode"))) {
      Object v = value(toml, "dispatch_mode");
      if (!(v instanceof String s) || !DISPATCH_MODES.contains(s)) {
        throw refuse("ERROR: 'dispatch_mode' must be one of direct, pr", "dispatch_mode");
      }
      mode = Optional.of(s);
    }
    return new VaultAction(id, formula, context, secrets, mounts, model, tools, timeout, mode,
        blast, text);
  }

  /** Refuses oversized text before parsing it, naming the field of the longest line. */
  private void checkSize(String text) {
    if (text.length() <= MAX_TOML_CHARS) {
      return;
    }
    String longest = "";
    for (String line : text.split("\n", -1)) {
      if (line.length() > longest.length()) {
        longest = line;
      }
    }
    Matcher key = KEY_LINE.matcher(longest);
    if (longest.length() > MAX_FIELD_CHARS && key.find()) {
      throw refuse(tooLong(key.group(1)), key.group(1));
    }
    throw refuse("ERROR: TOML content is too large (more than " + MAX_TOML_CHARS
        + " characters)", null);
  }

  private static String tooLong(String field) {
    return "ERROR: '" + field + "' is too long (more than " + MAX_FIELD_CHARS + " characters)";
  }

  /**
   * Every field on its own line at column 0 as {@code key = value}, a string in double quotes on
   * that line, an array closed on that line: the line alone must parse to the same value.
   */
  private void checkLayout(TomlParseResult toml, String[] lines) {
    List<String> keys = new ArrayList<>(toml.keySet());
    keys.sort(Comparator.comparingInt(k -> toml.inputPositionOf(List.of(k)).line()));
    for (String key : keys) {
      TomlPosition at = toml.inputPositionOf(List.of(key));
      String line = at.line() - 1 < lines.length ? lines[at.line() - 1] : "";
      if (line.endsWith("\r")) {
        line = line.substring(0, line.length() - 1);
      }
      Matcher m = Pattern.compile("^" + Pattern.quote(key) + "[ \\t]*=[ \\t]*(.)").matcher(line);
      boolean ok = at.column() == 1 && m.find();
      Object value = value(toml, key);
      if (ok && value instanceof String) {
        ok = m.group(1).equals("\"") && !line.substring(m.start(1)).startsWith("\"\"\"");
      }
      if (ok) {
        TomlParseResult alone = Toml.parse(line);
        ok = !alone.hasErrors() && alone.keySet().equals(Set.of(key))
            && same(alone.get(List.of(key)), value);
      }
      if (!ok) {
        throw refuse("ERROR: Unsupported TOML layout: " + key
            + " must be a single-line value at column 0", key);
      }
    }
  }

  private static boolean same(Object a, Object b) {
    if (a instanceof TomlArray x && b instanceof TomlArray y) {
      return x.toJson().equals(y.toJson());
    }
    return Objects.equals(a, b);
  }

  /** Bounds every string and refuses any that the scanner flags, then the whole text. */
  private void checkLengthsAndSecrets(TomlParseResult toml, String text) {
    for (String key : new TreeSet<>(toml.keySet())) {
      List<String> strings = new ArrayList<>();
      Object v = value(toml, key);
      if (v instanceof String s) {
        strings.add(s);
      } else if (v instanceof TomlArray a) {
        for (Object o : a.toList()) {
          strings.add(String.valueOf(o));
        }
      }
      for (String s : strings) {
        if (s.length() > MAX_FIELD_CHARS) {
          throw refuse(tooLong(key), key);
        }
        if (!scanner.scan(s).clean()) {
          throw new VaultValidationException("ERROR: potential secret in field '" + key
              + "' (value not shown)", key);
        }
      }
    }
    // The rest of the text (comments, a trailing comment after a value) is stored too; each field
    // line is scanned without its key, so that a field name like "secrets" is not taken for the
    // name of a secret variable.
    StringBuilder rest = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      Matcher key = KEY_LINE.matcher(line);
      rest.append(key.find() ? line.substring(key.end()) : line).append('\n');
    }
    if (!scanner.scan(rest.toString()).clean()) {
      throw new VaultValidationException(
          "ERROR: potential secret in the TOML outside its fields (a comment?)", null);
    }
  }

  private String requiredString(TomlParseResult toml, String key) {
    Object v = value(toml, key);
    if (v == null || v instanceof String s && s.isEmpty()) {
      throw refuse("ERROR: Missing required field: " + key, key);
    }
    if (!(v instanceof String s)) {
      throw refuse("ERROR: '" + key + "' must be a string", key);
    }
    return s;
  }

  private List<String> stringArray(TomlParseResult toml, String key, String error) {
    if (!(value(toml, key) instanceof TomlArray a)) {
      throw refuse("ERROR: " + error, key);
    }
    List<String> out = new ArrayList<>();
    for (Object o : a.toList()) {
      if (!(o instanceof String s)) {
        throw refuse("ERROR: " + error, key);
      }
      out.add(s);
    }
    return out;
  }

  private static Object value(TomlParseResult toml, String key) {
    return toml.get(List.of(key));
  }

  private boolean formulaExists(String formula) {
    if (!isSafeId(formula)) {
      return false;
    }
    return Files.isRegularFile(formulasDir.resolve(formula + ".toml"))
        || Files.isRegularFile(formulasDir.resolve(formula + ".sh"));
  }

  /** An error line, redacted: a value echoed in it (a secret name, a formula) may hold a secret. */
  private VaultValidationException refuse(String line, String field) {
    return new VaultValidationException(scanner.redact(line), field);
  }
}
