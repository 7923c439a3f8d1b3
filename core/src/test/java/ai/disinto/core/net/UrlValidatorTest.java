package ai.disinto.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** env.sh validate_url: acceptance cases 25–27 of spec/core.md. */
class UrlValidatorTest {

  @ParameterizedTest
  @ValueSource(strings = {"http://localhost:3000/api/v1/repos/o/r", "https://forge.example.com"})
  // case 25
  void acceptsHttpAndHttpsUrls(String url) {
    assertThat(UrlValidator.isValid(url)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"HTTP://localhost:3000", "ftp://x", "localhost:3000", ""})
  // case 25
  void rejectsOtherSchemesCaseSensitively(String url) {
    assertThat(UrlValidator.isValid(url)).isFalse();
  }

  @Test
  void rejectsNull() {
    assertThat(UrlValidator.isValid(null)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://user:pass@host/x", "http://host/path@foo", "http://evil.com#@good.com",
      "http://host/a?x=@"})
  // case 26
  void rejectsAnAtSignAfterTheScheme(String url) {
    assertThat(UrlValidator.isValid(url)).isFalse();
  }

  @Test
  // case 26
  void keepsTheOriginalsQuirkForAnEmptyUserinfo() {
    assertThat(UrlValidator.isValid("http://@host")).isTrue();
  }

  @Test
  // case 27
  void acceptsAnAllowedHostWithAPort() {
    assertThat(UrlValidator.isValid("http://good.com:3000/x", List.of("good.com", "other.com")))
        .isTrue();
  }

  @Test
  // case 27
  void rejectsHostsThatOnlyResembleAnAllowedOne() {
    List<String> allowed = List.of("good.com");
    assertThat(UrlValidator.isValid("http://good.com.evil.com/x", allowed)).isFalse();
    assertThat(UrlValidator.isValid("http://good.com@evil.com/x", allowed)).isFalse();
    assertThat(UrlValidator.isValid("https://good.com", allowed)).isTrue();
  }

  @Test
  // case 27
  void comparesHostsCaseInsensitivelyUnlikeTheOriginal() {
    assertThat(UrlValidator.isValid("http://GOOD.com/x", List.of("good.com"))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://", "http://host with space/x", "http://host/\nx", "http://host/\tx"})
  void rejectsEmptyHostsWhitespaceAndControlCharacters(String url) {
    assertThat(UrlValidator.isValid(url)).isFalse();
  }

  @Test
  void endsTheHostAtQueryAndFragmentAndKeepsIpv6LiteralsWhole() {
    assertThat(UrlValidator.host("http://good.com?x")).isEqualTo("good.com");
    assertThat(UrlValidator.host("http://good.com#x")).isEqualTo("good.com");
    assertThat(UrlValidator.host("http://[::1]:3000/x")).isEqualTo("[::1]");
    assertThat(UrlValidator.isValid("http://[::1]:3000/x", List.of("[::1]"))).isTrue();
  }

  @Test
  void requireNamesTheSettingButNotTheUrl() {
    assertThatThrownBy(() -> UrlValidator.require("ftp://user:secret@x", List.of(), "FORGE_API"))
        .isInstanceOf(InvalidUrlException.class)
        .hasMessageStartingWith("FORGE_API validation failed - possible URL injection attempt")
        .message()
        .doesNotContain("secret");
  }

  @Test
  void splitsAWhitespaceSeparatedHostList() {
    assertThat(UrlValidator.hostList(" a.com  b.com\tc.com ")).containsExactly("a.com", "b.com", "c.com");
    assertThat(UrlValidator.hostList("")).isEmpty();
    assertThat(UrlValidator.hostList(null)).isEmpty();
  }
}
