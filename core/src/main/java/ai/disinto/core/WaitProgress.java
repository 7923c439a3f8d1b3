package ai.disinto.core;

import java.time.Duration;
import java.util.Objects;

/**
 * One step of a wait, as told to a {@link WaitListener}.
 *
 * @param subject what is waited for, in a few words ({@code CI on PR #5 (pending)}, {@code lock
 *     on myproj (held by dev-bot)}); never a secret
 * @param waited how long it has been waited for so far, zero or more
 * @param limit the longest the wait will last, zero or more
 */
public record WaitProgress(String subject, Duration waited, Duration limit) {
  /** Checks that no part is missing. */
  public WaitProgress {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(waited, "waited");
    Objects.requireNonNull(limit, "limit");
  }
}
