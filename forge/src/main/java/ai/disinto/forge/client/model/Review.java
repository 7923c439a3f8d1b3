package ai.disinto.forge.client.model;

import com.squareup.moshi.Json;
import java.time.OffsetDateTime;

/**
 * A pull request review ({@code {repo}/pulls/{n}/reviews}).
 *
 * @param id the review id
 * @param user the reviewer
 * @param state {@code APPROVED}, {@code REQUEST_CHANGES}, {@code COMMENT}, {@code PENDING} or
 *     {@code REQUEST_REVIEW}
 * @param body the review text
 * @param commitId the head commit the review was made on
 * @param stale whether the head moved with changed content since
 * @param official whether the reviewer's verdict counts for protection
 * @param dismissed whether it was dismissed
 * @param submittedAt when it was submitted
 */
public record Review(
    long id,
    User user,
    String state,
    String body,
    @Json(name = "commit_id") String commitId,
    boolean stale,
    boolean official,
    boolean dismissed,
    @Json(name = "submitted_at") OffsetDateTime submittedAt) {}
