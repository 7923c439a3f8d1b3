package ai.disinto.forge.tea;

import ai.disinto.core.DisintoException;
import java.util.List;

/**
 * Label names that the repository does not have; thrown before anything is written.
 */
public class LabelNotFoundException extends DisintoException {
  private static final long serialVersionUID = 1L;

  private final List<String> missing;

  /**
   * Creates the exception.
   *
   * @param missing the names without a label, in the order asked
   */
  public LabelNotFoundException(List<String> missing) {
    super("no such label(s): " + String.join(", ", missing));
    this.missing = List.copyOf(missing);
  }

  /**
   * The names that matched no label exactly.
   *
   * @return the names, in the order asked
   */
  public List<String> missing() {
    return missing;
  }
}
