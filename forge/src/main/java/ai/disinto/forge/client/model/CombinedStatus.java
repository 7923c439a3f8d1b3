package ai.disinto.forge.client.model;

import com.squareup.moshi.Json;
import java.util.List;

/**
 * The combined commit status ({@code GET {repo}/commits/{sha}/status}).
 *
 * @param state {@code pending}, {@code success}, {@code error}, {@code failure}, {@code warning},
 *     or empty when the commit has no statuses
 * @param sha the commit
 * @param totalCount how many statuses there are
 * @param statuses the latest status per context, never null
 */
public record CombinedStatus(
    String state,
    String sha,
    @Json(name = "total_count") int totalCount,
    List<CommitStatus> statuses) {

  /** Replaces an absent status list with an empty one and freezes it. */
  public CombinedStatus {
    statuses = Lists.of(statuses);
  }

  /**
   * One status of a commit (Forgejo's {@code CommitStatus}).
   *
   * @param id the status id
   * @param status {@code pending}, {@code success}, {@code error}, {@code failure} or
   *     {@code warning}
   * @param context the check's name, such as {@code ci/woodpecker/pr/ci}
   * @param description the short description
   * @param targetUrl the CI page, from which the pipeline number is read
   */
  public record CommitStatus(
      long id,
      String status,
      String context,
      String description,
      @Json(name = "target_url") String targetUrl) {}
}
