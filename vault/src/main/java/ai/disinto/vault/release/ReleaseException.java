package ai.disinto.vault.release;

import ai.disinto.core.DisintoException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A release that stopped. Its lines are the original's {@code Error: ...} messages (the usage
 * lines for a missing version), and it says whether the vault item had already been written.
 */
public final class ReleaseException extends DisintoException {
  private static final long serialVersionUID = 1L;

  private final String errorLines;
  private final transient Path vaultFile;

  /**
   * Creates the exception.
   *
   * @param errorLines the message lines, joined with newlines, no trailing newline
   * @param vaultFile the vault item written before the failure, or null
   */
  public ReleaseException(String errorLines, Path vaultFile) {
    super(errorLines);
    this.errorLines = errorLines;
    this.vaultFile = vaultFile;
  }

  /**
   * The original's error lines, as it prints them on stderr.
   *
   * @return the lines joined with newlines
   */
  public String errorLines() {
    return errorLines;
  }

  /**
   * The vault item written before the release stopped (the original has printed {@code Created
   * vault item: <path>} by then).
   *
   * @return the file, when it was written
   */
  public Optional<Path> vaultFile() {
    return Optional.ofNullable(vaultFile);
  }
}
