package ai.disinto.agent.hooks;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The StopFailure hook: when a turn ends on an API error (rate limit, server error, billing,
 * authentication), writes {@code PHASE:failed} with the reason at once, so the orchestrator does not
 * wait for the idle timeout. Mirrors {@code lib/hooks/on-stop-failure.sh}.
 *
 * <p>The reason is the first present of {@code stop_reason}, {@code error} (the field Claude Code
 * sends; the original does not read it and so reports {@code unknown}), {@code matched_hook},
 * {@code reason} and {@code type}, else {@code unknown} (also when it is empty). A terminal phase
 * ({@link PhaseFile#TERMINAL}) is left alone. The phase file becomes
 * {@code PHASE:failed\nReason: api_error: <reason>\n}, written atomically, and the marker, when
 * given, gets {@code <epoch seconds>\n}.
 */
public final class StopFailureHook {
  private static final Logger LOG = LoggerFactory.getLogger(StopFailureHook.class);

  private final Path phaseFile;
  private final Optional<Path> marker;
  private final Clock clock;

  /**
   * A hook for one session.
   *
   * @param phaseFile the session's phase file
   * @param marker the phase-changed marker to stamp, if any
   * @param clock the time source of the stamp
   */
  public StopFailureHook(Path phaseFile, Optional<Path> marker, Clock clock) {
    this.phaseFile = Objects.requireNonNull(phaseFile, "phaseFile");
    this.marker = Objects.requireNonNull(marker, "marker");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The reason recorded for an event.
   *
   * @param input the StopFailure event
   * @return the error's name, or {@code unknown}
   */
  public static String reasonOf(HookInput input) {
    String r = input.firstOf("stop_reason", "error", "matched_hook", "reason", "type").orElse("");
    return r.isEmpty() ? "unknown" : r;
  }

  /**
   * Records the failure unless the phase is already terminal.
   *
   * @param input the StopFailure event
   * @return the outcome, naming the files written (none when the phase was terminal)
   * @throws IOException when the phase file or the marker cannot be written
   */
  public HookOutcome handle(HookInput input) throws IOException {
    String existing = PhaseFile.read(phaseFile);
    if (PhaseFile.isTerminal(existing)) {
      LOG.debug("phase file {} holds {}; left alone", phaseFile, existing);
      return HookOutcome.allow();
    }
    String reason = reasonOf(input);
    HookFiles.write(phaseFile, "PHASE:failed\nReason: api_error: " + reason + "\n");
    List<Path> written = new ArrayList<>(List.of(phaseFile));
    if (marker.isPresent()) {
      HookFiles.stamp(marker.get(), clock);
      written.add(marker.get());
    }
    LOG.debug("phase file {} set to PHASE:failed ({})", phaseFile, reason);
    return HookOutcome.wrote(written);
  }
}
