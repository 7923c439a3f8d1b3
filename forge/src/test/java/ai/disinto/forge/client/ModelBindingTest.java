package ai.disinto.forge.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.disinto.forge.client.model.BranchProtection;
import ai.disinto.forge.client.model.CombinedStatus;
import ai.disinto.forge.client.model.ContentsResponse;
import ai.disinto.forge.client.model.Issue;
import ai.disinto.forge.client.model.OAuth2Application;
import ai.disinto.forge.client.model.PullRequest;
import ai.disinto.forge.client.model.Review;
import ai.disinto.forge.client.model.Token;
import ai.disinto.forge.client.model.User;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The model records bind Forgejo's JSON: snake_case names, unknown fields, absent values. */
class ModelBindingTest {
  private final Moshi moshi = Json.moshi();

  private <T> T read(String json, Class<T> type) throws IOException {
    return moshi.adapter(type).fromJson(json);
  }

  @Test
  void anIssueBindsNestedObjectsDatesAndSkipsUnknownFields() throws IOException {
    Issue issue = read("""
        {"id":501,"number":7,"title":"Fix it","body":"Depends on #3","state":"open",
         "user":{"id":2,"login":"alice","full_name":"Alice","is_admin":true,"x":1},
         "labels":[{"id":4,"name":"backlog","color":"e11d21","exclusive":false}],
         "assignee":null,"assignees":null,"comments":2,
         "pull_request":null,"milestone":{"id":1},"repository":{"id":9},
         "created_at":"2026-04-03T14:00:00+02:00","closed_at":null}""", Issue.class);

    assertThat(issue.number()).isEqualTo(7);
    assertThat(issue.user().login()).isEqualTo("alice");
    assertThat(issue.user().admin()).isTrue();
    assertThat(issue.hasLabel("backlog")).isTrue();
    assertThat(issue.assignee()).isNull();
    assertThat(issue.assignees()).isEmpty();
    assertThat(issue.isPullRequest()).isFalse();
    assertThat(issue.createdAt()).isEqualTo(OffsetDateTime.parse("2026-04-03T14:00:00+02:00"));
  }

  @Test
  void absentPrimitivesTakeTheirDefaultsAndAbsentListsAreEmpty() throws IOException {
    PullRequest pr = read("{\"number\":12,\"state\":\"closed\"}", PullRequest.class);
    assertThat(pr.number()).isEqualTo(12);
    assertThat(pr.merged()).isFalse();
    assertThat(pr.labels()).isEmpty();
    assertThat(pr.head()).isNull();
    assertThat(pr.mergeable()).isNull();
  }

  @Test
  void aPullRequestBindsHeadAndMergeFields() throws IOException {
    PullRequest pr = read("""
        {"id":1,"number":12,"state":"closed","merged":true,"mergeable":false,
         "merged_at":"2026-04-03T14:00:00Z","merge_commit_sha":"abc",
         "head":{"label":"fix","ref":"fix/issue-7","sha":"deadbeef","repo_id":3,"repo":{}},
         "base":{"ref":"main","sha":"cafe"}}""", PullRequest.class);
    assertThat(pr.head().ref()).isEqualTo("fix/issue-7");
    assertThat(pr.head().sha()).isEqualTo("deadbeef");
    assertThat(pr.base().ref()).isEqualTo("main");
    assertThat(pr.merged()).isTrue();
    assertThat(pr.mergeable()).isFalse();
    assertThat(pr.mergeCommitSha()).isEqualTo("abc");
  }

  @Test
  void reviewsStatusesAndContentsBind() throws IOException {
    Review review = read("{\"id\":3,\"state\":\"REQUEST_CHANGES\",\"stale\":true,"
        + "\"commit_id\":\"c1\",\"user\":{\"login\":\"review-bot\"}}", Review.class);
    CombinedStatus status = read("{\"state\":\"success\",\"total_count\":1,\"statuses\":"
        + "[{\"status\":\"success\",\"context\":\"ci\",\"target_url\":\"http://ci/3/7\"}]}",
        CombinedStatus.class);
    ContentsResponse file = read("{\"name\":\"a.md\",\"type\":\"file\",\"encoding\":\"base64\","
        + "\"content\":\"aMOpbGxv\\n\"}", ContentsResponse.class);

    assertThat(review.stale()).isTrue();
    assertThat(review.commitId()).isEqualTo("c1");
    assertThat(status.statuses().get(0).targetUrl()).isEqualTo("http://ci/3/7");
    assertThat(file.decodedText()).isEqualTo("héllo");
  }

  @Test
  void aRecordIsWrittenWithSnakeCaseNamesAndWithoutNulls() {
    BranchProtection rule = new BranchProtection("main", false, false, null, 1, true,
        List.of("review-bot"), false, null, true, false, false, false, true);
    String json = moshi.adapter(BranchProtection.class).toJson(rule);
    assertThat(json)
        .contains("\"rule_name\":\"main\"")
        .contains("\"required_approvals\":1")
        .contains("\"merge_whitelist_usernames\":[\"review-bot\"]")
        .contains("\"push_whitelist_usernames\":[]")
        .contains("\"apply_to_admins\":true");
    User u = new User(1, "bot", null, null, false, true, false);
    assertThat(moshi.adapter(User.class).toJson(u)).doesNotContain("full_name");
  }

  @Test
  void aWrongTypeIsAJsonDataException() {
    assertThatThrownBy(() -> read("{\"number\":\"seven\"}", Issue.class))
        .isInstanceOf(JsonDataException.class);
  }

  @Test
  void secretsOfTokensAndApplicationsAreHiddenFromToString() throws IOException {
    Token token = read("{\"id\":1,\"name\":\"t\",\"sha1\":\"0123456789abcdef\","
        + "\"token_last_eight\":\"89abcdef\",\"scopes\":[\"all\"]}", Token.class);
    OAuth2Application app = read("{\"id\":2,\"name\":\"woodpecker\",\"client_id\":\"cid\","
        + "\"client_secret\":\"s3cr3t-value\",\"redirect_uris\":[\"http://wp/authorize\"]}",
        OAuth2Application.class);

    assertThat(token.sha1()).isEqualTo("0123456789abcdef");
    assertThat(token.toString()).doesNotContain("0123456789abcdef").contains("<redacted>");
    assertThat(app.clientSecret()).isEqualTo("s3cr3t-value");
    assertThat(app.toString()).doesNotContain("s3cr3t-value").contains("cid");
  }

  @Test
  void listFieldsAreImmutable() throws IOException {
    Issue issue = read("{\"number\":1,\"labels\":[{\"id\":1,\"name\":\"a\"}]}", Issue.class);
    assertThatThrownBy(() -> issue.labels().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
