package ai.disinto.examples.demo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The small real project the demo seeds, its backlog, and what the scripted agent does for each
 * issue: a bash tool {@code widgets.sh} with a test script that CI runs through {@code
 * .woodpecker.yml}. Each issue's work is a list of shell commands, which the scripted model hands
 * to Claude Code as {@code Bash} tool calls (or the demo runs itself when it falls back to the fake
 * {@code claude}).
 */
final class DemoProject {
  /** The line the failing test prints; the CI-fix prompt carries it. */
  static final String FAILING_LINE = "FAIL: add must refuse the name Gear";

  private DemoProject() {}

  /** What the agent does for one prompt: shell commands in the worktree, then a closing text. */
  record Script(List<String> commands, String finalText) {
    Script {
      commands = List.copyOf(commands);
    }
  }

  /** One backlog issue and the agent's work on it. */
  /**
   * One backlog issue.
   *
   * @param feature the feature's short name, also its test file {@code tests/<feature>.sh}
   * @param title the issue title
   * @param body the issue body
   * @param test the test the agent adds
   * @param buggyFirst whether the agent's first attempt fails the test (in CI)
   */
  record Task(String feature, String title, String body, String test, boolean buggyFirst) {}

  /** The files on {@code main} before the first cycle. */
  static Map<String, String> files() {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("README.md", """
        # widgets

        A tiny registry of widget names, one per line in `widgets.txt`.

            bash widgets.sh add gear
            bash widgets.sh list

        `bash test.sh` runs the tests (CI runs it on every pull request).
        """);
    f.put("widgets.sh", WIDGETS_V0);
    f.put("test.sh", """
        #!/usr/bin/env bash
        # Runs every test: the checks below, then each tests/*.sh.
        set -euo pipefail
        export WIDGETS_DB="$PWD/.test-widgets.txt"
        trap 'rm -f "$WIDGETS_DB"' EXIT
        fail() { echo "FAIL: $*"; exit 1; }
        fresh() { rm -f "$WIDGETS_DB"; }

        fresh
        bash widgets.sh add gear
        bash widgets.sh add bolt
        [ "$(bash widgets.sh list)" = "$(printf 'gear\\nbolt')" ] || fail "list shows what was added"
        echo "ok: add and list"

        for t in tests/*.sh; do
          [ -f "$t" ] || continue
          fresh
          . "$t"
        done
        echo "ok: all tests passed"
        """);
    f.put(".woodpecker.yml", """
        when:
          - event: pull_request
          - event: push
            branch: main
        steps:
          - name: test
            image: bash
            commands:
              - bash test.sh
        """);
    return f;
  }

  private static final String WIDGETS_V0 = widgets(Set.of(), "");

  /**
   * {@code widgets.sh} with some of the backlog's features: {@code count}, a name check with a
   * pattern (empty for none) and {@code unique}. The agent writes the whole file from what is
   * already merged plus its own feature, so the order the factory picks the issues in does not
   * matter.
   */
  static String widgets(Set<String> features, String namePattern) {
    StringBuilder add = new StringBuilder();
    if (!namePattern.isEmpty()) {
      add.append("""
              if ! [[ "$2" =~ %s ]]; then
                echo "widgets: invalid name: $2" >&2; exit 1
              fi
          """.formatted(namePattern));
    }
    if (features.contains("unique")) {
      add.append("""
              if [ -f "$db" ] && grep -qxF -- "$2" "$db"; then
                echo "widgets: already there: $2" >&2; exit 1
              fi
          """);
    }
    boolean count = features.contains("count");
    return """
        #!/usr/bin/env bash
        # widgets: a tiny registry of widget names.
        set -euo pipefail
        db="${WIDGETS_DB:-widgets.txt}"
        case "${1:-}" in
          list) if [ -f "$db" ]; then cat "$db"; fi ;;
          add)
        %s    echo "$2" >> "$db" ;;
        %s  *) echo "usage: widgets.sh list|add NAME%s" >&2; exit 64 ;;
        esac
        """.formatted(add, count
            ? "  count) if [ -f \"$db\" ]; then wc -l < \"$db\" | tr -d ' '; else echo 0; fi ;;\n"
            : "", count ? "|count" : "");
  }

  private static String write(String path, String content) {
    String dir = path.contains("/") ? "mkdir -p " + path.substring(0, path.lastIndexOf('/'))
        + " && " : "";
    return dir + "cat > " + path + " <<'WIDGETS_EOF'\n" + content + "WIDGETS_EOF";
  }

  private static String commitAndPush(String message) {
    return "git add -A && git commit -q -m '" + message + "' && git push -q origin HEAD";
  }

  /**
   * The backlog, in issue number order; the third depends on the second. The second's first
   * attempt lets an upper-case name through, which its own test catches in CI; the fix is what the
   * agent pushes after reading the failing log.
   */
  static List<Task> backlog() {
    return List.of(
        new Task("count", "Count the widgets",
            "`widgets.sh count` prints how many widgets there are (0 without a file).", """
                bash widgets.sh add gear
                bash widgets.sh add bolt
                [ "$(bash widgets.sh count)" = 2 ] || fail "count after two adds"
                echo "ok: count"
                """, false),
        new Task("names", "Check widget names on add",
            "`widgets.sh add` refuses a name that is not lower-case letters and digits:"
                + " message on stderr, exit 1.", """
                bash widgets.sh add gear9 || fail "add takes gear9"
                if bash widgets.sh add Gear 2>/dev/null; then fail "add must refuse the name Gear"; fi
                if bash widgets.sh add 'a b' 2>/dev/null; then fail "add must refuse a space"; fi
                echo "ok: names"
                """, true),
        new Task("unique", "Refuse duplicate widget names",
            "`widgets.sh add` refuses a name that is already there.\n\n## Depends on\n- #2", """
                bash widgets.sh add gear
                if bash widgets.sh add gear 2>/dev/null; then fail "add must refuse a duplicate"; fi
                [ "$(bash widgets.sh list)" = gear ] || fail "a refused duplicate is not stored"
                echo "ok: unique"
                """, false));
  }

  /**
   * The agent's first attempt at a task, given the features already merged: the whole {@code
   * widgets.sh} and the task's test, committed and pushed. The first task the factory works on
   * also tries a push to {@code main} first, which the PreToolUse guard refuses.
   */
  static Script firstAttempt(Task task, Set<String> merged, boolean tryPrimaryFirst) {
    Set<String> with = new HashSet<>(merged);
    with.add(task.feature());
    String pattern = !with.contains("names") ? ""
        : task.buggyFirst() ? "^[A-Za-z0-9]+$" : "^[a-z0-9]+$";
    List<String> commands = new ArrayList<>();
    String files = write("widgets.sh", widgets(with, pattern)) + "\n"
        + write("tests/" + task.feature() + ".sh", task.test()) + "\n";
    String message = "widgets: " + task.title().toLowerCase(Locale.ROOT);
    // Few tool calls: each one runs the hooks, and each hook is a JVM start.
    if (tryPrimaryFirst) {
      commands.add(files + "git add -A && git commit -q -m '" + message + "'");
      commands.add("git push -q origin HEAD:main");
      commands.add("git push -q origin HEAD");
    } else {
      commands.add(files + commitAndPush(message));
    }
    return new Script(commands, "Done: " + task.title() + "; pushed the branch"
        + (tryPrimaryFirst ? " (the guard refused a push to main)." : "."));
  }

  /** The agent's answer to a CI failure of a task: the fix, committed and pushed. */
  static Script ciFix(Task task) {
    if (!task.buggyFirst()) {
      return new Script(List.of("bash test.sh"), "The tests pass here; nothing to fix.");
    }
    return new Script(List.of(
        "sed -i 's/\\[A-Za-z0-9\\]/[a-z0-9]/' widgets.sh && bash test.sh && "
            + commitAndPush("widgets: names are lower-case only")),
        "CI showed that Gear was accepted: the pattern allowed upper case. Fixed; pushed.");
  }
}
