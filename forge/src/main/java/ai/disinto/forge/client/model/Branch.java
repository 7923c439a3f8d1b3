package ai.disinto.forge.client.model;

import com.squareup.moshi.Json;

/**
 * A branch ({@code GET {repo}/branches/{b}}, {@code POST {repo}/branches}).
 *
 * @param name the branch name
 * @param commit the commit it points at
 * @param isProtected whether a protection rule applies
 * @param protectionName the name of the rule that applies, or empty
 */
public record Branch(
    String name,
    Commit commit,
    @Json(name = "protected") boolean isProtected,
    @Json(name = "effective_branch_protection_name") String protectionName) {

  /**
   * The head commit of a branch (Forgejo's {@code PayloadCommit}, shortened).
   *
   * @param id the commit SHA
   * @param message the commit message
   * @param url the API URL of the commit
   */
  public record Commit(String id, String message, String url) {}
}
