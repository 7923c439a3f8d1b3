package ai.disinto.forge.pulls;

import java.util.OptionalLong;

/**
 * The texts the walk hands to the agent, and the git workflow text of {@code
 * build_phase_protocol_prompt}. The agent prompts keep the original's values and layout (the
 * first line, the pipeline and failure type lines, the log sections and the git commands).
 */
final class Prompts {
  private Prompts() {}

  static String ciFix(long pr, int attempt, int max, OptionalLong pipeline, String failureType,
      String errorLog, String stepLogs, String primary, String remote) {
    String logs = stepLogs.isEmpty() ? ""
        : "\nCI Log Output (last 50 lines):\n```\n" + stepLogs + "\n```\n";
    return "CI failed on PR #" + pr + " (attempt " + attempt + "/" + max + ").\n"
        + "\n"
        + "Pipeline: #" + (pipeline.isPresent() ? Long.toString(pipeline.getAsLong()) : "?") + "\n"
        + "Failure type: " + failureType + "\n"
        + "\n"
        + "Error log:\n"
        + (errorLog.isEmpty() ? "No logs available." : errorLog) + logs + "\n"
        + "\n"
        + "Fix what broke, run the tests, commit, rebase on " + primary + " and push:\n"
        + gitCommands(primary, remote);
  }

  static String rebase(long pr, String mergeError, String primary, String remote) {
    return "PR #" + pr + " approved but merge failed: "
        + (mergeError.isEmpty() ? "unknown" : mergeError) + "\n"
        + "\n"
        + "Rebase onto " + primary + " and push:\n"
        + gitCommands(primary, remote);
  }

  static String review(long pr, int round, int max, String reviewText, String primary,
      String remote) {
    return "Review feedback (round " + round + "/" + max + ") on PR #" + pr + ":\n"
        + "\n"
        + (reviewText.isEmpty() ? "No review text available." : reviewText) + "\n"
        + "\n"
        + "Address every point of the review. Run the linters and the tests.\n"
        + "Commit, rebase on " + primary + " and push:\n"
        + gitCommands(primary, remote);
  }

  /** The exact text of {@code build_phase_protocol_prompt}, without its final newline. */
  static String phaseProtocol(String branch, String remote, String primary) {
    String r = remote;
    String p = primary;
    return "## Git workflow\n"
        + "\n"
        + "After implementing changes:\n"
        + "1. Stage and commit with a descriptive message.\n"
        + "2. Rebase on the target branch before pushing:\n"
        + "   git fetch " + r + " " + p + " && git rebase " + r + "/" + p + "\n"
        + "3. Push your branch:\n"
        + "   git push " + r + " " + branch + "\n"
        + "   If rejected, use: git push --force-with-lease " + r + " " + branch + "\n"
        + "\n"
        + "If you encounter rebase conflicts:\n"
        + "1. Resolve conflicts in the affected files.\n"
        + "2. Stage resolved files: git add <files>\n"
        + "3. Continue rebase: git rebase --continue\n"
        + "4. Push with --force-with-lease.";
  }

  private static String gitCommands(String primary, String remote) {
    return "  git fetch " + remote + " " + primary + " && git rebase " + remote + "/" + primary
        + "\n"
        + "  git push --force-with-lease " + remote + " HEAD";
  }
}
