package ai.disinto.forge.client.model;

import com.squareup.moshi.Json;

/**
 * A Forgejo user ({@code GET /user}, {@code /users/{u}}, the {@code user} of issues and reviews).
 *
 * @param id the user id
 * @param login the login name
 * @param fullName the display name
 * @param email the e-mail address (may be hidden)
 * @param admin whether the user is a site administrator
 * @param active whether the account is activated
 * @param restricted whether the account is restricted
 */
public record User(
    long id,
    String login,
    @Json(name = "full_name") String fullName,
    String email,
    @Json(name = "is_admin") boolean admin,
    boolean active,
    boolean restricted) {}
