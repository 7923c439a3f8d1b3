package ai.disinto.forge.setup;

import java.util.List;
import java.util.Objects;

/**
 * One Forgejo account that forge setup provisions for an agent: its login, the {@code .env}
 * variables of its token and password, and its permission on the project repository.
 *
 * @param user the login
 * @param tokenVar the {@code .env} variable of the API token
 * @param passVar the {@code .env} variable of the password
 * @param permission {@code read} or {@code write} on the project repository
 * @param localModel whether it is a local-model ("llama") account, whose password prefix and
 *     messages differ
 */
public record SetupAccount(String user, String tokenVar, String passVar, String permission,
    boolean localModel) {

  /** Refuses missing parts. */
  public SetupAccount {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(tokenVar, "tokenVar");
    Objects.requireNonNull(passVar, "passVar");
    Objects.requireNonNull(permission, "permission");
  }

  /** The eight agent accounts, in the order the original creates them. */
  public static final List<SetupAccount> AGENTS = List.of(
      new SetupAccount("dev-bot", "FORGE_TOKEN", "FORGE_PASS", "write", false),
      new SetupAccount("review-bot", "FORGE_REVIEW_TOKEN", "FORGE_REVIEW_PASS", "read", false),
      new SetupAccount("planner-bot", "FORGE_PLANNER_TOKEN", "FORGE_PLANNER_PASS", "write", false),
      new SetupAccount("gardener-bot", "FORGE_GARDENER_TOKEN", "FORGE_GARDENER_PASS", "write",
          false),
      new SetupAccount("vault-bot", "FORGE_VAULT_TOKEN", "FORGE_VAULT_PASS", "write", false),
      new SetupAccount("supervisor-bot", "FORGE_SUPERVISOR_TOKEN", "FORGE_SUPERVISOR_PASS", "read",
          false),
      new SetupAccount("predictor-bot", "FORGE_PREDICTOR_TOKEN", "FORGE_PREDICTOR_PASS", "read",
          false),
      new SetupAccount("architect-bot", "FORGE_ARCHITECT_TOKEN", "FORGE_ARCHITECT_PASS", "write",
          false));

  /** The two local-model accounts (#563). */
  public static final List<SetupAccount> LOCAL_MODELS = List.of(
      new SetupAccount("dev-qwen", "FORGE_TOKEN_LLAMA", "FORGE_PASS_LLAMA", "write", true),
      new SetupAccount("dev-qwen-nightly", "FORGE_TOKEN_LLAMA_NIGHTLY", "FORGE_PASS_LLAMA_NIGHTLY",
          "write", true));

  /**
   * The name of the API token forge setup keeps for this account.
   *
   * @return {@code disinto-{user}-token}
   */
  public String tokenName() {
    return "disinto-" + user + "-token";
  }
}
