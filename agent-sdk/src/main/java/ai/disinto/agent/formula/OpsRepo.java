package ai.disinto.agent.formula;

import ai.disinto.core.process.ProcessResult;
import ai.disinto.git.GitCli;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local clone of the project's ops repository ({@code OPS_REPO_ROOT}), where agents keep
 * their operational data (prerequisites, evidence, journals, vault actions).
 *
 * <p>Mirrors {@code ensure_ops_repo} and {@code ops_commit_and_push} of lib/formula-session.sh.
 * Git runs through the git module's {@link GitCli}, so clone, fetch and push authenticate through
 * the configured credential helper; the clone URL carries no credentials (#604). Differences: the
 * outcome of a commit-and-push is returned ({@link CommitResult}) instead of a failed commit
 * aborting the caller and a failed push being ignored.
 */
public final class OpsRepo {
  private static final Logger LOG = LoggerFactory.getLogger(OpsRepo.class);

  private final GitCli git;
  private final Optional<Path> root;
  private final String slug;
  private final String forgeUrl;
  private final String primaryBranch;

  /**
   * Creates the service.
   *
   * @param git the git CLI (its environment holds the credential helper's configuration)
   * @param opsRoot the clone's folder ({@code OPS_REPO_ROOT}); empty turns every call into a no-op
   * @param opsSlug {@code owner/name} of the ops repository ({@code FORGE_OPS_REPO}); empty means
   *     "do not clone"
   * @param forgeUrl the forge's base URL ({@code FORGE_URL})
   * @param primaryBranch the branch fetched and pushed ({@code PRIMARY_BRANCH})
   */
  public OpsRepo(GitCli git, Optional<Path> opsRoot, String opsSlug, String forgeUrl,
      String primaryBranch) {
    this.git = Objects.requireNonNull(git, "git");
    this.root = Objects.requireNonNull(opsRoot, "opsRoot").map(p -> p.toAbsolutePath()
        .normalize());
    this.slug = Objects.requireNonNullElse(opsSlug, "");
    this.forgeUrl = Objects.requireNonNullElse(forgeUrl, "").replaceAll("/+$", "");
    this.primaryBranch = Objects.requireNonNull(primaryBranch, "primaryBranch");
  }

  /** What {@link #ensure()} found or did. */
  public enum EnsureOutcome {
    /** No {@code OPS_REPO_ROOT}, or no clone and no slug: nothing done. */
    SKIPPED,
    /** The clone existed; the primary branch was fetched, checked out and fast-forwarded. */
    UPDATED,
    /** The clone existed but fetching or fast-forwarding failed: the local state is kept. */
    UPDATE_FAILED,
    /** The repository was cloned. */
    CLONED,
    /** Cloning failed; an empty folder was created instead. */
    CLONE_FAILED
  }

  /**
   * Makes sure the clone exists and is current: updates an existing clone (failures are not
   * errors: the local state is used), else clones it, else creates an empty folder.
   *
   * @return what happened
   * @throws UncheckedIOException when the fallback folder cannot be created
   */
  public EnsureOutcome ensure() {
    if (root.isEmpty()) {
      return EnsureOutcome.SKIPPED;
    }
    Path dir = root.get();
    if (RepoGit.isClone(dir)) {
      boolean ok = RepoGit.net(git, dir, "fetch", "--quiet", "origin", primaryBranch).succeeded();
      RepoGit.run(git, dir, "checkout", "--quiet", primaryBranch);
      ok &= RepoGit.net(git, dir, "pull", "--quiet", "--ff-only", "origin", primaryBranch)
          .succeeded();
      if (!ok) {
        LOG.debug("ops repo {}: fetch or fast-forward of {} failed; using the local state", dir,
            primaryBranch);
      }
      return ok ? EnsureOutcome.UPDATED : EnsureOutcome.UPDATE_FAILED;
    }
    if (slug.isEmpty()) {
      return EnsureOutcome.SKIPPED;
    }
    LOG.info("Cloning ops repo: {} -> {}", slug, dir);
    Path parent = dir.getParent();
    try {
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + parent, e);
    }
    ProcessResult clone = RepoGit.net(git, parent == null ? dir : parent, "clone", "--quiet",
        forgeUrl + "/" + slug + ".git", dir.toString());
    if (clone.succeeded()) {
      LOG.info("Ops repo cloned: {}", dir);
      return EnsureOutcome.CLONED;
    }
    LOG.debug("git clone of the ops repo failed: {}", GitCli.describe(clone));
    LOG.warn("WARNING: failed to clone ops repo {} — creating local directory", slug);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
    return EnsureOutcome.CLONE_FAILED;
  }

  /**
   * Stages the paths (all changes when none are given), commits when something is staged, and
   * pushes to {@code origin <primary branch>}.
   *
   * @param message the commit message
   * @param paths the paths relative to the clone; empty stages everything
   * @return what happened; {@link CommitResult.Outcome#NO_REPOSITORY} without a clone
   */
  public CommitResult commitAndPush(String message, List<String> paths) {
    Objects.requireNonNull(message, "message");
    if (root.isEmpty()) {
      return new CommitResult(CommitResult.Outcome.NO_REPOSITORY, "", "");
    }
    CommitResult r = RepoGit.commitAndPush(git, root.get(), message, List.copyOf(paths),
        Optional.empty(), List.of(), List.of(primaryBranch));
    switch (r.outcome()) {
      case COMMIT_FAILED -> LOG.warn("ops repo commit failed: {}", RepoGit.firstLine(r.detail()));
      case PUSH_FAILED -> LOG.warn("ops repo push to {} failed: {}", primaryBranch,
          RepoGit.firstLine(r.detail()));
      default -> { }
    }
    return r;
  }

  /**
   * The clone's folder.
   *
   * @return the folder, empty when none is configured
   */
  public Optional<Path> root() {
    return root;
  }
}
