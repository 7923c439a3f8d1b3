package ai.disinto.forge.setup;

import java.util.List;
import java.util.Objects;

/**
 * What {@link OpsSetup#migrate} did.
 *
 * @param status what the migration found
 * @param created the files it created, relative to the ops root, in canonical order
 * @param pushed whether the migration commit reached the forge
 */
public record MigrationResult(Status status, List<String> created, boolean pushed) {

  /** What the migration found. */
  public enum Status {
    /** No ops root was given or configured. */
    SKIPPED_NO_ROOT,
    /** The ops root is not a git checkout. */
    SKIPPED_NOT_GIT,
    /** Every canonical file was there. */
    NOTHING_TO_DO,
    /** Missing files were created and committed. */
    MIGRATED
  }

  /** Checks that nothing is null and freezes the list. */
  public MigrationResult {
    Objects.requireNonNull(status, "status");
    created = List.copyOf(created);
  }
}
