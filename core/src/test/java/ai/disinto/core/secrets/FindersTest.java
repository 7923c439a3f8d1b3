package ai.disinto.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** The fast finders find exactly what {@link Matcher#find()} of their expression finds. */
class FindersTest {
  private static final String ASSIGNMENT =
      "(API_KEY|SECRET|TOKEN|PRIVATE_KEY|PASSWORD|INFURA|ALCHEMY)=([^\\s\"]{16,})";
  private static final String[] PIECES = {
      "TOKEN=", "SECRET=", "API_KEY=", "PRIVATE_KEY=", "X", " ", "\n", "\"", "0123456789abcdef",
      "abcdefghij", "=", "bearer ", "BeArEr\t", "Authorization:token ", "Authorization: token ", "?", "&", "token=", "ff"};

  private static List<String> found(Finders.Finder f, String text) {
    List<String> out = new ArrayList<>();
    f.find(new Finders.Text(text), (s, e, spans) -> out.add(s + ":" + e));
    return out;
  }

  private static List<String> byFind(String regex, String text) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile(regex).matcher(text);
    while (m.find()) {
      if (m.end() > m.start()) {
        out.add(m.start() + ":" + m.end());
      }
    }
    return out;
  }

  private static String randomText(Random rnd) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 60; i++) {
      b.append(PIECES[rnd.nextInt(PIECES.length)]);
    }
    return b.toString();
  }

  @RepeatedTest(50)
  void anchoredFindsWhatFindFinds(org.junit.jupiter.api.RepetitionInfo info) {
    String text = randomText(new Random(info.getCurrentRepetition()));
    assertThat(found(Finders.anchored(ASSIGNMENT,
            Finders.literals("API_KEY=", "SECRET=", "TOKEN=", "PRIVATE_KEY=", "PASSWORD=",
                "INFURA=", "ALCHEMY="), Finders.WHOLE), text))
        .isEqualTo(byFind(ASSIGNMENT, text));
    assertThat(found(Finders.anchored(ASSIGNMENT,
            Finders.keysBeforeEquals("API_KEY", "SECRET", "TOKEN", "PRIVATE_KEY", "PASSWORD",
                "INFURA", "ALCHEMY"), Finders.WHOLE), text))
        .isEqualTo(byFind(ASSIGNMENT, text));
    String auth = "(?i)(?<![A-Za-z0-9])(?:authorization[ \\t]*:[ \\t]*token[ \\t]+([a-z0-9]{8,})"
        + "|bearer[ \\t]+([a-z0-9]{8,}))";
    assertThat(found(Finders.anchored(auth, Finders.wordsIgnoringCase("authorization", "bearer"),
        Finders.WHOLE), text)).isEqualTo(byFind(auth, text));
    assertThat(found(Finders.anchored(auth, Finders.Text::authWords, Finders.WHOLE), text))
        .isEqualTo(byFind(auth, text));
    assertThat(found(Finders.hexRuns(32), text)).isEqualTo(byFind("[0-9a-fA-F]{32,}", text));
  }

  @Test
  void secretVariableNames() {
    assertThat(List.of("FORGE_TOKEN", "FORGE_PASS", "FORGE_PASS_LLAMA", "PGPASSWORD",
        "WOODPECKER_AGENT_SECRET", "ANTHROPIC_API_KEY", "CLAUDE_API_KEY", "access_token",
        "password", "DEPLOY_KEY", "BASIC_AUTH"))
        .allMatch(Finders::isSecretName);
    assertThat(List.of("FORGE_TOKEN_FILE", "AGE_PUBLIC_KEY", "max_tokens", "TOKEN_LIMIT", "sort_key",
        "WOODPECKER_HOST", "FORGE_URL", "key", "PWD"))
        .noneMatch(Finders::isSecretName);
  }
}
