package ai.disinto.agent.hooks;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The files through which the hooks of one agent session talk to its orchestrator.
 *
 * @param phaseFile the phase file ({@code /tmp/dev-session-<project>-<issue>.phase} by convention)
 * @param phaseMarker stamped when the phase file changes ({@code phase-changed-<session>.marker})
 * @param idleMarker stamped when Claude finishes a response ({@code claude-idle-<session>.ts})
 * @param exitMarker written when the session ends ({@code claude-exited-<session>.ts})
 * @param contextFile re-injected after compaction ({@code <phase file without .phase>.context})
 */
public record SessionFiles(
    Path phaseFile, Path phaseMarker, Path idleMarker, Path exitMarker, Path contextFile) {

  /** Checks that no file is missing. */
  public SessionFiles {
    Objects.requireNonNull(phaseFile, "phaseFile");
    Objects.requireNonNull(phaseMarker, "phaseMarker");
    Objects.requireNonNull(idleMarker, "idleMarker");
    Objects.requireNonNull(exitMarker, "exitMarker");
    Objects.requireNonNull(contextFile, "contextFile");
  }

  /**
   * The original's names: the markers in a temporary directory ({@code /tmp} in the original),
   * named after the session, and the context file beside the phase file.
   *
   * @param tmpDir the directory of the markers
   * @param session the session name
   * @param phaseFile the phase file
   * @return the files
   */
  public static SessionFiles defaults(Path tmpDir, String session, Path phaseFile) {
    String name = phaseFile.getFileName().toString();
    String stem = name.endsWith(".phase") ? name.substring(0, name.length() - ".phase".length()) : name;
    return new SessionFiles(
        phaseFile,
        tmpDir.resolve("phase-changed-" + session + ".marker"),
        tmpDir.resolve("claude-idle-" + session + ".ts"),
        tmpDir.resolve("claude-exited-" + session + ".ts"),
        phaseFile.resolveSibling(stem + ".context"));
  }
}
