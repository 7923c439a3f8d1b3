package ai.disinto.git.push;

import ai.disinto.core.Sleeper;
import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.ForgeException;
import ai.disinto.forge.client.ForgeNotFoundException;
import ai.disinto.forge.client.ForgePath;
import ai.disinto.forge.client.ForgeProtocolException;
import ai.disinto.forge.client.model.Branch;
import ai.disinto.forge.client.model.Repository;
import ai.disinto.git.GitAuth;
import ai.disinto.git.push.PushResult.Outcome;
import ai.disinto.git.push.PushResult.RefFailure;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.PushCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.URIish;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes a local clone (every local branch, then every tag) to its repository on the forge through
 * the remote {@code forgejo}, with the bot's password given explicitly, and checks through the
 * forge's API that the push arrived.
 *
 * <p>Mirrors {@code push_to_forge} of lib/forge-push.sh, and keeps its rules: the remote URL is
 * {@code <forge url>/<slug>.git} without credentials and is (re)set on every call; a clone without
 * a commit is skipped; only local branches are pushed ({@code refs/heads/*}, never remote-tracking
 * refs); the forge is asked up to five times, two seconds apart, because it indexes pushed refs
 * asynchronously. Improvements: the push runs in JGit with a {@link GitAuth} (no credential helper
 * needed on the operator's host, nothing in the URL or argv); every {@link RemoteRefUpdate} status
 * is read, so a refused ref is a failed outcome naming the ref; the API answer is parsed, and an
 * unreachable or nonsensical API is {@link Outcome#PUSHED_UNVERIFIED} rather than plain success;
 * besides {@code empty} the check compares the forge's head of the current branch with the pushed
 * commit.
 *
 * <p>The original's progress lines ({@code Remote:  forgejo -> <url>}, {@code Pushing: branches to
 * forgejo}, {@code Verify:  repo is not empty (push confirmed)}…), which it prints on standard
 * output, are logged at DEBUG with the same text; the {@code disinto push-to-forge} command prints
 * them on standard output from the result. Failures are logged at WARN.
 */
public final class ForgePush {
  // A forge client in a dry run (ForgeClientBuilder.dryRun) makes the push JGit's dry run: the
  // forge's refs are read, nothing is sent, and the result is PUSHED_UNVERIFIED "dry run: not
  // pushed".
  private static final Logger LOG = LoggerFactory.getLogger(ForgePush.class);
  /** The remote's name, as the original names it. */
  public static final String REMOTE_NAME = "forgejo";
  /** How many times the forge is asked whether the push arrived. */
  public static final int VERIFY_ATTEMPTS = 5;
  /** The pause between two checks. */
  public static final Duration VERIFY_INTERVAL = Duration.ofSeconds(2);
  /** How long a push may take before the transport gives up. */
  public static final Duration PUSH_TIMEOUT = Duration.ofMinutes(10);

  private static final Pattern SLUG = Pattern.compile("[A-Za-z0-9._-]+/[A-Za-z0-9._-]+");

  private final ForgeClient forge;
  private final Sleeper sleeper;

  /**
   * Creates the service.
   *
   * @param forge the forge's API client, with the token that may read the repository
   *     ({@code FORGE_TOKEN})
   * @param sleeper what the pause between checks goes through
   */
  public ForgePush(ForgeClient forge, Sleeper sleeper) {
    this.forge = Objects.requireNonNull(forge, "forge").root();
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
  }

  /**
   * Pushes a clone to the forge and checks that it arrived.
   *
   * @param repoRoot the local clone
   * @param forgeUrl the forge's git base URL, such as {@code http://localhost:3000}
   * @param repoSlug {@code owner/name}
   * @param auth the bot's login and password for the git transport
   * @return what happened; failures are outcomes, never thrown
   * @throws IllegalArgumentException when the slug is not {@code owner/name} or the URL carries
   *     user information
   */
  public PushResult push(Path repoRoot, String forgeUrl, String repoSlug, GitAuth auth) {
    Objects.requireNonNull(auth, "auth");
    if (!SLUG.matcher(Objects.requireNonNull(repoSlug, "repoSlug")).matches()) {
      throw new IllegalArgumentException("not an owner/name repository slug: '" + repoSlug + "'");
    }
    String base = Objects.requireNonNull(forgeUrl, "forgeUrl").replaceAll("/+$", "");
    String remoteUrl = base + "/" + repoSlug + ".git";
    URIish uri;
    try {
      uri = new URIish(remoteUrl);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a git URL: " + remoteUrl);
    }
    if (uri.getUser() != null || uri.getPass() != null) {
      throw new IllegalArgumentException("the forge URL must not carry user information");
    }
    try (Git git = Git.open(repoRoot.toFile())) {
      try {
        setRemote(git, uri);
      } catch (GitAPIException | RuntimeException e) {
        return fail(Outcome.REMOTE_FAILED, remoteUrl, List.of(),
            "cannot configure remote " + REMOTE_NAME + ": " + mask(e.getMessage(), auth));
      }
      LOG.debug("Remote:  {} -> {}", REMOTE_NAME, remoteUrl);
      ObjectId head = git.getRepository().resolve("HEAD");
      if (head == null) {
        LOG.debug("Push:    skipped (local repo has no commits)");
        return new PushResult(Outcome.SKIPPED_NO_COMMITS, remoteUrl, List.of(), "");
      }
      LOG.debug("Pushing: branches to {}", REMOTE_NAME);
      // JGit fails with "Nothing to push." where git push --all/--tags says "Everything up-to-date".
      Optional<PushResult> failed = hasRefs(git, "refs/heads/")
          ? pushRefs(git.push().setPushAll().setDryRun(forge.dryRun()), auth, remoteUrl,
              Outcome.BRANCHES_FAILED)
          : Optional.empty();
      if (failed.isPresent()) {
        return failed.get();
      }
      LOG.debug("Pushing: tags to {}", REMOTE_NAME);
      failed = hasRefs(git, "refs/tags/")
          ? pushRefs(git.push().setPushTags().setDryRun(forge.dryRun()), auth, remoteUrl,
              Outcome.TAGS_FAILED)
          : Optional.empty();
      if (failed.isPresent()) {
        return failed.get();
      }
      if (forge.dryRun()) {
        // git's own dry run: the forge's refs were read, nothing was sent.
        LOG.info("dry run: would push the branches and tags of {} to {} (not pushed)", repoRoot,
            remoteUrl);
        return new PushResult(Outcome.PUSHED_UNVERIFIED, remoteUrl, List.of(),
            "dry run: not pushed");
      }
      Optional<String> branch = currentBranch(git);
      return verify(repoSlug, remoteUrl, branch, head);
    } catch (IOException e) {
      return fail(Outcome.REMOTE_FAILED, remoteUrl, List.of(),
          "cannot open the repository " + repoRoot + ": " + mask(e.getMessage(), auth));
    }
  }

  private static void setRemote(Git git, URIish uri) throws GitAPIException {
    boolean exists = git.remoteList().call().stream()
        .anyMatch(r -> r.getName().equals(REMOTE_NAME));
    if (exists) {
      git.remoteSetUrl().setRemoteName(REMOTE_NAME).setRemoteUri(uri).call();
      // A push URL would win over the clean URL (and may carry an old secret): drop it.
      org.eclipse.jgit.lib.StoredConfig config = git.getRepository().getConfig();
      if (config.getStringList("remote", REMOTE_NAME, "pushurl").length > 0) {
        config.unset("remote", REMOTE_NAME, "pushurl");
        try {
          config.save();
        } catch (IOException e) {
          throw new org.eclipse.jgit.api.errors.JGitInternalException(
              "cannot save the config: " + e.getMessage(), e);
        }
      }
    } else {
      git.remoteAdd().setName(REMOTE_NAME).setUri(uri).call();
    }
  }

  private Optional<PushResult> pushRefs(PushCommand push, GitAuth auth, String remoteUrl,
      Outcome failure) {
    List<RefFailure> refused = new ArrayList<>();
    try {
      Iterable<org.eclipse.jgit.transport.PushResult> results = push.setRemote(REMOTE_NAME)
          .setCredentialsProvider(auth.credentialsProvider())
          .setTimeout((int) PUSH_TIMEOUT.toSeconds()).call();
      for (org.eclipse.jgit.transport.PushResult r : results) {
        for (RemoteRefUpdate u : r.getRemoteUpdates()) {
          RemoteRefUpdate.Status s = u.getStatus();
          if (s != RemoteRefUpdate.Status.OK && s != RemoteRefUpdate.Status.UP_TO_DATE) {
            refused.add(new RefFailure(u.getRemoteName(), s.name(),
                u.getMessage() == null ? "" : mask(u.getMessage(), auth)));
          }
        }
      }
    } catch (GitAPIException | RuntimeException e) {
      String why = mask(String.valueOf(e.getMessage()), auth);
      LOG.warn("push to {} failed: {}", REMOTE_NAME, why);
      return Optional.of(fail(failure, remoteUrl, List.of(), why));
    }
    if (refused.isEmpty()) {
      return Optional.empty();
    }
    String names = String.join(", ", refused.stream()
        .map(f -> f.ref() + " (" + f.status() + (f.message().isEmpty() ? "" : ": " + f.message())
            + ")").toList());
    LOG.warn("{} refused: {}", REMOTE_NAME, names);
    return Optional.of(fail(failure, remoteUrl, refused, "refused: " + names));
  }

  private PushResult verify(String slug, String remoteUrl, Optional<String> branch,
      ObjectId head) {
    int slash = slug.indexOf('/');
    ForgePath repoPath = ForgePath.of("repos", slug.substring(0, slash), slug.substring(slash + 1));
    String why = "";
    for (int attempt = 1; attempt <= VERIFY_ATTEMPTS; attempt++) {
      try {
        Repository repo = forge.get(repoPath, Repository.class);
        if (repo == null) {
          LOG.warn("push to {} not verified: the forge answered no repository", REMOTE_NAME);
          return new PushResult(Outcome.PUSHED_UNVERIFIED, remoteUrl, List.of(),
              "the forge answered no repository for " + slug);
        }
        if (repo.empty()) {
          why = "the forge still reports " + slug + " empty after the push";
        } else if (branch.isEmpty()) {
          LOG.debug("Verify:  repo is not empty (push confirmed)");
          return new PushResult(Outcome.PUSHED_VERIFIED, remoteUrl, List.of(), "");
        } else {
          Optional<String> sha = forgeHead(repoPath, branch.get());
          if (sha.isPresent() && sha.get().equals(head.name())) {
            LOG.debug("Verify:  repo is not empty (push confirmed)");
            return new PushResult(Outcome.PUSHED_VERIFIED, remoteUrl, List.of(), "");
          }
          why = "the forge has " + branch.get() + " at "
              + sha.orElse("no commit") + ", not the pushed " + head.name();
        }
      } catch (ForgeProtocolException e) {
        LOG.warn("push to {} not verified: the forge answered nonsense: {}", REMOTE_NAME,
            e.getMessage());
        return new PushResult(Outcome.PUSHED_UNVERIFIED, remoteUrl, List.of(), e.getMessage());
      } catch (ForgeException e) {
        LOG.warn("push to {} not verified: {}", REMOTE_NAME, e.getMessage());
        return new PushResult(Outcome.PUSHED_UNVERIFIED, remoteUrl, List.of(), e.getMessage());
      }
      if (attempt < VERIFY_ATTEMPTS) {
        try {
          sleeper.sleep(VERIFY_INTERVAL);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return new PushResult(Outcome.PUSHED_UNVERIFIED, remoteUrl, List.of(),
              "interrupted while waiting for the forge");
        }
      }
    }
    LOG.warn("{}", why);
    return new PushResult(Outcome.STILL_EMPTY, remoteUrl, List.of(), why);
  }

  private Optional<String> forgeHead(ForgePath repoPath, String branch) {
    try {
      Branch b = forge.get(repoPath.segment("branches").segment(branch), Branch.class);
      return Optional.ofNullable(b).map(Branch::commit).map(Branch.Commit::id);
    } catch (ForgeNotFoundException e) {
      return Optional.empty();
    }
  }

  private static boolean hasRefs(Git git, String prefix) throws IOException {
    return !git.getRepository().getRefDatabase().getRefsByPrefix(prefix).isEmpty();
  }

  private static Optional<String> currentBranch(Git git) throws IOException {
    Ref head = git.getRepository().exactRef("HEAD");
    if (head == null || !head.isSymbolic()) {
      return Optional.empty();
    }
    String target = head.getTarget().getName();
    return target.startsWith("refs/heads/")
        ? Optional.of(target.substring("refs/heads/".length())) : Optional.empty();
  }

  private static PushResult fail(Outcome outcome, String remoteUrl, List<RefFailure> refused,
      String why) {
    return new PushResult(outcome, remoteUrl, refused, why);
  }

  /** Transport messages may echo a URL; the password never leaves this class. */
  private static String mask(String text, GitAuth auth) {
    return text == null ? "" : text.replace(auth.password(), "<redacted>");
  }
}
