package ai.disinto.agent.hooks;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The SessionEnd hook: writes {@code <epoch seconds> <reason>\n} to an exit marker, so a monitor
 * notices the end of the session at once. Mirrors {@code lib/hooks/on-session-end.sh}.
 *
 * <p>The reason is the first present of {@code matched_hook}, {@code reason} (what Claude Code
 * sends: {@code clear}, {@code logout}, {@code prompt_input_exit}, {@code other}…) and
 * {@code type}, else {@code unknown}.
 */
public final class SessionEndHook {
  private final Optional<Path> marker;
  private final Clock clock;

  /**
   * A hook for one session.
   *
   * @param marker the exit marker; empty writes nothing
   * @param clock the time source of the stamp
   */
  public SessionEndHook(Optional<Path> marker, Clock clock) {
    this.marker = Objects.requireNonNull(marker, "marker");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The reason recorded for an event.
   *
   * @param input the SessionEnd event
   * @return the reason, or {@code unknown}
   */
  public static String reasonOf(HookInput input) {
    String r = input.firstOf("matched_hook", "reason", "type").orElse("");
    return r.isEmpty() ? "unknown" : r;
  }

  /**
   * Writes the exit marker.
   *
   * @param input the SessionEnd event
   * @return the outcome, naming the marker when one was written
   * @throws IOException when the marker cannot be written
   */
  public HookOutcome handle(HookInput input) throws IOException {
    if (marker.isEmpty()) {
      return HookOutcome.allow();
    }
    HookFiles.write(marker.get(), clock.instant().getEpochSecond() + " " + reasonOf(input) + "\n");
    return HookOutcome.wrote(List.of(marker.get()));
  }
}
