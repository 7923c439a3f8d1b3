package ai.disinto.vault.release;

import java.nio.file.Path;

/**
 * A filed release.
 *
 * @param actionId the vault action id, {@code release-<version without dots>}
 * @param vaultFile the vault item written in the ops checkout
 * @param branch the branch pushed, {@code release/<version without dots>}
 * @param prNumber the release PR
 * @param prUrl its web page, {@code {FORGE_URL}/{ops repo}/pulls/<n>}
 * @param autoMergeRequested whether the forge accepted the auto-merge request
 * @param existingPr whether the PR was already open (a re-run), so nothing was pushed or opened
 */
public record ReleaseResult(String actionId, Path vaultFile, String branch, long prNumber,
    String prUrl, boolean autoMergeRequested, boolean existingPr) {}
