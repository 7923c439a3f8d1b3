package ai.disinto.forge.issues;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.disinto.forge.client.ForgeException;
import ai.disinto.forge.client.ForgeProtocolException;
import ai.disinto.testkit.forgejo.Fault;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.forgejo.MockForgejoExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link IssueLifecycle#checkDeps} and {@link IssueLifecycle#suggestNext} on the mock. */
@ExtendWith(MockForgejoExtension.class)
class DependenciesTest {

  /** Issues #2 (closed unless {@code twoOpen}), #3 closed, #4 open depending on #2, #10. */
  private static long chain(World w, boolean twoOpen) {
    w.issue(i -> i.title("one"));
    w.issue(i -> {
      i.title("two");
      if (!twoOpen) {
        i.closed();
      }
    });
    w.issue(i -> i.title("three").closed());
    w.issue(i -> i.title("four").body("Depends on #2"));
    for (int k = 5; k < 10; k++) {
      w.issue(i -> i.title("filler"));
    }
    return w.issue(i -> i.title("ten").body("## Dependencies\n- #3\n- #4"));
  }

  @Test
  void openDependencyWithMetDependenciesIsSuggested(MockForgejo m) {
    World w = new World(m);
    long n = chain(w, false);

    DependencyStatus status = w.lifecycle().checkDeps(n);

    assertThat(n).isEqualTo(10);
    assertThat(status.ready()).isFalse();
    assertThat(status.blockedBy()).containsExactly(4L);
    assertThat(status.suggestion()).hasValue(4);
    assertThat(w.log()).contains("#10").contains("4, suggest #4");
  }

  @Test
  void blockerWithOpenDependencyIsNotSuggested(MockForgejo m) {
    World w = new World(m);
    long n = chain(w, true);

    DependencyStatus status = w.lifecycle().checkDeps(n);

    assertThat(status.blockedBy()).containsExactly(4L);
    assertThat(status.suggestion()).isEmpty();
  }

  @Test
  void eachIssueIsReadOncePerCheck(MockForgejo m) {
    World w = new World(m);
    long n = chain(w, false);
    m.clearJournal();

    w.lifecycle().checkDeps(n);

    assertThat(w.requests()).containsExactly(
        "GET /issues/10", "GET /issues/3", "GET /issues/4", "GET /issues/2");
  }

  @Test
  void emptyBodyIsReadyAfterOneRequest(MockForgejo m) {
    World w = new World(m);
    long n = w.issue(i -> i.title("t"));
    m.clearJournal();

    DependencyStatus status = w.lifecycle().checkDeps(n);

    assertThat(status.ready()).isTrue();
    assertThat(status.blockedBy()).isEmpty();
    assertThat(w.requests()).containsExactly("GET /issues/" + n);
  }

  @Test
  void missingDependencyBlocksWithoutSuggestion(MockForgejo m) {
    World w = new World(m);
    long n = w.issue(i -> i.title("t").body("Blocked by #99"));

    DependencyStatus status = w.lifecycle().checkDeps(n);

    assertThat(status.ready()).isFalse();
    assertThat(status.blockedBy()).containsExactly(99L);
    assertThat(status.suggestion()).isEmpty();
  }

  @Test
  void unreadableIssueThrowsInsteadOfCountingAsReady(MockForgejo m) {
    World w = new World(m);
    long n = w.issue(i -> i.title("t").body("Depends on #1"));
    m.faults().add(Fault.on("GET", World.PREFIX + "/issues/" + n).withStatus(500));

    assertThatThrownBy(() -> w.lifecycle().checkDeps(n))
        .isInstanceOf(ForgeException.class)
        .satisfies(e -> assertThat(((ForgeException) e).status()).isEqualTo(500));
  }

  @Test
  void issueReadAsJsonNullThrowsAProtocolErrorInsteadOfANullPointer(MockForgejo m) {
    World w = new World(m);
    long n = w.issue(i -> i.title("t").body("Depends on #1"));
    m.faults().add(Fault.on("GET", World.PREFIX + "/issues/" + n).withStatus(200).withBody("null"));

    assertThatThrownBy(() -> w.lifecycle().checkDeps(n))
        .isInstanceOf(ForgeProtocolException.class)
        .hasMessageContaining("JSON null where Issue was expected");
  }

  @Test
  void issueListingItselfAsDependencyIsReady(MockForgejo m) {
    World w = new World(m);
    long n = w.issue(i -> i.title("t").body("## Depends on\n- #1"));

    assertThat(n).isEqualTo(1);
    assertThat(w.lifecycle().checkDeps(n).ready()).isTrue();
  }

  @Test
  void suggestNextSkipsBacklogIssueWithOpenDependency(MockForgejo m) {
    World w = new World(m);
    for (int k = 1; k < 9; k++) {
      w.issue(i -> i.title("filler"));
    }
    long nine = w.issue(i -> i.title("nine").labels("backlog"));
    w.issue(i -> i.title("ten"));
    long eleven = w.issue(i -> i.title("eleven"));
    long twelve = w.issue(i -> i.title("twelve").labels("backlog").body("Depends on #" + eleven));
    m.clearJournal();

    var next = w.lifecycle().suggestNext();

    assertThat(twelve).isEqualTo(12);
    assertThat(next).hasValue(nine);
    assertThat(w.requests()).containsExactly(
        "GET /issues?state=open&labels=backlog&limit=20&type=issues", "GET /issues/11");
    assertThat(w.log()).contains("#" + nine);
  }

  @Test
  void suggestNextIsEmptyWhenListingFails(MockForgejo m) {
    World w = new World(m);
    w.issue(i -> i.title("t").labels("backlog"));
    m.faults().add(Fault.on("GET", World.PREFIX + "/issues").withStatus(500));

    assertThat(w.lifecycle().suggestNext()).isEmpty();
  }

  @Test
  void suggestNextCountsUnreadableDependencyAsOpen(MockForgejo m) {
    World w = new World(m);
    w.issue(i -> i.title("t").labels("backlog").body("Depends on #42"));

    assertThat(w.lifecycle().suggestNext()).isEmpty();
    assertThat(w.log()).contains("no unblocked backlog issue");
  }
}
