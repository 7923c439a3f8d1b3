package ai.disinto.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.ForgePath;
import ai.disinto.forge.client.model.Branch;
import ai.disinto.forge.client.model.Comment;
import ai.disinto.forge.client.model.Issue;
import ai.disinto.forge.client.model.Label;
import ai.disinto.forge.client.model.PullRequest;
import ai.disinto.forge.client.model.User;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What the forge holds after a case, read by a referee client, and the invariants over it. */
final class ForgeState {
  private final ForgeClient c;

  ForgeState(ForgeClient referee) {
    this.c = referee;
  }

  Issue issue(long n) {
    return c.get("/issues/" + n, Issue.class);
  }

  List<String> labels(long n) {
    return issue(n).labels().stream().map(Label::name).sorted().toList();
  }

  List<String> assignees(long n) {
    return issue(n).assignees().stream().map(User::login).toList();
  }

  boolean branch(String name) {
    return c.send("GET", ForgePath.of("branches", name), null).status() == 200;
  }

  List<String> branches() {
    return c.getAll("/branches", Branch.class).stream().map(Branch::name).toList();
  }

  boolean claimRef(long n) {
    return branch("claims/issue-" + n);
  }

  List<Comment> comments(long n) {
    return c.getAll("/issues/" + n + "/comments", Comment.class);
  }

  List<PullRequest> pulls() {
    return c.getAll("/pulls?state=all", PullRequest.class);
  }

  /**
   * An issue is not both in-progress and backlog; open and looking claimed only with its claim
   * ref; no comment twice.
   */
  void checkIssue(long n, String me) {
    Issue i = issue(n);
    List<String> labels = i.labels().stream().map(Label::name).toList();
    assertThat(labels.contains("in-progress") && labels.contains("backlog"))
        .as("issue #%d labelled both in-progress and backlog: %s", n, labels).isFalse();
    if ("open".equals(i.state())) {
      // Looks worked on: in-progress, or assigned to the agent and not parked as blocked.
      boolean claimed = labels.contains("in-progress")
          || (i.assignees().stream().anyMatch(u -> u.login().equals(me))
              && !labels.contains("blocked"));
      if (claimed) {
        assertThat(claimRef(n)).as("issue #%d looks claimed (%s, %s) but has no claim ref", n,
            labels, i.assignees()).isTrue();
      }
    }
    Set<String> bodies = new HashSet<>();
    for (Comment cm : comments(n)) {
      assertThat(bodies.add(cm.body())).as("comment posted twice on #%d: %s", n, cm.body())
          .isTrue();
    }
  }

  /** No two PRs of one head branch. */
  void checkPulls() {
    Set<String> heads = new HashSet<>();
    for (PullRequest p : pulls()) {
      String head = p.head() == null ? "?" : p.head().ref();
      assertThat(heads.add(head)).as("two PRs for %s", head).isTrue();
    }
  }

  /** No two issues with one title. */
  void checkNoDuplicateIssues() {
    Set<String> titles = new HashSet<>();
    for (Issue i : c.getAll("/issues?state=all&type=issues", Issue.class)) {
      assertThat(titles.add(i.title())).as("issue filed twice: %s", i.title()).isTrue();
    }
  }
}
