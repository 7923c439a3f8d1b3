package ai.disinto.agent.hooks;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;

/**
 * The phase file of an agent session ({@code /tmp/dev-session-<project>-<issue>.phase} by
 * convention, docs/PHASE-PROTOCOL.md): its first line, all whitespace removed, is the phase, such as
 * {@code PHASE:awaiting_ci}; {@code PHASE:failed} may carry {@code Reason: …} on the second line.
 */
public final class PhaseFile {
  /** The phases after which nothing may overwrite the file: done, merged and escalate. */
  public static final Set<String> TERMINAL = Set.of("PHASE:done", "PHASE:merged", "PHASE:escalate");

  private PhaseFile() {}

  /**
   * The phase written in a file: its first line with every whitespace character removed.
   *
   * @param file the phase file
   * @return the phase, or "" when the file is missing, unreadable or empty
   */
  public static String read(Path file) {
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line = r.readLine();
      return line == null ? "" : line.replaceAll("\\s+", "");
    } catch (NoSuchFileException e) {
      return "";
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  /**
   * Whether a phase is terminal.
   *
   * @param phase a phase as {@link #read} returns it
   * @return true for {@code PHASE:done}, {@code PHASE:merged} and {@code PHASE:escalate}
   */
  public static boolean isTerminal(String phase) {
    return TERMINAL.contains(phase);
  }
}
