package ai.disinto.forge.client;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.forge.client.model.Issue;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.forgejo.MockForgejoExtension;
import ai.disinto.testkit.forgejo.RecordedRequest;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Lazy paging: pages are fetched as items are pulled, and a walk that stops early stops. */
@ExtendWith(MockForgejoExtension.class)
class PagedIterableTest {
  private static final String REPO = "o/r";
  private static final String TOKEN = "tok-dev-0123456789";
  private static final int PAGES = 50;
  private MockForgejo forge;

  @BeforeEach
  void seed(MockForgejo forge) {
    this.forge = forge;
    forge.seed().user("o", "pw-o").user("dev-bot", u -> u.password("pw-dev").token(TOKEN));
    forge.seed().repo(REPO, r -> r.collaborator("dev-bot", "write"));
    for (int i = 1; i <= PAGES * ForgeClient.DEFAULT_PAGE_SIZE; i++) {
      String title = "issue " + i;
      forge.seed().issue(REPO, s -> s.title(title).author("dev-bot"));
    }
    forge.clearJournal();
  }

  private ForgeClient client() {
    return ForgeClient.builder().baseUrl(forge.baseUrl()).repo(REPO).token(TOKEN)
        .retryPolicy(RetryPolicy.none()).build();
  }

  private List<String> targets() {
    return forge.journal().stream().map(RecordedRequest::apiTarget).toList();
  }

  @Test
  void findingAMatchOnPageOneOfFiftyMakesExactlyOneRequest() {
    PagedIterable<Issue> issues = client().paged("/issues?state=open&type=issues", Issue.class);

    // Newest first: the last one seeded is on page 1.
    assertThat(issues.findFirst(i -> i.title().equals("issue 2490"))).isPresent();

    assertThat(targets()).containsExactly(
        "/repos/o/r/issues?state=open&type=issues&limit=50&page=1");
  }

  @Test
  void aStreamStopsAtTheFirstMatchToo() {
    var first = client().paged(ForgePath.of("issues").query("type", "issues"), Issue.class)
        .stream().filter(i -> i.title().endsWith("0")).findFirst();

    assertThat(first).isPresent();
    assertThat(forge.journal()).hasSize(1);
  }

  @Test
  void nothingIsRequestedUntilTheFirstItemIsAskedFor() {
    PagedIterable<Issue> issues = client().paged("/issues", Issue.class);
    Iterator<Issue> it = issues.iterator();
    issues.stream();

    assertThat(forge.journal()).isEmpty();
    assertThat(it.hasNext()).isTrue();
    assertThat(forge.journal()).hasSize(1);
  }

  @Test
  void aMatchOnPageThreeReadsThreePages() {
    assertThat(client().paged("/issues?type=issues", Issue.class)
        .findFirst(i -> i.title().equals("issue 2400"))).isPresent();

    assertThat(targets()).containsExactly(
        "/repos/o/r/issues?type=issues&limit=50&page=1",
        "/repos/o/r/issues?type=issues&limit=50&page=2",
        "/repos/o/r/issues?type=issues&limit=50&page=3");
  }

  @Test
  void toListAndTheOldListMethodReadEveryPageOnce() {
    ForgeClient c = client();

    List<Issue> all = c.paged("/issues?type=issues", Issue.class).toList();
    assertThat(all).hasSize(PAGES * 50);
    assertThat(forge.journal()).hasSize(PAGES);

    forge.clearJournal();
    assertThat(c.getAll("/issues?type=issues", Issue.class)).isEqualTo(all);
    assertThat(forge.journal()).hasSize(PAGES);
  }

  @Test
  void eachIteratorStartsANewWalkAndThePageSizeCanChange() {
    PagedIterable<Issue> small = client().paged("/issues?type=issues", Issue.class)
        .withPageSize(10);

    assertThat(small.iterator().next().title()).isEqualTo("issue 2500");
    assertThat(small.iterator().next().title()).isEqualTo("issue 2500");
    assertThat(targets()).containsExactly(
        "/repos/o/r/issues?type=issues&limit=10&page=1",
        "/repos/o/r/issues?type=issues&limit=10&page=1");
  }
}
