package ai.disinto.testkit.forgejo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MockForgejoExtension.class)
class PaginationTest {
  private static void issues(MockForgejo m, int count) {
    Fixture.seed(m);
    for (int k = 0; k < count; k++) {
      m.seed().issue(Fixture.REPO, i -> i.title("x"));
    }
  }

  @Test
  void defaultPageSizeIs30(MockForgejo m) {
    issues(m, 40);
    Http.Res r = Fixture.as(m, "dev-bot").get("/repos/owner/proj/issues");
    assertThat(r.list()).hasSize(30);
    assertThat(r.header("X-Total-Count")).isEqualTo("40");
  }

  @Test
  void limitIsCappedAt50ByDefault(MockForgejo m) {
    issues(m, 120);
    Http.Res r = Fixture.as(m, "dev-bot").get("/repos/owner/proj/issues?limit=100");
    assertThat(r.list()).hasSize(50);
  }

  @Test
  void maxPageSizeIsConfigurable(MockForgejo m) {
    issues(m, 45);
    m.setMaxPageSize(30);
    Http dev = Fixture.as(m, "dev-bot");
    assertThat(dev.get("/repos/owner/proj/issues?limit=50&page=1").list()).hasSize(30);
    assertThat(dev.get("/repos/owner/proj/issues?limit=50&page=2").list()).hasSize(15);
    assertThat(dev.get("/repos/owner/proj/issues?limit=50&page=3").list()).isEmpty();
  }

  @Test
  void theIndexedListingSeesEveryWriteBetweenPages(MockForgejo m) {
    issues(m, 3);
    Http dev = Fixture.as(m, "dev-bot");
    String open = "/repos/owner/proj/issues?state=open&sort=oldest&limit=2&page=";
    assertThat(dev.get(open + "1").pluck("number")).containsExactly(1L, 2L);
    dev.patch("/repos/owner/proj/issues/1", java.util.Map.of("state", "closed"));
    assertThat(dev.get(open + "1").pluck("number")).containsExactly(2L, 3L);
    m.seed().issue(Fixture.REPO, i -> i.title("new"));
    assertThat(dev.get(open + "2").pluck("number")).containsExactly(4L);
    assertThat(dev.get(open + "1").header("X-Total-Count")).isEqualTo("3");
  }

  @Test
  void pagesAreConsecutiveSlices(MockForgejo m) {
    issues(m, 5);
    Http dev = Fixture.as(m, "dev-bot");
    assertThat(dev.get("/repos/owner/proj/issues?sort=oldest&limit=2&page=2").pluck("number"))
        .containsExactly(3L, 4L);
  }

  @Test
  void linkHeaderNamesNextLastFirstAndPrev(MockForgejo m) {
    issues(m, 5);
    Http.Res r = Fixture.as(m, "dev-bot").get("/repos/owner/proj/issues?state=open&limit=2&page=2");
    String link = r.header("Link");
    String base = m.apiUrl() + "/repos/owner/proj/issues?state=open&limit=2&page=";
    assertThat(link).contains("<" + base + "3>; rel=\"next\"", "<" + base + "3>; rel=\"last\"",
        "<" + base + "1>; rel=\"first\"", "<" + base + "1>; rel=\"prev\"");
  }

  @Test
  void lastPageHasNoNextLink(MockForgejo m) {
    issues(m, 3);
    Http.Res r = Fixture.as(m, "dev-bot").get("/repos/owner/proj/issues?limit=2&page=2");
    assertThat(r.header("Link")).doesNotContain("rel=\"next\"").contains("rel=\"prev\"");
  }
}
