package ai.disinto.forge.client.model;

import com.squareup.moshi.Json;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A pull request ({@code GET {repo}/pulls/{n}}, {@code POST {repo}/pulls}, PR lists).
 *
 * @param id the pull request id
 * @param number the number within the repository (shared with issues)
 * @param title the title
 * @param body the description
 * @param state {@code open} or {@code closed} (merged ones are closed)
 * @param user the author
 * @param labels the labels, never null
 * @param head the source branch
 * @param base the target branch
 * @param merged whether it is merged
 * @param mergedAt when it was merged, or null
 * @param mergeCommitSha the merge commit, or null
 * @param mergeable whether Forgejo can merge it now (null when unknown)
 * @param draft whether it is a draft
 * @param htmlUrl the web page
 * @param createdAt when it was opened
 * @param updatedAt when it last changed
 */
public record PullRequest(
    long id,
    long number,
    String title,
    String body,
    String state,
    User user,
    List<Label> labels,
    BranchRef head,
    BranchRef base,
    boolean merged,
    @Json(name = "merged_at") OffsetDateTime mergedAt,
    @Json(name = "merge_commit_sha") String mergeCommitSha,
    Boolean mergeable,
    boolean draft,
    @Json(name = "html_url") String htmlUrl,
    @Json(name = "created_at") OffsetDateTime createdAt,
    @Json(name = "updated_at") OffsetDateTime updatedAt) {

  /** Replaces an absent label list with an empty one and freezes it. */
  public PullRequest {
    labels = Lists.of(labels);
  }

  /**
   * Tells whether the pull request is open.
   *
   * @return true when {@code state} is {@code open}
   */
  public boolean isOpen() {
    return "open".equals(state);
  }

  /**
   * One side of a pull request (Forgejo's {@code PRBranchInfo}).
   *
   * @param label {@code owner:branch} or the branch
   * @param ref the branch name
   * @param sha the commit the branch points at
   * @param repoId the repository id
   */
  public record BranchRef(
      String label, String ref, String sha, @Json(name = "repo_id") long repoId) {}
}
