package ai.disinto.ci.woodpecker;

/**
 * The user a token belongs to ({@code model.User}; the fields the factory reads).
 *
 * @param id Woodpecker's user id
 * @param login the login
 * @param email the e-mail address
 * @param admin whether the user is a Woodpecker administrator
 */
public record User(long id, String login, String email, boolean admin) {}
