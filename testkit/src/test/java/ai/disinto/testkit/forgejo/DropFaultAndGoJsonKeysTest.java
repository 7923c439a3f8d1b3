package ai.disinto.testkit.forgejo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The connection-dropping faults (a write done but never answered, a request cut before it is
 * handled) and request bodies read as Forgejo's Go decoder reads them (keys in any case).
 */
@ExtendWith(MockForgejoExtension.class)
class DropFaultAndGoJsonKeysTest {
  private static final String R = "/repos/owner/proj";

  private static List<Object> issues(MockForgejo m) {
    return Fixture.as(m, "dev-bot").get(R + "/issues?state=all&type=issues").list();
  }

  @Test
  void dropAfterProcessingCreatesTheIssueButNeverAnswers(MockForgejo m) {
    Fixture.seed(m);
    m.faults().add(Fault.on("POST", R + "/issues").dropAfterProcessing().times(1));

    assertThatThrownBy(() -> Fixture.as(m, "dev-bot").post(R + "/issues", Map.of("title", "once")))
        .isInstanceOf(UncheckedIOException.class);

    assertThat(issues(m)).singleElement()
        .satisfies(i -> assertThat(Json.asObject(i)).containsEntry("title", "once"));
    assertThat(m.journal()).filteredOn(r -> r.method().equals("POST")).singleElement()
        .satisfies(r -> assertThat(r.status()).isEqualTo(201));
  }

  @Test
  void dropBeforeProcessingChangesNothing(MockForgejo m) {
    Fixture.seed(m);
    m.faults().add(Fault.on("POST", R + "/issues").dropBeforeProcessing().times(1));

    assertThatThrownBy(() -> Fixture.as(m, "dev-bot").post(R + "/issues", Map.of("title", "no")))
        .isInstanceOf(UncheckedIOException.class);

    assertThat(issues(m)).isEmpty();
    assertThat(m.journal()).filteredOn(r -> r.method().equals("POST")).singleElement()
        .satisfies(r -> assertThat(r.status()).isZero());
  }

  @Test
  void theControlEndpointTakesADropAndListsIt(MockForgejo m) {
    Http.Res added = Http.anonymous(m).post("/_mock/faults",
        Map.of("method", "POST", "path", R + "/issues", "drop", "after_processing"));
    assertThat(added.status()).isEqualTo(201);

    assertThat(m.faults().rules()).singleElement()
        .satisfies(f -> assertThat(f.drop()).isEqualTo(Fault.Drop.AFTER_PROCESSING));
    assertThat(Http.anonymous(m).get("/_mock/faults").body()).contains("\"drop\":\"after_processing\"");
    assertThat(Http.anonymous(m).post("/_mock/faults",
        Map.of("path", R + "/issues", "drop", "sideways")).status()).isEqualTo(400);
  }

  @Test
  void mergeTakesTheStyleKeyInAnyCaseAsGoDoes(MockForgejo m) {
    Fixture.seed(m);
    Http dev = Fixture.as(m, "dev-bot");
    for (String key : List.of("do", "Do", "DO")) {
      long n = m.seed().pull(Fixture.REPO, p -> p.author("dev-bot").head("fix/" + key));

      Http.Res r = dev.post(R + "/pulls/" + n + "/merge", Map.of(key, "merge"));

      assertThat(r.status()).as(key).isEqualTo(200);
      assertThat(dev.get(R + "/pulls/" + n).obj()).as(key).containsEntry("merged", true);
    }
  }

  @Test
  void anExactKeyWinsOverOneInAnotherCase(MockForgejo m) {
    Fixture.seed(m);

    Http.Res r = Fixture.as(m, "dev-bot").post(R + "/issues",
        Map.of("Title", "other case", "title", "exact"));

    assertThat(r.status()).isEqualTo(201);
    assertThat(r.obj()).containsEntry("title", "exact");
  }

  @Test
  void issueFieldsAreReadInAnyCase(MockForgejo m) {
    Fixture.seed(m);

    Http.Res r = Fixture.as(m, "dev-bot").post(R + "/issues", Map.of("TITLE", "t", "Body", "b"));

    assertThat(r.status()).isEqualTo(201);
    assertThat(r.obj()).containsEntry("title", "t").containsEntry("body", "b");
  }
}
