package ai.disinto.ci.woodpecker;

import com.squareup.moshi.Json;

/**
 * A repository as Woodpecker knows it ({@code model.Repo}; the fields the factory reads).
 *
 * @param id Woodpecker's repository id ({@code WOODPECKER_REPO_ID})
 * @param forgeRemoteId the forge's id of the repository, as text
 * @param owner the owner's login
 * @param name the repository name
 * @param fullName {@code owner/name}
 * @param defaultBranch the default branch
 * @param active whether Woodpecker runs pipelines for it
 * @param allowDeploy whether deployments may be triggered
 * @param timeout the pipeline timeout in minutes
 */
public record Repo(
    long id,
    @Json(name = "forge_remote_id") String forgeRemoteId,
    String owner,
    String name,
    @Json(name = "full_name") String fullName,
    @Json(name = "default_branch") String defaultBranch,
    boolean active,
    @Json(name = "allow_deploy") boolean allowDeploy,
    long timeout) {}
