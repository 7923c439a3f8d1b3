package ai.disinto.forge.client.model;

import com.squareup.moshi.Json;
import java.util.List;

/**
 * A branch protection rule ({@code {repo}/branch_protections[/{rule}]}), with the fields the
 * library sets; also usable as the create and edit body (absent lists are sent as empty lists).
 *
 * @param ruleName the rule name (a branch name or a glob)
 * @param enablePush whether pushing is allowed at all
 * @param enablePushWhitelist whether only the push whitelist may push
 * @param pushWhitelistUsernames who may push when the whitelist is on
 * @param requiredApprovals how many approvals a merge needs
 * @param enableMergeWhitelist whether only the merge whitelist may merge
 * @param mergeWhitelistUsernames who may merge when the whitelist is on
 * @param enableStatusCheck whether status checks must pass
 * @param statusCheckContexts the required status contexts
 * @param blockOnRejectedReviews whether a rejecting review blocks merging
 * @param blockOnOutdatedBranch whether a branch behind its base blocks merging
 * @param dismissStaleApprovals whether new commits dismiss approvals
 * @param requireSignedCommits whether commits must be signed
 * @param applyToAdmins whether administrators are bound too
 */
public record BranchProtection(
    @Json(name = "rule_name") String ruleName,
    @Json(name = "enable_push") boolean enablePush,
    @Json(name = "enable_push_whitelist") boolean enablePushWhitelist,
    @Json(name = "push_whitelist_usernames") List<String> pushWhitelistUsernames,
    @Json(name = "required_approvals") int requiredApprovals,
    @Json(name = "enable_merge_whitelist") boolean enableMergeWhitelist,
    @Json(name = "merge_whitelist_usernames") List<String> mergeWhitelistUsernames,
    @Json(name = "enable_status_check") boolean enableStatusCheck,
    @Json(name = "status_check_contexts") List<String> statusCheckContexts,
    @Json(name = "block_on_rejected_reviews") boolean blockOnRejectedReviews,
    @Json(name = "block_on_outdated_branch") boolean blockOnOutdatedBranch,
    @Json(name = "dismiss_stale_approvals") boolean dismissStaleApprovals,
    @Json(name = "require_signed_commits") boolean requireSignedCommits,
    @Json(name = "apply_to_admins") boolean applyToAdmins) {

  /** Replaces absent lists with empty ones and freezes them. */
  public BranchProtection {
    pushWhitelistUsernames = Lists.of(pushWhitelistUsernames);
    mergeWhitelistUsernames = Lists.of(mergeWhitelistUsernames);
    statusCheckContexts = Lists.of(statusCheckContexts);
  }
}
