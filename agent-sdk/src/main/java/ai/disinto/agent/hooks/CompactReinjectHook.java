package ai.disinto.agent.hooks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The SessionStart hook (matcher {@code compact}): after Claude Code compacts the context, hands
 * the session's context file (the phase protocol and the task) back on standard output, which
 * Claude Code adds to the model's context. Mirrors {@code lib/hooks/on-compact-reinject.sh}.
 */
public final class CompactReinjectHook {
  private final Optional<Path> contextFile;

  /**
   * A hook for one session.
   *
   * @param contextFile the context file ({@code <phase file without .phase>.context}); empty
   *     hands back nothing
   */
  public CompactReinjectHook(Optional<Path> contextFile) {
    this.contextFile = Objects.requireNonNull(contextFile, "contextFile");
  }

  /**
   * The context to re-inject: the file's text as it is, or nothing when it is not a regular file.
   *
   * @return the outcome, with the text as its output
   * @throws IOException when the file exists but cannot be read
   */
  public HookOutcome handle() throws IOException {
    Optional<byte[]> bytes = bytes();
    return bytes.isEmpty() ? HookOutcome.allow()
        : HookOutcome.output(new String(bytes.get(), StandardCharsets.UTF_8));
  }

  /**
   * The context file's bytes exactly, for a caller that copies them to standard output.
   *
   * @return the bytes, or empty when there is no context file or it is not a regular file
   * @throws IOException when the file exists but cannot be read
   */
  public Optional<byte[]> bytes() throws IOException {
    if (contextFile.isEmpty() || !Files.isRegularFile(contextFile.get())) {
      return Optional.empty();
    }
    return Optional.of(Files.readAllBytes(contextFile.get()));
  }
}
