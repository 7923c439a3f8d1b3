package ai.disinto.forge.client.model;

import com.squareup.moshi.Json;
import java.time.OffsetDateTime;

/**
 * A comment on an issue or pull request ({@code {repo}/issues/{n}/comments}).
 *
 * @param id the comment id
 * @param body the text
 * @param user the author
 * @param htmlUrl the web anchor
 * @param createdAt when it was written
 * @param updatedAt when it was last edited
 */
public record Comment(
    long id,
    String body,
    User user,
    @Json(name = "html_url") String htmlUrl,
    @Json(name = "created_at") OffsetDateTime createdAt,
    @Json(name = "updated_at") OffsetDateTime updatedAt) {}
