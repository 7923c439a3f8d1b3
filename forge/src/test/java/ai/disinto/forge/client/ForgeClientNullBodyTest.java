package ai.disinto.forge.client;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.disinto.forge.client.model.Issue;
import ai.disinto.forge.client.model.Label;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A 2xx answer whose body is JSON {@code null} is a protocol error, never a null result. */
class ForgeClientNullBodyTest {
  @RegisterExtension
  final WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private ForgeClient client() {
    return ForgeClient.builder().baseUrl(wm.baseUrl()).repo("o/r").token("T")
        .retryPolicy(RetryPolicy.none()).build();
  }

  @Test
  void getOfAJsonNullBodyIsAProtocolErrorNamingMethodPathAndType() {
    wm.stubFor(get("/api/v1/repos/o/r/issues/5").willReturn(okJson("null")));

    assertThatThrownBy(() -> client().get("/issues/5", Issue.class))
        .isInstanceOfSatisfying(ForgeProtocolException.class, e -> {
          assertThat(e.status()).isEqualTo(200);
          assertThat(e.getMessage()).isEqualTo(
              "JSON null where Issue was expected from GET /api/v1/repos/o/r/issues/5");
        });
  }

  @Test
  void getOfAJsonNullBodyForAListTypeNamesTheListType() {
    wm.stubFor(get("/api/v1/repos/o/r/labels").willReturn(okJson(" null ")));

    assertThatThrownBy(() -> client().get("/labels", ForgeClient.listOf(Label.class)))
        .isInstanceOf(ForgeProtocolException.class)
        .hasMessageStartingWith("JSON null where List<Label> was expected from GET");
  }

  @Test
  void callOfAJsonNullBodyIsAProtocolErrorToo() {
    wm.stubFor(post("/api/v1/repos/o/r/labels").willReturn(okJson("null")));

    assertThatThrownBy(() -> client().call("POST", "/labels", Map.of("name", "x"), Label.class))
        .isInstanceOfSatisfying(ForgeProtocolException.class,
            e -> assertThat(e.getMessage())
                .isEqualTo("JSON null where Label was expected from POST /api/v1/repos/o/r/labels"));
  }

  @Test
  void aVoidCallStillIgnoresTheBody() {
    wm.stubFor(post("/api/v1/repos/o/r/labels").willReturn(okJson("null")));

    Void v = client().call("POST", "/labels", Map.of("name", "x"), Void.class);

    assertThat(v).isNull();
  }

  @Test
  void getAllOfAPageWithANullItemIsAProtocolErrorNotANullPointer() {
    wm.stubFor(get(urlPathEqualTo("/api/v1/repos/o/r/labels"))
        .willReturn(okJson("[{\"id\":1,\"name\":\"a\"},null]")));

    assertThatThrownBy(() -> client().getAll("/labels", Label.class))
        .isInstanceOf(ForgeProtocolException.class)
        .hasMessageContaining("JSON null where a list item was expected (item 2)");
  }
}
