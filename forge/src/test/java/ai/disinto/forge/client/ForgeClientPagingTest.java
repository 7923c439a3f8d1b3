package ai.disinto.forge.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.disinto.forge.client.model.Issue;
import java.io.IOException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** forge_api_all: paging rules, termination and errors (forge.md 5-12, core.md 28-34). */
class ForgeClientPagingTest {
  private static final String ISSUES = "/api/v1/repos/o/r/issues";

  private static ForgeClient client(PagingServer server) {
    return ForgeClient.builder()
        .baseUrl(server.baseUrl())
        .repo("o/r")
        .token("T")
        .retryPolicy(RetryPolicy.none())
        .build();
  }

  private static long[] numbers(int count) {
    return IntStream.rangeClosed(1, count).asLongStream().toArray();
  }

  @Test
  void oneHundredTwentyItemsWithTotalTakeThreePagesInServerOrder() throws IOException {
    // forge.md 5, core.md 28
    try (PagingServer server = new PagingServer(120)) {
      var issues = client(server).getAll("/issues", Issue.class);

      assertThat(issues).extracting(Issue::number).containsExactly(
          IntStream.rangeClosed(1, 120).mapToObj(i -> (long) i).toArray(Long[]::new));
      assertThat(server.requests).containsExactly(
          ISSUES + "?limit=50&page=1", ISSUES + "?limit=50&page=2", ISSUES + "?limit=50&page=3");
      assertThat(server.authorizations).containsOnly("token T");
    }
  }

  @Test
  void withoutTotalAnEmptyPageConfirmsTheEnd() throws IOException {
    // forge.md 5 (second half)
    try (PagingServer server = new PagingServer(120)) {
      server.totalHeader = false;
      assertThat(client(server).getAll("/pulls/9/files", Issue.class)).hasSize(120);
      assertThat(server.requests).hasSize(4).last().asString().endsWith("page=4");
    }
  }

  @Test
  void exactlyOneHundredItemsWithoutTotalTakeThreeRequestsTheLastEmpty() throws IOException {
    // core.md 29, forge.md 7 (the same rule at 50)
    try (PagingServer server = new PagingServer(100)) {
      server.totalHeader = false;
      assertThat(client(server).getAll("/issues", Issue.class)).hasSize(100);
      assertThat(server.requests).hasSize(3);
    }
    try (PagingServer server = new PagingServer(50)) {
      server.totalHeader = false;
      assertThat(client(server).getAll("/issues", Issue.class)).hasSize(50);
      assertThat(server.requests).hasSize(2);
    }
  }

  @Test
  void withTotalAnExactMultipleNeedsNoExtraRequest() throws IOException {
    try (PagingServer server = new PagingServer(100)) {
      assertThat(client(server).getAll("/issues", Issue.class)).hasSize(100);
      assertThat(server.requests).hasSize(2);
    }
  }

  @Test
  void anExistingQueryIsKeptAndLimitAndPageAreSetOnce() throws IOException {
    // forge.md 6, core.md 30
    try (PagingServer server = new PagingServer(3)) {
      ForgeClient forge = client(server);
      forge.getAll("/issues?state=open&type=issues", Issue.class);
      forge.getAll("/x?limit=10", Issue.class);
      assertThat(server.requests).containsExactly(
          ISSUES + "?state=open&type=issues&limit=50&page=1",
          "/api/v1/repos/o/r/x?limit=50&page=1");
    }
  }

  @Test
  void anEndpointIgnoringPagingIsReadOnceWhenItSendsATotal() throws IOException {
    // forge.md 8: issue comments ignore limit/page; the original loops forever at >= 50
    try (PagingServer server = new PagingServer(60)) {
      server.ignorePaging = true;
      assertThat(client(server).getAll("/issues/3/comments", Issue.class)).hasSize(60);
      assertThat(server.requests).hasSize(1);
    }
  }

  @Test
  void anEndpointIgnoringPagingWithoutTotalStopsAtTheRepeatedPage() throws IOException {
    // forge.md 8 (second half)
    try (PagingServer server = new PagingServer(60)) {
      server.ignorePaging = true;
      server.totalHeader = false;
      assertThat(client(server).getAll("/issues/3/comments", Issue.class)).hasSize(60);
      assertThat(server.requests).hasSize(2);
    }
  }

  @Test
  void aServerPageCapBelowFiftyDoesNotTruncate() throws IOException {
    // forge.md 9: the original stops after the first short page of 30
    try (PagingServer server = new PagingServer(45)) {
      server.cap = 30;
      server.totalHeader = false;
      assertThat(client(server).getAll("/issues", Issue.class))
          .extracting(Issue::number).containsExactly(
              IntStream.rangeClosed(1, 45).mapToObj(i -> (long) i).toArray(Long[]::new));
      assertThat(server.requests).hasSize(3);
    }
  }

  @Test
  void aLinkHeaderWithoutNextEndsTheWalk() throws IOException {
    try (PagingServer server = new PagingServer(45)) {
      server.cap = 30;
      server.totalHeader = false;
      server.linkHeader = true;
      assertThat(client(server).getAll("/issues", Issue.class)).hasSize(45);
      assertThat(server.requests).hasSize(2)
          .allSatisfy(r -> assertThat(r).startsWith(ISSUES)); // never the Link's own host
    }
  }

  @Test
  void aTokenOverrideIsSentOnEveryPage() throws IOException {
    // forge.md 10, core.md 34
    try (PagingServer server = new PagingServer(120)) {
      client(server).forRepo("o/r").withToken("R").getAll("/issues", Issue.class);
      assertThat(server.authorizations).hasSize(3).containsOnly("token R");
    }
  }

  @Test
  void aFailingPageThrowsInsteadOfReturningThePagesBefore() throws IOException {
    // forge.md 11, core.md 31
    try (PagingServer server = new PagingServer(120)) {
      server.failPage = 2;
      assertThatThrownBy(() -> client(server).getAll("/issues", Issue.class))
          .isInstanceOfSatisfying(ForgeException.class, e -> {
            assertThat(e.status()).isEqualTo(500);
            assertThat(e.path()).isEqualTo(ISSUES + "?limit=50&page=2");
            assertThat(e.forgeMessage()).contains("boom");
          });
    }
  }

  @Test
  void anObjectPageIsAProtocolError() throws IOException {
    // forge.md 12, core.md 33
    try (PagingServer server = new PagingServer(0)) {
      server.rawBody = "{\"message\":\"x\"}";
      assertThatThrownBy(() -> client(server).getAll("/issues", Issue.class))
          .isInstanceOfSatisfying(ForgeProtocolException.class, e -> {
            assertThat(e.status()).isEqualTo(200);
            assertThat(e.getMessage()).contains("expected a JSON array");
          });
    }
  }

  @Test
  void anHtmlPageIsAProtocolError() throws IOException {
    // core.md 32
    try (PagingServer server = new PagingServer(0)) {
      server.rawBody = "<html><body>Sign in</body></html>";
      assertThatThrownBy(() -> client(server).getAll("/issues", Issue.class))
          .isInstanceOf(ForgeProtocolException.class)
          .hasMessageContaining(ISSUES + "?limit=50&page=1");
    }
  }

  @Test
  void tenThousandIssuesCostExactlyOneRequestPerPage() throws IOException {
    try (PagingServer server = new PagingServer(10_000)) {
      var issues = client(server).getAll("/issues", Issue.class);
      assertThat(issues).hasSize(10_000);
      assertThat(issues.get(9_999).number()).isEqualTo(10_000);
      assertThat(server.requests).hasSize(200); // ceil(10,000 / 50)
    }
  }

  @Test
  void tenThousandIssuesUnderAServerCapOf30CostCeilOf10000Over30Requests() throws IOException {
    try (PagingServer server = new PagingServer(10_000)) {
      server.cap = 30;
      assertThat(client(server).getAll("/issues", Issue.class)).hasSize(10_000);
      assertThat(server.requests).hasSize(334); // ceil(10,000 / 30)
    }
  }

  @Test
  void walkingMorePagesThanTheMaximumFails() throws IOException {
    try (PagingServer server = new PagingServer(500)) {
      ForgeClient forge = ForgeClient.builder().baseUrl(server.baseUrl()).repo("o/r")
          .retryPolicy(RetryPolicy.none()).pageSize(10).maxPages(5).build();
      assertThatThrownBy(() -> forge.getAll("/issues", Issue.class))
          .isInstanceOf(ForgeException.class).hasMessageContaining("more than 5 pages");
      assertThat(server.requests).hasSize(5);
    }
  }

  @Test
  void getAllJsonPrintsTheMergedArrayAsJqDoes() throws IOException {
    try (PagingServer server = new PagingServer(2)) {
      assertThat(client(server).getAllJson("/issues")).isEqualTo("""
          [
            {
              "id": 1,
              "number": 1,
              "title": "item 1"
            },
            {
              "id": 2,
              "number": 2,
              "title": "item 2"
            }
          ]""");
    }
  }

  @Test
  void getAllJsonKeepsLiteralsNestingAndNulls() throws IOException {
    try (PagingServer server = new PagingServer(0)) {
      server.rawBody = "[{\"n\":1.50,\"big\":12345678901234567890,\"a\":[],\"o\":{},"
          + "\"x\":null,\"l\":[true,\"é\"]}]";
      assertThat(client(server).getAllJson("/issues")).isEqualTo("""
          [
            {
              "n": 1.50,
              "big": 12345678901234567890,
              "a": [],
              "o": {},
              "x": null,
              "l": [
                true,
                "é"
              ]
            }
          ]""");
    }
  }

  @Test
  void getAllJsonOfNothingIsAnEmptyArray() throws IOException {
    try (PagingServer server = new PagingServer(0)) {
      assertThat(client(server).getAllJson("/issues")).isEqualTo("[]");
    }
  }
}
