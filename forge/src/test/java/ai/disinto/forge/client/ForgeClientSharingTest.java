package ai.disinto.forge.client;

import static org.assertj.core.api.Assertions.assertThat;

import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/** One HTTP client per process: views and clients built on a given OkHttpClient share its pool. */
class ForgeClientSharingTest {
  @Test
  void clientsBuiltOnAGivenHttpClientShareItsPoolAndDispatcher() {
    OkHttpClient http = new OkHttpClient();

    ForgeClient a = ForgeClient.builder().httpClient(http).repo("o/r").build();
    ForgeClient b = ForgeClient.builder().httpClient(http).repo("o/ops").build();

    assertThat(a.httpClient().connectionPool()).isSameAs(http.connectionPool());
    assertThat(b.httpClient().connectionPool()).isSameAs(http.connectionPool());
    assertThat(a.httpClient().dispatcher()).isSameAs(http.dispatcher());
    assertThat(a.httpClient().followRedirects()).isFalse();
  }

  @Test
  void viewsShareTheHttpClientOfTheirOrigin() {
    ForgeClient origin = ForgeClient.builder().repo("o/r").token("T").build();

    assertThat(origin.forRepo("o/ops").httpClient()).isSameAs(origin.httpClient());
    assertThat(origin.withToken("U").httpClient()).isSameAs(origin.httpClient());
    assertThat(origin.root().httpClient()).isSameAs(origin.httpClient());
  }

  @Test
  void eachBuildWithoutAGivenHttpClientHasItsOwnPool() {
    ForgeClient a = ForgeClient.builder().build();
    ForgeClient b = ForgeClient.builder().build();

    assertThat(a.httpClient().connectionPool()).isNotSameAs(b.httpClient().connectionPool());
  }
}
