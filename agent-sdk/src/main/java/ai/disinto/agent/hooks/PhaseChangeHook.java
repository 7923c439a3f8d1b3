package ai.disinto.agent.hooks;

import ai.disinto.agent.hooks.ShellScript.Command;
import ai.disinto.agent.hooks.ShellScript.Redirect;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostToolUse hook (matcher {@code Bash|Write|Edit|MultiEdit}) that notices a write of the
 * phase file and stamps a marker ({@code <epoch seconds>\n}), so the orchestrator reacts at once
 * instead of at its next poll. Mirrors {@code lib/hooks/on-phase-change.sh}.
 *
 * <p>A write is: a Write, Edit or MultiEdit call whose {@code file_path} is the phase file; or a Bash
 * command that redirects output into it ({@code >}, {@code >>}, {@code >|}, {@code &>}) or names it
 * as an operand of {@code tee}, {@code cp}, {@code mv}, {@code install}, {@code touch},
 * {@code truncate} or {@code sed -i}. Reading it ({@code cat phase 2>/dev/null}) is not a write:
 * the original counts any {@code >} in a command that mentions the file, and misses Edit and
 * MultiEdit.
 */
public final class PhaseChangeHook {
  private static final Logger LOG = LoggerFactory.getLogger(PhaseChangeHook.class);
  private static final Set<String> FILE_TOOLS = Set.of("Write", "Edit", "MultiEdit");
  private static final Set<String> WRITERS = Set.of("tee", "cp", "mv", "install", "touch", "truncate");

  private final Path phaseFile;
  private final Path marker;
  private final Clock clock;

  /**
   * A hook for one session.
   *
   * @param phaseFile the phase file to watch
   * @param marker the marker to stamp when it is written
   * @param clock the time source of the stamp
   */
  public PhaseChangeHook(Path phaseFile, Path marker, Clock clock) {
    this.phaseFile = Objects.requireNonNull(phaseFile, "phaseFile");
    this.marker = Objects.requireNonNull(marker, "marker");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Stamps the marker when the tool call wrote the phase file.
   *
   * @param input the PostToolUse event
   * @return the outcome, naming the marker when it was written
   * @throws IOException when the marker cannot be written
   */
  public HookOutcome handle(HookInput input) throws IOException {
    if (!isPhaseWrite(input, phaseFile)) {
      return HookOutcome.allow();
    }
    HookFiles.stamp(marker, clock);
    LOG.debug("phase file {} written; marker {} stamped", phaseFile, marker);
    return HookOutcome.wrote(List.of(marker));
  }

  /**
   * Whether a tool call wrote a phase file.
   *
   * @param input the PostToolUse event
   * @param phaseFile the phase file
   * @return true for a write (see the class description), false for reads and other files
   */
  public static boolean isPhaseWrite(HookInput input, Path phaseFile) {
    String phase = phaseFile.toString();
    String tool = input.toolName().orElse("");
    if (FILE_TOOLS.contains(tool)) {
      return input.filePath().map(phase::equals).orElse(false);
    }
    if (!tool.equals("Bash")) {
      return false;
    }
    String command = input.command().orElse("");
    if (!command.contains(phase)) {
      return false;
    }
    for (Command c : ShellScript.commands(command)) {
      for (Redirect r : c.redirects()) {
        if (r.writes() && r.target.equals(phase)) {
          return true;
        }
      }
      boolean writer = WRITERS.contains(c.name())
          || c.name().equals("sed") && c.args().stream().anyMatch(a -> a.startsWith("-i") || a.equals("--in-place"));
      if (writer && c.args().contains(phase)) {
        return true;
      }
    }
    return false;
  }
}
