package ai.disinto.forge.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link LabelIndex}: the name-to-id resolution shared by tea-helpers and issue-lifecycle. */
class LabelIndexTest {
  private static final String LABELS = "/api/v1/repos/o/r/labels";

  @RegisterExtension
  final WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private LabelIndex index;

  @BeforeEach
  void index() {
    index = new LabelIndex(ForgeClient.builder().baseUrl(wm.baseUrl()).repo("o/r").token("T")
        .retryPolicy(RetryPolicy.none()).pageSize(2).build());
  }

  /** Two pages of two: bug (5), backlog (3), then bug again (2) and Blocked (9). */
  private void twoPages() {
    wm.stubFor(get(urlEqualTo(LABELS + "?limit=2&page=1")).willReturn(okJson(
        "[{\"id\":5,\"name\":\"bug\"},{\"id\":3,\"name\":\"backlog\"}]")
        .withHeader("X-Total-Count", "4")));
    wm.stubFor(get(urlEqualTo(LABELS + "?limit=2&page=2")).willReturn(okJson(
        "[{\"id\":2,\"name\":\"bug\"},{\"id\":9,\"name\":\"Blocked\"}]")
        .withHeader("X-Total-Count", "4")));
  }

  private int listings() {
    return wm.findAll(getRequestedFor(urlEqualTo(LABELS + "?limit=2&page=1"))).size();
  }

  @Test
  void lookupReadsEveryPageOnceForAllTheNamesOfACall() {
    twoPages();

    assertThat(index.lookup(List.of("backlog", "Blocked")))
        .containsExactly(Map.entry("backlog", 3L), Map.entry("Blocked", 9L));
    assertThat(wm.findAll(getRequestedFor(urlPathEqualTo(LABELS)))).hasSize(2);
  }

  @Test
  void duplicateNamesResolveToTheLowestId() {
    twoPages();

    assertThat(index.lookup(List.of("bug"))).containsEntry("bug", 2L);
  }

  @Test
  void namesMatchExactlyAndCaseSensitively() {
    twoPages();

    assertThat(index.lookup(List.of("blocked", "backlog "))).isEmpty();
  }

  @Test
  void cachedNamesAreServedWithoutAnotherListing() {
    twoPages();
    index.lookup(List.of("bug"));

    assertThat(index.lookup(List.of("backlog", "bug"))).hasSize(2);
    assertThat(listings()).isEqualTo(1);
  }

  @Test
  void aMissingNameListsTheLabelsAgain() {
    twoPages();
    index.lookup(List.of("bug"));

    assertThat(index.lookup(List.of("bug", "wontfix"))).containsOnlyKeys("bug");
    assertThat(listings()).isEqualTo(2);
  }

  @Test
  void aFailedListingThrowsAndKeepsWhatWasCached() {
    twoPages();
    index.lookup(List.of("bug"));
    wm.stubFor(get(urlPathEqualTo(LABELS)).willReturn(aResponse().withStatus(500)));

    assertThatThrownBy(() -> index.lookup(List.of("wontfix")))
        .isInstanceOfSatisfying(ForgeException.class, e -> assertThat(e.status()).isEqualTo(500));
    assertThat(index.lookup(List.of("bug"))).containsEntry("bug", 2L);
  }

  @Test
  void aPutLabelIsFoundWithoutAListing() {
    index.put("in-progress", 12);

    assertThat(index.lookup(List.of("in-progress"))).containsEntry("in-progress", 12L);
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  @Test
  void forgetDropsOnlyTheStaleMapping() {
    index.put("in-progress", 12);
    index.forget("in-progress", 11);
    assertThat(index.lookup(List.of("in-progress"))).containsEntry("in-progress", 12L);

    twoPages();
    index.forget("in-progress", 12);
    assertThat(index.lookup(List.of("in-progress"))).isEmpty();
    assertThat(listings()).isEqualTo(1);
  }
}
