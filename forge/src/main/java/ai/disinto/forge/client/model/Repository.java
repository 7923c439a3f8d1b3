package ai.disinto.forge.client.model;

import com.squareup.moshi.Json;

/**
 * A repository ({@code GET /repos/{o}/{r}} and the repo creation routes).
 *
 * @param id the repository id
 * @param name the repository name
 * @param fullName {@code owner/name}
 * @param owner the owning user or organization
 * @param description the description
 * @param isPrivate whether it is private
 * @param empty whether it has no commits yet
 * @param archived whether it is archived
 * @param fork whether it is a fork
 * @param defaultBranch the default branch, such as {@code main}
 * @param cloneUrl the HTTP clone URL
 * @param sshUrl the SSH clone URL
 * @param htmlUrl the web page
 * @param permissions the caller's rights on it, when the forge says
 */
public record Repository(
    long id,
    String name,
    @Json(name = "full_name") String fullName,
    User owner,
    String description,
    @Json(name = "private") boolean isPrivate,
    boolean empty,
    boolean archived,
    boolean fork,
    @Json(name = "default_branch") String defaultBranch,
    @Json(name = "clone_url") String cloneUrl,
    @Json(name = "ssh_url") String sshUrl,
    @Json(name = "html_url") String htmlUrl,
    Permissions permissions) {

  /**
   * The caller's rights on a repository.
   *
   * @param admin repository administration
   * @param push write access
   * @param pull read access
   */
  public record Permissions(boolean admin, boolean push, boolean pull) {}
}
