package ai.disinto.forge.client.model;

import com.squareup.moshi.Json;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * An issue, or the issue view of a pull request ({@code GET {repo}/issues/{n}}, issue lists).
 *
 * @param id the issue id
 * @param number the number within the repository (shared with pull requests)
 * @param title the title
 * @param body the description, possibly empty
 * @param state {@code open} or {@code closed}
 * @param user the author
 * @param labels the labels, never null
 * @param assignee the first assignee, or null
 * @param assignees all assignees, never null
 * @param comments the number of comments
 * @param pullRequest set when this issue is a pull request, else null
 * @param htmlUrl the web page
 * @param createdAt when it was opened
 * @param updatedAt when it last changed
 * @param closedAt when it was closed, or null
 */
public record Issue(
    long id,
    long number,
    String title,
    String body,
    String state,
    User user,
    List<Label> labels,
    User assignee,
    List<User> assignees,
    int comments,
    @Json(name = "pull_request") PullRequestMeta pullRequest,
    @Json(name = "html_url") String htmlUrl,
    @Json(name = "created_at") OffsetDateTime createdAt,
    @Json(name = "updated_at") OffsetDateTime updatedAt,
    @Json(name = "closed_at") OffsetDateTime closedAt) {

  /** Replaces absent lists with empty ones and freezes them. */
  public Issue {
    labels = Lists.of(labels);
    assignees = Lists.of(assignees);
  }

  /**
   * Tells whether the issue is open.
   *
   * @return true when {@code state} is {@code open}
   */
  public boolean isOpen() {
    return "open".equals(state);
  }

  /**
   * Tells whether this issue is a pull request.
   *
   * @return true when {@code pull_request} is present
   */
  public boolean isPullRequest() {
    return pullRequest != null;
  }

  /**
   * Tells whether a label of that name is on the issue.
   *
   * @param name the label name
   * @return true when one of the labels has that name
   */
  public boolean hasLabel(String name) {
    return labels.stream().anyMatch(l -> name.equals(l.name()));
  }

  /**
   * The pull-request part of an issue.
   *
   * @param merged whether the pull request is merged
   * @param mergedAt when it was merged, or null
   * @param draft whether it is a draft
   * @param htmlUrl the pull request's web page
   */
  public record PullRequestMeta(
      boolean merged,
      @Json(name = "merged_at") OffsetDateTime mergedAt,
      boolean draft,
      @Json(name = "html_url") String htmlUrl) {}
}
