package ai.disinto.forge.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Url} encodes as OkHttp's {@link HttpUrl} does (the oracle: the same requests whichever
 * wire sends them), on fixed cases and on random text.
 */
class UrlTest {
  private static final String ALPHABET =
      "aZ09-._~!$&'()*+,;=:@/?#[]% \"<>\\^`{|}\t\u007f\u00e9\u4e2d\ud83d\ude00";

  @ParameterizedTest
  @ValueSource(strings = {"http://localhost:3000", "http://localhost:3000/api/v1",
      "HTTP://LocalHost:3000/api/v1/", "https://forge.example.com:443/x", "http://h:80/a b",
      "http://127.0.0.1:39001/api/v1/repos/o/r?x=1&y", "http://[::1]:3000/api/v1",
      "http://h/a/./b/../c", "http://h/a%2Fb/c?q=%20+x", "http://@host/x",
      "http://h?x", "http://h/a\\b"})
  void parsesAsOkHttpDoes(String text) {
    assertThat(String.valueOf(Url.parse(text))).isEqualTo(String.valueOf(HttpUrl.parse(text)));
    Url u = Url.parse(text);
    HttpUrl h = HttpUrl.parse(text);
    assertThat(u.host()).isEqualTo(h.host());
    assertThat(u.port()).isEqualTo(h.port());
    assertThat(u.encodedPath()).isEqualTo(h.encodedPath());
    assertThat(u.encodedQuery()).isEqualTo(h.encodedQuery());
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://h/x", "h:3000", "http://", "http://h:0/", "http://h:99999/",
      "http://h:x/", "http://user:pw@h/", "http://h h/", "http://[zz]/", "http://[::1/"})
  void refusesWhatIsNotAForgeUrl(String text) {
    assertThat(Url.parse(text)).isNull();
    assertThatThrownBy(() -> Url.get(text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an http or https URL");
  }

  @Test
  void encodesSegmentsAndQueryComponentsAsOkHttpDoes() {
    Url u = Url.get("http://h:3000/api/v1/repos/o/r/");
    HttpUrl h = HttpUrl.get("http://h:3000/api/v1/repos/o/r/");
    assertThat(u.newBuilder().addPathSegment("branches").addPathSegment("fix/issue-2")
        .addQueryParameter("labels", "needs #review?").addQueryParameter("a+b", "c&d=e")
        .build().toString())
        .isEqualTo(h.newBuilder().addPathSegment("branches").addPathSegment("fix/issue-2")
            .addQueryParameter("labels", "needs #review?").addQueryParameter("a+b", "c&d=e")
            .build().toString())
        .endsWith("/branches/fix%2Fissue-2?labels=needs%20%23review%3F&a%2Bb=c%26d%3De");
    assertThat(u.newBuilder().addPathSegments("contents/docs/a guide.md").build().toString())
        .isEqualTo(h.newBuilder().addPathSegments("contents/docs/a guide.md").build().toString());
    assertThat(u.newBuilder().addEncodedPathSegments("issues/7%2F8").encodedQuery("state=open&x")
        .setQueryParameter("state", "closed").build().toString())
        .isEqualTo(h.newBuilder().addEncodedPathSegments("issues/7%2F8")
            .encodedQuery("state=open&x").setQueryParameter("state", "closed").build().toString());
  }

  @Test
  void encodesRandomTextAsOkHttpDoes() {
    Random random = new Random(15);
    HttpUrl h0 = HttpUrl.get("http://h:3000/api/v1/repos/o/r");
    Url u0 = Url.get("http://h:3000/api/v1/repos/o/r");
    for (int round = 0; round < 3_000; round++) {
      String a = randomText(random);
      String b = randomText(random);
      String c = randomText(random);
      String expected = h0.newBuilder().addPathSegment(a).addPathSegments(b)
          .addQueryParameter(c, a).build().toString();
      String actual = u0.newBuilder().addPathSegment(a).addPathSegments(b)
          .addQueryParameter(c, a).build().toString();
      assertThat(actual).as("segment %s, segments %s, query %s", a, b, c).isEqualTo(expected);
      String encoded = "/" + b + "?" + c;
      HttpUrl he = HttpUrl.parse("http://h:3000" + encoded);
      if (he != null) {
        assertThat(String.valueOf(Url.parse("http://h:3000" + encoded)))
            .as("parsed %s", encoded).isEqualTo(he.newBuilder().fragment(null).build().toString());
      }
    }
  }

  private static String randomText(Random random) {
    StringBuilder b = new StringBuilder();
    int n = 1 + random.nextInt(8);
    for (int i = 0; i < n; i++) {
      int at = random.nextInt(ALPHABET.length());
      char ch = ALPHABET.charAt(at);
      if (Character.isHighSurrogate(ch) && at + 1 < ALPHABET.length()) {
        b.append(ch).append(ALPHABET.charAt(at + 1));
      } else if (!Character.isLowSurrogate(ch)) {
        b.append(ch);
      }
    }
    return b.toString();
  }

  @Test
  void dropsTheFragmentNoRequestCarries() {
    assertThat(Url.get("http://h/a?b#frag").toString()).isEqualTo("http://h/a?b");
  }

  @Test
  void hostHeaderDropsTheDefaultPortAndBracketsIpv6() {
    assertThat(Url.get("http://h:80/x").hostHeader()).isEqualTo("h");
    assertThat(Url.get("http://h:3000/x").hostHeader()).isEqualTo("h:3000");
    assertThat(Url.get("http://[::1]:3000/x").hostHeader()).isEqualTo("[::1]:3000");
    assertThat(Url.get("https://h/x").port()).isEqualTo(443);
  }
}
