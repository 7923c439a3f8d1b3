package ai.disinto.agent.formula;

/**
 * The two one-shot prompts of the {@code .profile} flow, with the original's sections and data in
 * the original's order, in this port's own words.
 */
final class ProfilePrompts {
  private ProfilePrompts() {}

  static String digest(String existingLessons, String entries) {
    return "You are condensing the journal a developer agent kept over its work sessions.\n"
        + "\n"
        + "## Task\n"
        + "Turn these journal entries into general lessons that carry over to other work, and"
        + " write lessons-learned.md anew from start to end.\n"
        + "\n"
        + "## Constraints\n"
        + "- At most 2KB in total\n"
        + "- General: patterns and rules of thumb, no particular issues or file paths\n"
        + "- Transferable: useful for future work nobody has seen yet, not a record of past work\n"
        + "- Over the limit, leave out the lessons that carry over least\n"
        + "\n"
        + "## Existing lessons-learned.md (if any)\n"
        + existingLessons + "\n"
        + "\n"
        + "## Journal entries to digest\n"
        + entries + "\n"
        + "\n"
        + "## Output\n"
        + "Answer with the whole new lessons-learned.md and nothing else: no introduction, no"
        + " comments.";
  }

  static String journal(String issue, String title, String outcome, String summary) {
    return "You are looking back on a development session. Write a short journal entry about"
        + " the lessons from it that carry over to other work.\n"
        + "\n"
        + "## Session context\n"
        + "- Issue: #" + issue + " — " + title + "\n"
        + "- Outcome: " + outcome + "\n"
        + "\n"
        + summary + "\n"
        + "\n"
        + "## Task\n"
        + "Write down what you learned that would make similar work go better next time.\n"
        + "\n"
        + "## Constraints\n"
        + "- Short (100-200 words)\n"
        + "- Lessons that carry over, not an account of what you did\n"
        + "- General patterns and rules of thumb, no particular issues or files\n"
        + "- One entry in prose, not a list\n"
        + "\n"
        + "## Output\n"
        + "Answer with the journal entry in markdown.";
  }
}
