package ai.disinto.agent.hooks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Stop hook of tmux-hosted interactive sessions: stamps an idle marker when Claude finishes a
 * response, or, when Claude returned to the prompt with the phase file still empty, nudges it
 * through tmux instead (at most {@value #MAX_NUDGES} times per session). Mirrors
 * {@code lib/hooks/on-idle-stop.sh}.
 *
 * <p>The nudge counter is {@code <nudge dir>/claude-nudge-<session>.count} (the original's dir is
 * {@code /tmp}); a counter that is not a number counts as 0 (the original then stamps the marker).
 * A nudge that tmux fails to deliver still counts and still skips the marker, as in the original.
 */
public final class IdleStopHook {
  /** How many nudges a session gets before it is marked idle anyway. */
  public static final int MAX_NUDGES = 2;
  private static final Logger LOG = LoggerFactory.getLogger(IdleStopHook.class);

  private final TmuxSender tmux;
  private final Path nudgeDir;
  private final Clock clock;

  /**
   * A hook that nudges through a tmux sender.
   *
   * @param tmux what types into tmux
   * @param nudgeDir where the nudge counters live ({@code /tmp} in the original)
   * @param clock the time source of the stamp
   */
  public IdleStopHook(TmuxSender tmux, Path nudgeDir, Clock clock) {
    this.tmux = Objects.requireNonNull(tmux, "tmux");
    this.nudgeDir = Objects.requireNonNull(nudgeDir, "nudgeDir");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The counter file of a session.
   *
   * @param session the tmux session name
   * @return {@code <nudge dir>/claude-nudge-<session>.count}
   */
  public Path counterFile(String session) {
    return nudgeDir.resolve("claude-nudge-" + session + ".count");
  }

  /**
   * The text of the nudge.
   *
   * @param phaseFile the phase file Claude should have written
   * @return the line typed into the session
   */
  public static String nudgeText(Path phaseFile) {
    return "You are back at the prompt but the PHASE file is still empty. Check: (1) is the"
        + " commit-and-pr step done? (2) did you write PHASE:done or PHASE:awaiting_ci to "
        + phaseFile + "? If nothing needed changing, write PHASE:done now.";
  }

  /**
   * Stamps the idle marker or nudges.
   *
   * @param marker the idle marker
   * @param phaseFile the session's phase file, if known
   * @param session the tmux session, if known
   * @return the outcome, naming the counter (after a nudge) or the marker
   * @throws IOException when the counter or the marker cannot be written
   */
  public HookOutcome handle(Path marker, Optional<Path> phaseFile, Optional<String> session)
      throws IOException {
    if (phaseFile.isPresent() && session.isPresent() && !session.get().isEmpty()
        && Files.isRegularFile(phaseFile.get()) && Files.size(phaseFile.get()) == 0) {
      Path counter = counterFile(session.get());
      long count = readCount(counter);
      if (count < MAX_NUDGES) {
        HookFiles.write(counter, (count + 1) + "\n");
        try {
          tmux.sendKeys(session.get(), nudgeText(phaseFile.get()));
        } catch (IOException e) {
          LOG.warn("could not nudge tmux session {}: {}", session.get(), e.getMessage());
        }
        return HookOutcome.wrote(List.of(counter));
      }
    }
    HookFiles.stamp(marker, clock);
    return HookOutcome.wrote(List.of(marker));
  }

  private static long readCount(Path counter) {
    try {
      return Long.parseLong(Files.readString(counter, StandardCharsets.UTF_8).strip());
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
  }
}
