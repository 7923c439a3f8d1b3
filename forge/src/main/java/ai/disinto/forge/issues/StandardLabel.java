package ai.disinto.forge.issues;

/**
 * The three workflow labels the issue lifecycle moves issues between, with the colour each is
 * created with when the repository lacks it. Mirrors {@code _ilc_backlog_id}, {@code
 * _ilc_in_progress_id} and {@code _ilc_blocked_id} in lib/issue-lifecycle.sh.
 */
public enum StandardLabel {
  /** {@code backlog}: ready to be picked up. */
  BACKLOG("backlog", "#0075ca"),
  /** {@code in-progress}: claimed by an agent. */
  IN_PROGRESS("in-progress", "#1d76db"),
  /** {@code blocked}: an agent gave up on it; see the diagnostic comment. */
  BLOCKED("blocked", "#e11d48");

  private final String labelName;
  private final String color;

  StandardLabel(String labelName, String color) {
    this.labelName = labelName;
    this.color = color;
  }

  /**
   * The label's name on the forge.
   *
   * @return such as {@code in-progress}
   */
  public String labelName() {
    return labelName;
  }

  /**
   * The colour the label is created with when missing.
   *
   * @return {@code #rrggbb}
   */
  public String color() {
    return color;
  }
}
