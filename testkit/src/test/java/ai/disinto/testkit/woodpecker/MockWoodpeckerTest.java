package ai.disinto.testkit.woodpecker;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.testkit.forgejo.Fault;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MockWoodpeckerExtension.class)
class MockWoodpeckerTest {
  private static final String T = "mock-token";

  @Test
  void apiCallsWithoutAValidBearerTokenAre401(MockWoodpecker m) {
    m.addUser("admin", T, true);
    long repo = m.addRepo("o/r");

    assertThat(Http.get(m, "/api/repos/" + repo + "/pipelines", null).status()).isEqualTo(401);
    assertThat(Http.get(m, "/api/user", "other").status()).isEqualTo(401);
    assertThat(Http.get(m, "/api/user", T).status()).isEqualTo(200);
    assertThat(m.journal()).extracting(WoodpeckerRequest::auth).containsExactly(
        WoodpeckerRequest.AuthKind.NONE, WoodpeckerRequest.AuthKind.BEARER,
        WoodpeckerRequest.AuthKind.BEARER);
    assertThat(m.journal().get(2).principal()).isEqualTo("admin");
  }

  @Test
  void versionNeedsNoToken(MockWoodpecker m) {
    assertThat(Http.get(m, "/api/version", null).status()).isEqualTo(200);
  }

  @Test
  void unknownObjectsAre404AsText(MockWoodpecker m) {
    m.addUser("admin", T, true);
    long repo = m.addRepo("o/r");

    Http.Res noRepo = Http.get(m, "/api/repos/999/pipelines/1", T);
    Http.Res noPipeline = Http.get(m, "/api/repos/" + repo + "/pipelines/7", T);
    Http.Res noLookup = Http.get(m, "/api/repos/lookup/o/missing", T);

    assertThat(noRepo.status()).isEqualTo(404);
    assertThat(noPipeline.status()).isEqualTo(404);
    assertThat(noPipeline.body()).isEqualTo("Pipeline not found");
    assertThat(noLookup.status()).isEqualTo(404);
  }

  @Test
  void pagesHoldAtMostFiftyNewestFirst(MockWoodpecker m) {
    m.addUser("admin", T, true);
    long repo = m.addRepo("o/r");
    for (int i = 0; i < 60; i++) {
      m.addPipeline(repo, "success", "push", "main", "c" + i);
    }

    List<?> big = (List<?>) Http.get(m, "/api/repos/" + repo + "/pipelines?perPage=100", T).json();
    List<?> page2 = (List<?>) Http.get(m, "/api/repos/" + repo + "/pipelines?page=2", T).json();
    List<?> small = (List<?>) Http.get(m, "/api/repos/" + repo
        + "/pipelines?page=3&perPage=7&per_page=1", T).json();

    assertThat(big).hasSize(50);
    assertThat(((Map<?, ?>) big.get(0)).get("number")).isEqualTo(60.0);
    assertThat(((Map<?, ?>) big.get(0)).containsKey("workflows")).isFalse();
    assertThat(page2).hasSize(10);
    assertThat(small).hasSize(7);
    assertThat(((Map<?, ?>) small.get(0)).get("number")).isEqualTo(46.0);
  }

  @Test
  void restartReadsEventFromTheQueryOnly(MockWoodpecker m) {
    m.addUser("admin", T, true);
    long repo = m.addRepo("o/r");
    long n = m.addPipeline(repo, "success", "push", "main", "abc");
    String p = "/api/repos/" + repo + "/pipelines/" + n;

    assertThat(Http.send(m, "POST", p + "?event=push", T, null).status()).isEqualTo(400);
    assertThat(Http.send(m, "POST", p + "?event=deployment", T, null).status()).isEqualTo(403);
    Http.Res again = Http.send(m, "POST", p + "?FOO=bar", T, "{\"event\":\"deployment\"}");
    assertThat(again.status()).isEqualTo(200);
    Map<?, ?> body = (Map<?, ?>) again.json();
    assertThat(body.get("event")).isEqualTo("push");
    assertThat(body.get("variables")).isEqualTo(Map.of("FOO", "bar"));
    assertThat(body.get("parent")).isEqualTo((double) n);
  }

  @Test
  void logsAreBase64AndKeyedByTheStepsDatabaseId(MockWoodpecker m) {
    m.addUser("admin", T, true);
    long repo = m.addRepo("o/r");
    long n = m.addPipeline(repo, "failure", "push", "main", "abc");
    long step = m.addStep(repo, n, "test", "failure", 1);
    m.addLogLines(step, "hello");

    List<?> logs = (List<?>) Http.get(m, "/api/repos/" + repo + "/logs/" + n + "/" + step, T)
        .json();
    Map<?, ?> line = (Map<?, ?>) logs.get(0);

    assertThat(line.get("data")).isEqualTo(
        Base64.getEncoder().encodeToString("hello".getBytes(StandardCharsets.UTF_8)));
    assertThat(line.get("step_id")).isEqualTo((double) step);
    assertThat(Http.get(m, "/api/repos/" + repo + "/logs/" + n + "/2", T).status())
        .isEqualTo(404);
  }

  @Test
  void controlEndpointsSeedJournalFaultAndReset(MockWoodpecker m) {
    Http.Res seeded = Http.send(m, "POST", "/_mock/seed", null, "{\"users\":[{\"login\":\"a\","
        + "\"token\":\"" + T + "\"}],\"repos\":[{\"full_name\":\"o/r\",\"pipelines\":[{"
        + "\"status\":\"failure\",\"steps\":[{\"name\":\"test\",\"state\":\"failure\","
        + "\"exit_code\":1,\"log\":[\"boom\"]}]}]}]}");
    assertThat(seeded.status()).isEqualTo(200);
    Map<?, ?> repo = (Map<?, ?>) ((List<?>) ((Map<?, ?>) seeded.json()).get("repos")).get(0);
    long id = ((Double) repo.get("id")).longValue();

    assertThat(Http.send(m, "POST", "/_mock/faults", null,
        "{\"method\":\"GET\",\"path\":\"/repos/*/pipelines\",\"status\":500,\"times\":1}")
        .status()).isEqualTo(200);
    assertThat(Http.get(m, "/api/repos/" + id + "/pipelines", T).status()).isEqualTo(500);
    assertThat(Http.get(m, "/api/repos/" + id + "/pipelines", T).status()).isEqualTo(200);

    List<?> journal = (List<?>) Http.get(m, "/_mock/journal", null).json();
    assertThat(journal).hasSize(2);
    assertThat(((Map<?, ?>) journal.get(0)).get("status")).isEqualTo(500.0);

    assertThat(Http.send(m, "POST", "/_mock/reset", null, null).status()).isEqualTo(204);
    assertThat(m.journal()).isEmpty();
    assertThat(Http.get(m, "/api/user", T).status()).isEqualTo(401);
  }

  @Test
  void aDropBeforeProcessingChangesNothing(MockWoodpecker m) {
    m.addUser("admin", T, true);
    long repo = m.addRepo("o/r");
    long n = m.addPipeline(repo, "success", "push", "main", "abc");
    m.addFault(Fault.on("POST", "/repos/**").dropBeforeProcessing().times(1));

    boolean failed = false;
    try {
      Http.send(m, "POST", "/api/repos/" + repo + "/pipelines/" + n, T, null);
    } catch (UncheckedIOException e) {
      failed = true;
    }

    assertThat(failed).isTrue();
    assertThat(m.journal().get(0).status()).isZero();
    assertThat((List<?>) Http.get(m, "/api/repos/" + repo + "/pipelines", T).json()).hasSize(1);
  }
}
