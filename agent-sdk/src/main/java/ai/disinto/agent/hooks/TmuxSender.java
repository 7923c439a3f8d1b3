package ai.disinto.agent.hooks;

import java.io.IOException;

/** Types text into a tmux session and presses Enter ({@code tmux send-keys -t S TEXT Enter}). */
@FunctionalInterface
public interface TmuxSender {
  /**
   * Sends one line.
   *
   * @param session the tmux session name
   * @param text the text to type
   * @throws IOException when tmux could not be run or failed
   */
  void sendKeys(String session, String text) throws IOException;
}
