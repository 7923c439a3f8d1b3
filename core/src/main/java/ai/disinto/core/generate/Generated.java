package ai.disinto.core.generate;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of generating one file.
 *
 * @param result whether the file was written or left alone because it existed
 * @param file the file's path
 * @param warnings what the caller should tell the operator (the original's {@code Warning:} lines
 *     without that prefix); empty when there is nothing to say
 */
public record Generated(GenerationResult result, Path file, List<String> warnings) {
  /** Checks the parts and freezes the warnings. */
  public Generated {
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(file, "file");
    warnings = List.copyOf(warnings);
  }

  /**
   * Whether the file was written by this call.
   *
   * @return true for {@link GenerationResult#CREATED}
   */
  public boolean created() {
    return result == GenerationResult.CREATED;
  }
}
