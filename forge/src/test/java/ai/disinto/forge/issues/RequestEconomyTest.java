package ai.disinto.forge.issues;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.forgejo.MockForgejoExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Requests per lifecycle operation on a fresh instance (as one CLI call makes them), counted in
 * the mock's journal, against the original's count (its curl calls, label lookups included: each
 * {@code _ilc_*_id} ran in a subshell, so its cache never served) and this library's count before
 * the answers of writes were used. The claim ref's four requests (read, marker commit, claim
 * branch, pending branch deleted) are what makes the claim atomic; they are counted apart.
 */
@ExtendWith(MockForgejoExtension.class)
class RequestEconomyTest {
  private static final int CLAIM_REF_REQUESTS = 4;

  private static int requests(World w, Runnable op) {
    w.mock.clearJournal();
    op.run();
    List<String> sent = w.requests();
    return sent.size();
  }

  @Test
  void claimNeitherReadsTheIssueBackNorListsTheLabels(MockForgejo m) {
    World w = new World(m);
    long n = w.issue(i -> i.title("t").labels("backlog"));

    int sent = requests(w, () -> w.lifecycle().claim(n));

    int original = 7; // user, issue, PATCH, labels, POST label, labels, DELETE label
    int before = 11;
    assertThat(sent).isEqualTo(9).isLessThan(before);
    assertThat(sent - CLAIM_REF_REQUESTS).isLessThan(original);
    assertThat(w.requests()).containsOnlyOnce("GET /issues/" + n)
        .noneMatch(r -> r.startsWith("GET /labels"));
  }

  @Test
  void releaseMakesNoMoreRequestsThanTheOriginalAndOneFewerWithItsLabelCacheWarm(MockForgejo m) {
    World w = new World(m);
    long n = w.issue(i -> i.title("t").labels("in-progress").assignees("dev-bot"));
    long second = w.issue(i -> i.title("u").labels("in-progress").assignees("dev-bot"));
    IssueLifecycle lc = w.lifecycle();

    int sent = requests(w, () -> lc.release(n));
    int warm = requests(w, () -> lc.release(second));

    // in-progress goes before backlog comes (never both on the issue), so its id must be known
    // first: one label listing per instance, where the original listed the labels twice.
    int original = 5; // PATCH, labels, DELETE label, labels, POST label
    assertThat(sent).isEqualTo(5).isLessThanOrEqualTo(original);
    assertThat(warm).isEqualTo(4).isLessThan(original);
    assertThat(w.labelNames(n)).containsExactly("backlog");
    assertThat(w.read(n).assignees()).isEmpty();
  }

  @Test
  void releaseStillCreatesAMissingBacklogLabel(MockForgejo m) {
    World w = new World(m, true);
    long n = w.issue(i -> i.title("t").labels("in-progress").assignees("dev-bot"));
    w.client().send("DELETE", "/labels/" + w.backlog, null);

    w.lifecycle().release(n);

    assertThat(w.requests()).anyMatch(r -> r.equals("POST /labels"));
    assertThat(w.labelNames(n)).containsExactly("backlog");
  }

  @Test
  void blockMakesFourRequestsWhereTheOriginalMadeFive(MockForgejo m) {
    World w = new World(m);
    long n = w.issue(i -> i.title("t").labels("in-progress").assignees("dev-bot"));

    int sent = requests(w, () -> w.lifecycle().block(n, "ci_exhausted", null));

    int original = 5; // POST comment, labels, labels, DELETE label, POST label
    assertThat(sent).isEqualTo(4).isLessThan(original);
    assertThat(w.labelNames(n)).containsExactly("blocked");
  }

  @Test
  void closeSendsOnePatchWhereTheOriginalSentTwo(MockForgejo m) {
    World w = new World(m);
    long n = w.issue(i -> i.title("t").assignees("dev-bot"));

    int sent = requests(w, () -> w.lifecycle().close(n));

    assertThat(w.requests().stream().filter(r -> r.startsWith("PATCH"))).hasSize(1);
    assertThat(sent - 1).as("without the claim ref read").isLessThan(2);
    assertThat(w.read(n).state()).isEqualTo("closed");
    assertThat(w.read(n).assignees()).isEmpty();
  }

  @Test
  void aWarmInstanceReleasesWithCachedIds(MockForgejo m) {
    World w = new World(m);
    long a = w.issue(i -> i.title("a").labels("in-progress").assignees("dev-bot"));
    long b = w.issue(i -> i.title("b").labels("in-progress").assignees("dev-bot"));
    IssueLifecycle lifecycle = w.lifecycle();
    lifecycle.release(a);

    int sent = requests(w, () -> lifecycle.release(b));

    assertThat(sent).isEqualTo(4);
    assertThat(w.requests()).noneMatch(r -> r.startsWith("GET /labels"));
    assertThat(w.labelNames(b)).containsExactly("backlog");
  }
}
