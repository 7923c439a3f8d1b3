package ai.disinto.vault;

import ai.disinto.core.DisintoException;
import java.util.Optional;

/**
 * A vault action (or the arguments of a request) that was refused before anything was written.
 * Its message is one line starting {@code ERROR: }, the original validator's wording where the
 * original has one; it never repeats a secret found in the action.
 */
public final class VaultValidationException extends DisintoException {
  private static final long serialVersionUID = 1L;

  private final String errorLine;
  private final String field;

  /**
   * Creates the exception.
   *
   * @param errorLine the whole line, starting {@code ERROR: }
   * @param field the offending field of the action, or null when the problem is not one field's
   */
  public VaultValidationException(String errorLine, String field) {
    super(errorLine);
    this.errorLine = errorLine;
    this.field = field;
  }

  /**
   * The error line, exactly as the original validator writes it to stderr.
   *
   * @return {@code ERROR: ...}
   */
  public String errorLine() {
    return errorLine;
  }

  /**
   * The field of the action that was refused.
   *
   * @return the TOML key ({@code id}, {@code context}, {@code secrets}...), or empty when the
   *     problem is the whole text (invalid TOML, too large) or a request argument
   */
  public Optional<String> field() {
    return Optional.ofNullable(field);
  }
}
