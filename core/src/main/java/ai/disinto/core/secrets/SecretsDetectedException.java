package ai.disinto.core.secrets;

import ai.disinto.core.DisintoException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown by {@link SecretScanner#requireClean(String)} when text about to leave the factory holds
 * something that looks like a credential. The message names the pattern ids only; the findings
 * carry masked previews, never the secret.
 */
public class SecretsDetectedException extends DisintoException {
  private static final long serialVersionUID = 1L;

  private final transient List<SecretScanner.SecretFinding> findings;

  /**
   * Creates the exception.
   *
   * @param findings what was found; at least one
   */
  public SecretsDetectedException(List<SecretScanner.SecretFinding> findings) {
    super("secret-scan: potential secret detected (patterns: "
        + findings.stream()
            .map(SecretScanner.SecretFinding::patternId)
            .distinct()
            .collect(Collectors.joining(", "))
        + ")");
    this.findings = List.copyOf(findings);
  }

  /**
   * The findings that caused the refusal.
   *
   * @return the findings, in scan order
   */
  public List<SecretScanner.SecretFinding> findings() {
    return findings;
  }
}
