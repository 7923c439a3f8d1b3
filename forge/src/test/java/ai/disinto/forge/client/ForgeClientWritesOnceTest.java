package ai.disinto.forge.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.disinto.forge.client.model.Comment;
import ai.disinto.forge.client.model.Issue;
import ai.disinto.testkit.forgejo.Fault;
import ai.disinto.testkit.forgejo.RecordedRequest;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A write that is not safe to repeat is sent once: when the forge did it but the connection
 * dropped before the answer, the object exists once and the client says the outcome is
 * ambiguous, instead of OkHttp re-sending it on a fresh connection.
 */
class ForgeClientWritesOnceTest extends OnMockForgejo {
  private List<RecordedRequest> posts() {
    return forge.journal().stream().filter(r -> r.method().equals("POST")).toList();
  }

  @Test
  void anIssueCreatedWhileTheConnectionDropsExistsOnceAndIsReportedAmbiguous() {
    ForgeClient c = client();
    c.getAll("/issues?state=all", Issue.class); // the POST then goes out on a pooled connection
    forge.faults().add(Fault.on("POST", "/repos/o/r/issues").dropAfterProcessing().times(1));

    assertThatThrownBy(() -> c.call("POST", "/issues", Map.of("title", "file once"), Issue.class))
        .isInstanceOfSatisfying(ForgeAmbiguousWriteException.class, e -> {
          assertThat(e.method()).isEqualTo("POST");
          assertThat(e.path()).isEqualTo("/api/v1/repos/o/r/issues");
          assertThat(e.kind()).isEqualTo(ForgeTransportException.Kind.CONNECTION_CLOSED);
          assertThat(e.status()).isZero();
          assertThat(e.getMessage()).contains("not sent again").doesNotContain("HTTP 000");
        });

    assertThat(c.getAll("/issues?state=all", Issue.class)).extracting(Issue::title)
        .containsExactly("file once");
    assertThat(posts()).hasSize(1);
  }

  @Test
  void aCommentPostedWhileTheConnectionDropsExistsOnceAndIsReportedAmbiguous() {
    long n = forge.seed().issue(REPO, i -> i.title("refuse me").author("dev-bot"));
    ForgeClient c = client();
    c.getAll("/issues/" + n + "/comments", Comment.class);
    forge.faults().add(
        Fault.on("POST", "/repos/o/r/issues/*/comments").dropAfterProcessing().times(1));

    assertThatThrownBy(() -> c.send("POST", ForgePath.of("issues", n, "comments"),
        Map.of("body", "refused: too big")))
        .isInstanceOf(ForgeAmbiguousWriteException.class);

    assertThat(c.getAll("/issues/" + n + "/comments", Comment.class)).extracting(Comment::body)
        .containsExactly("refused: too big");
    assertThat(posts()).hasSize(1);
  }

  @Test
  void aPatchWhoseAnswerIsLostIsAmbiguousToo() {
    long n = forge.seed().issue(REPO, i -> i.title("t").author("dev-bot"));
    ForgeClient c = client();
    forge.faults().add(Fault.on("PATCH", "/repos/o/r/issues/*").dropAfterProcessing().times(1));

    assertThatThrownBy(() -> c.send("PATCH", "/issues/" + n, Map.of("title", "t2")))
        .isInstanceOf(ForgeAmbiguousWriteException.class);
    assertThat(forge.journal()).filteredOn(r -> r.method().equals("PATCH")).hasSize(1);
  }

  @Test
  void anIdempotentRequestWhoseConnectionDroppedIsRetriedAndSucceeds() {
    long n = forge.seed().issue(REPO, i -> i.title("read me").author("dev-bot"));
    forge.faults().add(Fault.on("GET", "/repos/o/r/issues/*").dropBeforeProcessing().times(1));

    Issue issue = client().get(ForgePath.of("issues", n), Issue.class);

    assertThat(issue.title()).isEqualTo("read me");
    assertThat(forge.journal()).hasSize(2);
    assertThat(time.sleeps()).hasSize(1);
  }

  @Test
  void aPostAnswered503WithRetryAfterZeroIsNotResentByOkHttp() {
    forge.faults().add(Fault.on("POST", "/repos/o/r/issues").withStatus(503).withRetryAfter(0)
        .times(1));

    ForgeResponse r = client().send("POST", "/issues", Map.of("title", "x"));

    assertThat(r.status()).isEqualTo(503);
    assertThat(r.header("Retry-After")).contains("0");
    assertThat(posts()).hasSize(1);
  }

  @Test
  void aRefusedConnectionIsNamedAndIsNotAmbiguous() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    ForgeClient c = ForgeClient.builder().baseUrl("http://127.0.0.1:" + port).repo(REPO)
        .token(TOKEN).retryPolicy(RetryPolicy.none()).build();

    assertThatThrownBy(() -> c.send("POST", "/issues", Map.of("title", "x")))
        .isExactlyInstanceOf(ForgeTransportException.class)
        .satisfies(e -> {
          ForgeTransportException t = (ForgeTransportException) e;
          assertThat(t.kind()).isEqualTo(ForgeTransportException.Kind.CONNECTION_REFUSED);
          assertThat(t.getMessage()).startsWith("POST /api/v1/repos/o/r/issues: connection refused")
              .doesNotContain("000");
        });
  }
}
