package ai.disinto.forge.client.model;

import com.squareup.moshi.Json;

/**
 * A Forgejo organization ({@code GET /orgs/{org}}, {@code POST /orgs}).
 *
 * @param id the organization id
 * @param name the organization name (same as {@code username})
 * @param username the organization's login
 * @param fullName the display name
 * @param visibility {@code public}, {@code limited} or {@code private}
 */
public record Org(
    long id,
    String name,
    String username,
    @Json(name = "full_name") String fullName,
    String visibility) {}
