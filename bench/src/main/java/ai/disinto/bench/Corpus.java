package ai.disinto.bench;

import java.util.Random;

/**
 * Deterministic inputs shared by the JMH benchmarks and the side-by-side runner: texts shaped
 * like what a factory scans and parses every cycle. Every generator uses a fixed seed, so two runs
 * (and the JMH benchmarks and {@link SideBySide}) see byte-identical inputs.
 */
public final class Corpus {
  /** The number of secrets planted in {@link #ciLog64k()}. */
  public static final int CI_LOG_SECRETS = 3;

  private static final String[] WORDS = {
    "agent", "worktree", "branch", "review", "pipeline", "merge", "forge", "label", "backlog",
    "retry", "timeout", "config", "parser", "cache", "commit", "formula", "session", "deploy",
    "the", "a", "of", "and", "to", "when", "then", "it", "we", "should", "now", "not", "with",
  };

  private Corpus() {}

  /**
   * A clean pull request body of about 4 KB: summary prose, a change list with file paths, commit
   * references, a forge link, {@code ${VAR}} references, a code block and a checklist. No secret.
   *
   * @return the body
   */
  public static String prBody4k() {
    Random rnd = new Random(4096);
    StringBuilder b = new StringBuilder(4300);
    b.append("## Summary\n\n").append(prose(rnd, 60)).append("\n\nFixes #412\n\n");
    b.append("## Changes\n\n");
    String[] files = {"lib/issue-lifecycle.sh", "lib/pr-lifecycle.sh", "dev/dev-agent.sh",
      "review/review-pr.sh", "lib/env.sh", "formulas/run-planner.toml"};
    for (int i = 0; b.length() < 2600; i++) {
      b.append("- `").append(files[i % files.length]).append("`: ").append(prose(rnd, 18))
          .append('\n');
    }
    b.append("\nRebased onto commit ").append(hex(rnd, 40)).append(" after the review.\n");
    b.append("Previous run: https://codeberg.org/johba/disinto/pulls/411\n\n");
    b.append("```bash\n")
        .append("curl -sf -H \"Authorization: token ${FORGE_TOKEN}\" \\\n")
        .append("  \"${FORGE_API}/issues?state=open&labels=backlog&limit=50\"\n")
        .append("# shellcheck disable=SC2086\n")
        .append("git -C \"$WORKTREE\" push origin \"$BRANCH\"\n")
        .append("```\n\n");
    b.append("## Test plan\n\n");
    while (b.length() < 4096 - 80) {
      b.append("- [x] ").append(prose(rnd, 10)).append('\n');
    }
    return b.toString();
  }

  /**
   * A CI log of 64 KB: timestamped build, test and container lines with {@value #CI_LOG_SECRETS}
   * secrets at a quarter, half and three quarters of the way: an AWS access key, a
   * {@code TOKEN=} assignment and a bearer token in a curl trace.
   *
   * @return the log
   */
  public static String ciLog64k() {
    Random rnd = new Random(65536);
    int size = 64 * 1024;
    StringBuilder b = new StringBuilder(size + 200);
    int planted = 0;
    for (int line = 0; b.length() < size - 200; line++) {
      int before = b.length();
      b.append(String.format("[%02d:%02d:%02d.%03d] ", 12 + line / 3600 % 12, line / 60 % 60,
          line % 60, rnd.nextInt(1000)));
      switch (rnd.nextInt(6)) {
        case 0 -> b.append("+ go test ./... -run Test").append(word(rnd)).append(" -count=1");
        case 1 -> b.append("ok  \tcodeberg.org/johba/harb/").append(word(rnd)).append('\t')
            .append(rnd.nextInt(9)).append('.').append(rnd.nextInt(1000)).append("s");
        case 2 -> b.append("Step ").append(rnd.nextInt(40)).append("/40 : RUN npm ci --quiet");
        case 3 -> b.append("HEAD is now at ").append(hex(rnd, 7)).append(' ').append(prose(rnd, 6));
        case 4 -> b.append("added ").append(rnd.nextInt(900)).append(" packages in ")
            .append(rnd.nextInt(60)).append("s");
        default -> b.append(prose(rnd, 8));
      }
      b.append('\n');
      if (planted < CI_LOG_SECRETS && before > size * (planted + 1) / (CI_LOG_SECRETS + 1)) {
        switch (planted) {
          case 0 -> b.append("export AWS_ACCESS_KEY_ID=AKIA").append(upperAlnum(rnd, 16));
          case 1 -> b.append("echo TOKEN=").append(alnum(rnd, 32)).append(" >> .env");
          default -> b.append("> Authorization: Bearer ").append(alnum(rnd, 40));
        }
        b.append('\n');
        planted++;
      }
    }
    b.append("Pipeline finished with exit code 1\n");
    return b.toString();
  }

  /**
   * A typical issue body (about 1.5 KB): a description, a {@code ## Dependencies} section with
   * three references, an inline "depends on", a fenced block that mentions a dependency (ignored)
   * and a {@code ## Related} section (ignored).
   *
   * @return the body
   */
  public static String issueBodyTypical() {
    Random rnd = new Random(1500);
    return "## Problem\n\n" + prose(rnd, 70) + "\n\n"
        + "## Proposal\n\n" + prose(rnd, 60) + "\n\nThis depends on #318 being merged first.\n\n"
        + "```\n# blocked by #999 is only an example here\nbash lib/parse-deps.sh < body.md\n```\n\n"
        + "## Dependencies\n\n- #301 forge client retries\n- #305 (label cache)\n- [ ] #312\n\n"
        + "## Related\n\n- #290, #291 (siblings, not blockers)\n\n"
        + "## Acceptance\n\n- [ ] " + prose(rnd, 14) + "\n- [ ] " + prose(rnd, 14) + "\n";
  }

  /**
   * A large issue body (about 64 KB): a planner's epic with many sections, 400 issue references of
   * which some are dependencies (sections and inline), fenced code blocks and related lists.
   *
   * @return the body
   */
  public static String issueBodyLarge() {
    Random rnd = new Random(65000);
    StringBuilder b = new StringBuilder(66_000);
    b.append("# Epic: ").append(prose(rnd, 6)).append("\n\n");
    for (int section = 0; b.length() < 64 * 1024 - 600; section++) {
      switch (section % 5) {
        case 0 -> {
          b.append("## Dependencies\n\n");
          for (int i = 0; i < 8; i++) {
            b.append("- #").append(100 + rnd.nextInt(900)).append(' ').append(prose(rnd, 5))
                .append('\n');
          }
        }
        case 1 -> b.append("## Notes\n\n").append(prose(rnd, 120)).append(" Blocked by #")
            .append(100 + rnd.nextInt(900)).append(".\n");
        case 2 -> b.append("```bash\n# depends on #").append(rnd.nextInt(99))
            .append(" (inside a fence)\n").append("for i in 1 2 3; do echo \"#$i\"; done\n```\n");
        case 3 -> {
          b.append("## Related\n\n");
          for (int i = 0; i < 6; i++) {
            b.append("- #").append(1000 + rnd.nextInt(9000)).append('\n');
          }
        }
        default -> b.append("### Step ").append(section).append("\n\n").append(prose(rnd, 90))
            .append(" See #").append(rnd.nextInt(5000)).append(".\n");
      }
      b.append('\n');
    }
    return b.toString();
  }

  private static String prose(Random rnd, int words) {
    StringBuilder b = new StringBuilder(words * 7);
    for (int i = 0; i < words; i++) {
      if (i > 0) {
        b.append(' ');
      }
      b.append(word(rnd));
    }
    return b.toString();
  }

  private static String word(Random rnd) {
    return WORDS[rnd.nextInt(WORDS.length)];
  }

  private static String hex(Random rnd, int n) {
    return chars(rnd, n, "0123456789abcdef");
  }

  private static String alnum(Random rnd, int n) {
    return chars(rnd, n, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");
  }

  private static String upperAlnum(Random rnd, int n) {
    return chars(rnd, n, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
  }

  private static String chars(Random rnd, int n, String alphabet) {
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
    }
    return b.toString();
  }
}
