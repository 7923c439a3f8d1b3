package ai.disinto.vault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Classifies a formula's blast radius from the ops repo's {@code vault/policy.toml}. Mirrors
 * {@code vault/classify.sh}: an exact {@code low|medium|high} override wins; otherwise the first
 * entry {@code <formula> = "<tier>"} at column 0 of the {@code [tiers]} section; anything else (no
 * policy, no section, no entry, an invalid or single-quoted value, an unreadable file) is {@link
 * Tier#HIGH}, default-deny. Pure: it reads the policy once, when built, and changes nothing.
 *
 * <p>The lookup reads the file by lines, as the original does, not as TOML, so that both answer
 * the same for every policy file an operator may have written.
 */
public final class BlastRadiusClassifier {
  private static final Logger LOG = LoggerFactory.getLogger(BlastRadiusClassifier.class);
  private static final Pattern VALUE = Pattern.compile("^[^=]+=\\s*\"([^\"]+)\".*", Pattern.DOTALL);

  private final String policy;

  private BlastRadiusClassifier(String policy) {
    this.policy = policy;
  }

  /**
   * A classifier for the policy file at {@code policyFile}, normally {@code
   * {OPS_REPO_ROOT}/vault/policy.toml}. A missing or unreadable file classifies every formula
   * {@link Tier#HIGH} (logged at DEBUG for a missing file, WARN for an unreadable one).
   *
   * @param policyFile the policy file
   */
  public BlastRadiusClassifier(Path policyFile) {
    this(read(policyFile));
  }

  /**
   * A classifier for policy text already in hand (the ops repo's copy read from the forge).
   *
   * @param policyToml the text of a {@code policy.toml}
   * @return the classifier
   */
  public static BlastRadiusClassifier ofPolicyText(String policyToml) {
    return new BlastRadiusClassifier(policyToml == null ? "" : policyToml);
  }

  /**
   * A classifier without a policy: every formula is {@link Tier#HIGH} unless overridden.
   *
   * @return the classifier
   */
  public static BlastRadiusClassifier denyAll() {
    return new BlastRadiusClassifier("");
  }

  private static String read(Path file) {
    if (!Files.isRegularFile(file)) {
      LOG.debug("vault: no policy file at {}, every formula is high", file);
      return "";
    }
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      LOG.warn("vault: cannot read policy file {}, every formula is high: {}", file, e.toString());
      return "";
    }
  }

  /**
   * The tier of {@code formula}. Mirrors {@code classify.sh <formula> [override]}.
   *
   * @param formula the formula name, as in the action's {@code formula} field
   * @param override an override tier; used only when it is exactly {@code low}, {@code medium} or
   *     {@code high}; null or anything else is ignored
   * @return the tier
   * @throws IllegalArgumentException when {@code formula} is null or empty (classify.sh's usage
   *     error)
   */
  public Tier classify(String formula, String override) {
    if (formula == null || formula.isEmpty()) {
      throw new IllegalArgumentException("formula name is required");
    }
    Optional<Tier> forced = Tier.parse(override);
    if (forced.isPresent()) {
      return forced.get();
    }
    return policyTier(formula);
  }

  /**
   * The tier the policy gives {@code formula}, without any override.
   *
   * @param formula the formula name
   * @return the tier, {@link Tier#HIGH} when the policy has no valid entry for it
   * @throws IllegalArgumentException when {@code formula} is null or empty
   */
  public Tier policyTier(String formula) {
    if (formula == null || formula.isEmpty()) {
      throw new IllegalArgumentException("formula name is required");
    }
    Pattern entry = entryPattern(formula);
    if (entry == null) {
      return Tier.HIGH;
    }
    boolean inTiers = false;
    for (String line : policy.split("\n", -1)) {
      // sed's range /^\[tiers\]/,/^\[/: the closing line is tested from the line after the opening.
      if (!inTiers) {
        inTiers = line.startsWith("[tiers]");
        continue;
      }
      if (line.startsWith("[")) {
        inTiers = false;
        continue;
      }
      if (entry.matcher(line).find()) {
        Matcher m = VALUE.matcher(line);
        return Tier.parse(m.matches() ? m.group(1) : line).orElse(Tier.HIGH);
      }
    }
    return Tier.HIGH;
  }

  /**
   * The entry pattern classify.sh builds: the formula with {@code ] . [ * ^ $ \} escaped and the
   * other extended-regex characters left active, as grep -E reads them.
   */
  private static Pattern entryPattern(String formula) {
    StringBuilder re = new StringBuilder("^");
    for (char c : formula.toCharArray()) {
      if ("].[*^$\\".indexOf(c) >= 0) {
        re.append('\\');
      }
      re.append(c);
    }
    re.append("\\s*=");
    try {
      return Pattern.compile(re.toString());
    } catch (PatternSyntaxException e) {
      // grep exits 2 on a broken expression; classify.sh swallows it and answers high.
      return null;
    }
  }
}
