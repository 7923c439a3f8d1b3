package ai.disinto.agent.hooks;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one hook decided and did.
 *
 * <p>Claude Code reads a hook's answer from its exit status and streams; the CLI maps this record to
 * them: a {@link Decision#BLOCK} becomes exit status 2 with the {@link #reason} on standard error
 * (which Claude Code hands to the model), {@link #output} goes to standard output (for a
 * SessionStart hook, Claude Code adds it to the model's context).
 *
 * @param decision whether the tool call (or event) may proceed
 * @param rule for a block, which rule of the guard refused (such as {@code force-push}); empty
 *     otherwise
 * @param reason for a block, the explanation for the model; empty otherwise
 * @param output the text the hook hands back to Claude Code on standard output; usually empty
 * @param written the files the hook wrote, in order
 */
public record HookOutcome(
    Decision decision, Optional<String> rule, String reason, String output, List<Path> written) {

  /** Whether the tool call may proceed. */
  public enum Decision {
    /** Proceed. */
    ALLOW,
    /** Refuse the tool call; the reason goes to the model. */
    BLOCK
  }

  /** Checks the parts and freezes the list of files. */
  public HookOutcome {
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(output, "output");
    written = List.copyOf(written);
  }

  /**
   * Proceed, with nothing written.
   *
   * @return the outcome
   */
  public static HookOutcome allow() {
    return new HookOutcome(Decision.ALLOW, Optional.empty(), "", "", List.of());
  }

  /**
   * Proceed after writing files.
   *
   * @param written the files written, in order
   * @return the outcome
   */
  public static HookOutcome wrote(List<Path> written) {
    return new HookOutcome(Decision.ALLOW, Optional.empty(), "", "", written);
  }

  /**
   * Proceed, handing text back to Claude Code.
   *
   * @param output the text for standard output
   * @return the outcome
   */
  public static HookOutcome output(String output) {
    return new HookOutcome(Decision.ALLOW, Optional.empty(), "", output, List.of());
  }

  /**
   * Refuse the tool call.
   *
   * @param rule the rule that refused
   * @param reason the explanation for the model
   * @return the outcome
   */
  public static HookOutcome block(String rule, String reason) {
    return new HookOutcome(Decision.BLOCK, Optional.of(rule), reason, "", List.of());
  }

  /**
   * Whether the tool call is refused.
   *
   * @return true for {@link Decision#BLOCK}
   */
  public boolean blocked() {
    return decision == Decision.BLOCK;
  }
}
