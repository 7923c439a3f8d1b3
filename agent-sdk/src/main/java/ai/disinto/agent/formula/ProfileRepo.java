package ai.disinto.agent.formula;

import ai.disinto.core.agent.AgentResult;
import ai.disinto.core.agent.AgentRunner;
import ai.disinto.core.process.ProcessResult;
import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.ForgeException;
import ai.disinto.forge.client.ForgeResponse;
import ai.disinto.forge.client.model.User;
import ai.disinto.git.GitCli;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An agent's {@code .profile} repository on the forge ({@code <identity>/.profile}) and its local
 * clone: the per-agent formula, the journal written after each session, and the lessons learned
 * digested from the journal and injected into the next prompts.
 *
 * <p>Mirrors {@code resolve_agent_identity}, {@code _profile_has_repo}, {@code
 * ensure_profile_repo}, {@code _count_undigested_journals}, {@code _profile_digest_journals},
 * {@code profile_load_lessons}, {@code profile_write_journal} and {@code _profile_commit_and_push}
 * of lib/formula-session.sh. Git goes through the git module's {@link GitCli} (credentials from
 * the credential helper, none in URLs); the two one-shot agent calls go through an {@link
 * AgentRunner} (the Claude runner, with its session lock and timeout) in the clone's folder.
 * Improvements: a failed or empty agent answer never overwrites the lessons nor archives the
 * journals (the original wrote the word {@code error} into lessons-learned.md); a digest is
 * committed and pushed; caps never split a UTF-8 character; the commit e-mail domain is
 * configurable.
 *
 * <p>Not thread-safe: the resolved identity is remembered, as the original's global is.
 */
public final class ProfileRepo {
  private static final Logger LOG = LoggerFactory.getLogger(ProfileRepo.class);
  /** More undigested journal entries than this trigger a digest before the lessons are read. */
  public static final int DIGEST_THRESHOLD = 10;
  /** The most of lessons-learned.md injected, in bytes. */
  public static final int LESSONS_CAP = 2048;
  static final String LESSONS_FILE = "knowledge/lessons-learned.md";
  static final String JOURNAL_BRANCH = "journal";
  private static final DateTimeFormatter TS =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final ForgeClient forge;
  private final GitCli git;
  private final AgentRunner digester;
  private final AgentRunner reflector;
  private final ProfileSettings settings;
  private final Clock clock;
  private Optional<String> identity;

  /**
   * Creates the service.
   *
   * @param forge the forge's API client with the agent's token ({@code FORGE_TOKEN})
   * @param git the git CLI (its environment holds the credential helper's configuration)
   * @param digester the agent that condenses journals into lessons (the original uses {@code
   *     CLAUDE_MODEL}, default {@code opus})
   * @param reflector the agent that writes a journal entry ({@code CLAUDE_MODEL})
   * @param settings URL, home, identity
   * @param clock the time journal file names are stamped with
   */
  public ProfileRepo(ForgeClient forge, GitCli git, AgentRunner digester, AgentRunner reflector,
      ProfileSettings settings, Clock clock) {
    this.forge = Objects.requireNonNull(forge, "forge").root();
    this.git = Objects.requireNonNull(git, "git");
    this.digester = Objects.requireNonNull(digester, "digester");
    this.reflector = Objects.requireNonNull(reflector, "reflector");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.identity = settings.identity();
  }

  /**
   * The agent's login: the configured one, else the owner of the token ({@code GET /user}).
   *
   * @return the login, or empty when no token is set or the forge does not answer one (a
   *     warning is logged)
   */
  public Optional<String> resolveIdentity() {
    if (identity.isPresent()) {
      return identity;
    }
    if (!settings.tokenConfigured()) {
      LOG.warn("WARNING: FORGE_TOKEN not set, cannot resolve agent identity");
      return Optional.empty();
    }
    try {
      User u = forge.get("/user", User.class);
      if (u.login() != null && !u.login().isEmpty()) {
        identity = Optional.of(u.login());
        LOG.info("Resolved agent identity: {}", u.login());
        return identity;
      }
    } catch (ForgeException e) {
      LOG.debug("GET /user failed: {}", e.getMessage());
    }
    LOG.warn("WARNING: failed to resolve agent identity from FORGE_TOKEN");
    return Optional.empty();
  }

  /**
   * Tells whether the agent has a {@code .profile} repository on the forge.
   *
   * @return true when {@code GET /repos/<identity>/.profile} answers 2xx; false for anything else
   *     (no identity, 404, network)
   */
  public boolean exists() {
    Optional<String> id = resolveIdentity();
    if (id.isEmpty()) {
      return false;
    }
    try {
      ForgeResponse r = forge.send("GET", "/repos/" + id.get() + "/.profile", null);
      return r.ok();
    } catch (ForgeException e) {
      LOG.debug("GET /repos/{}/.profile failed: {}", id.get(), e.getMessage());
      return false;
    }
  }

  /**
   * The folder of the local clone, {@code <home>/data/.profile/<identity>}.
   *
   * @return the folder, empty when the identity is unknown
   */
  public Optional<Path> path() {
    return identity.map(id -> settings.home().resolve("data").resolve(".profile").resolve(id));
  }

  /**
   * Clones the repository, or updates an existing clone (fetch; checkout and fast-forward of
   * {@code main}, else {@code master}). A failed update keeps the cached clone.
   *
   * @return the clone's folder ({@code PROFILE_REPO_PATH}), or empty when the identity is unknown
   *     or cloning failed (logged; callers fall back to {@code formulas/})
   */
  public Optional<Path> ensure() {
    if (resolveIdentity().isEmpty()) {
      LOG.warn("WARNING: cannot resolve agent identity, skipping .profile repo");
      return Optional.empty();
    }
    String id = identity.orElseThrow();
    Path dir = path().orElseThrow();
    if (RepoGit.isClone(dir)) {
      LOG.info("Pulling .profile repo: {}/.profile", id);
      if (RepoGit.net(git, dir, "fetch", "--quiet", "origin").succeeded()) {
        if (!RepoGit.run(git, dir, "checkout", "--quiet", "main").succeeded()) {
          RepoGit.run(git, dir, "checkout", "--quiet", "master");
        }
        if (!RepoGit.net(git, dir, "pull", "--quiet", "--ff-only", "origin", "main")
            .succeeded()) {
          RepoGit.net(git, dir, "pull", "--quiet", "--ff-only", "origin", "master");
        }
        useJournalBranch(dir);
        LOG.info(".profile repo pulled: {}", dir);
      } else {
        LOG.warn("WARNING: failed to pull .profile repo, using cached version");
      }
      return Optional.of(dir);
    }
    LOG.info("Cloning .profile repo: {}/.profile -> {}", id, dir);
    try {
      Files.createDirectories(dir.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir.getParent(), e);
    }
    ProcessResult clone = RepoGit.net(git, dir.getParent(), "clone", "--quiet",
        settings.forgeUrl() + "/" + id + "/.profile.git", dir.toString());
    if (!clone.succeeded()) {
      LOG.debug("git clone of {}/.profile failed: {}", id, GitCli.describe(clone));
      LOG.warn("WARNING: failed to clone .profile repo {}/.profile — falling back to formulas/",
          id);
      return Optional.empty();
    }
    useJournalBranch(dir);
    LOG.info(".profile repo cloned: {}", dir);
    return Optional.of(dir);
  }

  /**
   * Where the forge has a {@code journal} branch (branch protection creates it next to a protected
   * primary branch, which refuses the agent's direct pushes), the clone works on it: checked out
   * and fast-forwarded from the forge, so journal commits go there.
   */
  private void useJournalBranch(Path dir) {
    if (!RepoGit.run(git, dir, "rev-parse", "--verify", "--quiet", "refs/remotes/origin/"
        + JOURNAL_BRANCH).succeeded()) {
      return;
    }
    boolean local = RepoGit.run(git, dir, "rev-parse", "--verify", "--quiet",
        "refs/heads/" + JOURNAL_BRANCH).succeeded();
    ProcessResult checkout = local
        ? RepoGit.run(git, dir, "checkout", "--quiet", JOURNAL_BRANCH)
        : RepoGit.run(git, dir, "checkout", "--quiet", "-b", JOURNAL_BRANCH,
            "origin/" + JOURNAL_BRANCH);
    if (!checkout.succeeded()) {
      LOG.warn("WARNING: cannot check out the .profile journal branch: {}",
          RepoGit.firstLine(GitCli.describe(checkout)));
      return;
    }
    if (local) {
      RepoGit.net(git, dir, "pull", "--quiet", "--ff-only", "origin", JOURNAL_BRANCH);
    }
  }

  private boolean onJournalBranch(Path dir) {
    ProcessResult head = RepoGit.run(git, dir, "symbolic-ref", "--quiet", "--short", "HEAD");
    return head.succeeded() && head.stdout().strip().equals(JOURNAL_BRANCH);
  }

  /**
   * Counts the undigested journal entries: the {@code *.md} files directly in {@code journal/}.
   *
   * @return the count; 0 without a clone or a journal folder
   */
  public int countUndigestedJournals() {
    return path().map(p -> journals(p).size()).orElse(0);
  }

  /**
   * Loads the lessons for the next prompt ({@code LESSONS_CONTEXT}), digesting the journal first
   * when it holds more than {@value #DIGEST_THRESHOLD} entries. Mirrors {@code
   * profile_load_lessons}; a failed digest keeps the old lessons.
   *
   * @return {@link PromptBlocks#LESSONS_HEADING}, a newline and the first {@value #LESSONS_CAP}
   *     bytes of lessons-learned.md; empty when there is no {@code .profile} repo, no lessons
   *     file or it is empty
   */
  public String loadLessons() {
    if (!exists()) {
      return "";
    }
    Optional<Path> dir = ensure();
    if (dir.isEmpty()) {
      return "";
    }
    int n = countUndigestedJournals();
    if (n > DIGEST_THRESHOLD) {
      LOG.info("profile: digesting {} undigested journals", n);
      if (digestJournals().outcome() == DigestResult.Outcome.FAILED) {
        LOG.warn("profile: warning — journal digestion failed");
      }
    }
    Path lessons = dir.get().resolve(LESSONS_FILE);
    if (!Files.isRegularFile(lessons)) {
      return "";
    }
    String content = PromptBlocks.stripTrailingNewlines(PromptBlocks.head(lessons, LESSONS_CAP));
    if (content.isEmpty()) {
      return "";
    }
    LOG.info("profile: loaded lessons-learned.md ({} bytes)",
        content.getBytes(StandardCharsets.UTF_8).length);
    return PromptBlocks.LESSONS_HEADING + "\n" + content;
  }

  /**
   * Condenses the undigested journal entries into a rewritten {@code
   * knowledge/lessons-learned.md}, moves the entries to {@code journal/archive/}, and commits and
   * pushes both. Mirrors {@code _profile_digest_journals}. Nothing is changed when the agent fails
   * or answers nothing.
   *
   * @return what happened
   */
  public DigestResult digestJournals() {
    Optional<Path> maybe = resolveIdentity().flatMap(i -> path());
    if (maybe.isEmpty()) {
      return new DigestResult(DigestResult.Outcome.FAILED, 0, Optional.empty(),
          "the agent identity is unknown");
    }
    Path dir = maybe.get();
    List<Path> entries = journals(dir);
    if (entries.isEmpty()) {
      LOG.info("profile: no undigested journals to digest");
      return new DigestResult(DigestResult.Outcome.NOTHING_TO_DIGEST, 0, Optional.empty(), "");
    }
    StringBuilder text = new StringBuilder();
    for (Path e : entries) {
      text.append('\n').append("### ").append(e.getFileName()).append('\n')
          .append(PromptBlocks.stripTrailingNewlines(PromptBlocks.read(e))).append('\n');
    }
    Path lessons = dir.resolve(LESSONS_FILE);
    String existing = Files.isRegularFile(lessons)
        ? PromptBlocks.stripTrailingNewlines(PromptBlocks.read(lessons)) : "";
    String prompt = ProfilePrompts.digest(existing.isEmpty() ? "<none>" : existing,
        text.toString());
    AgentResult r = digester.run(prompt, "", dir);
    String content = r.output().strip();
    if (!r.succeeded() || content.isEmpty()) {
      LOG.warn("profile: failed to digest journals");
      return new DigestResult(DigestResult.Outcome.FAILED, 0, Optional.empty(),
          r.succeeded() ? "the agent answered nothing" : "the agent exited with status "
              + r.exitStatus());
    }
    try {
      Files.createDirectories(lessons.getParent());
      Path tmp = lessons.resolveSibling(".lessons-learned.md.tmp");
      Files.writeString(tmp, content + "\n", StandardCharsets.UTF_8);
      Files.move(tmp, lessons, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + lessons, e);
    }
    LOG.info("profile: wrote lessons-learned.md ({} bytes)",
        content.getBytes(StandardCharsets.UTF_8).length);
    int archived = 0;
    Path archive = dir.resolve("journal").resolve("archive");
    try {
      Files.createDirectories(archive);
      for (Path e : entries) {
        Files.move(e, archive.resolve(e.getFileName().toString()),
            StandardCopyOption.REPLACE_EXISTING);
        archived++;
      }
    } catch (IOException e) {
      LOG.warn("profile: could not archive every journal entry: {}", e.getMessage());
    }
    if (archived > 0) {
      LOG.info("profile: archived {} journal entries", archived);
    }
    CommitResult c = commitAndPush("profile: digest " + archived
        + " journal entries into lessons-learned.md", List.of(LESSONS_FILE, "journal"));
    return new DigestResult(DigestResult.Outcome.DIGESTED, archived, Optional.of(c), "");
  }

  /**
   * Writes a reflection on a finished session into {@code journal/issue-<issue>-<UTC
   * yyyyMMdd-HHmmss>.md} and commits and pushes it. Mirrors {@code profile_write_journal}; without
   * a {@code .profile} repository it does nothing.
   *
   * @param issue the issue number (or a tag such as {@code planner-run})
   * @param title the issue title
   * @param outcome the session's outcome, such as {@code merged}
   * @param filesChanged the files changed, comma-separated; empty for none
   * @return what happened
   */
  public JournalResult writeJournal(String issue, String title, String outcome,
      String filesChanged) {
    if (!exists()) {
      return new JournalResult(JournalResult.Outcome.NO_PROFILE, Optional.empty(),
          Optional.empty(), "");
    }
    Optional<Path> maybe = ensure();
    if (maybe.isEmpty()) {
      return new JournalResult(JournalResult.Outcome.NO_PROFILE, Optional.empty(),
          Optional.empty(), "");
    }
    Path dir = maybe.get();
    String files = Objects.requireNonNullElse(filesChanged, "");
    String summary = (files.isEmpty() ? "" : "Files changed: " + files + "\n") + "Outcome: "
        + outcome;
    AgentResult r = reflector.run(ProfilePrompts.journal(issue, title, outcome, summary), "", dir);
    String content = r.output().strip();
    if (!r.succeeded() || content.isEmpty()) {
      LOG.warn("profile: failed to write journal entry");
      return new JournalResult(JournalResult.Outcome.FAILED, Optional.empty(), Optional.empty(),
          r.succeeded() ? "the agent answered nothing" : "the agent exited with status "
              + r.exitStatus());
    }
    String ts = TS.format(clock.instant());
    Path rel = Path.of("journal", "issue-" + issue + "-" + ts + ".md");
    Path file = dir.resolve(rel);
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, content + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    LOG.info("profile: wrote journal entry for issue #{} ({})", issue, ts);
    CommitResult c = commitAndPush("journal: issue #" + issue + " reflection (" + ts + ")",
        List.of(rel.toString()));
    return new JournalResult(JournalResult.Outcome.WRITTEN, Optional.of(rel), Optional.of(c), "");
  }

  /**
   * Stages the paths (everything when none), commits as the agent ({@code <identity>
   * <<identity>@<domain>>}, hooks skipped) and pushes to the {@code journal} branch when the
   * clone works on it (the forge has one), else to {@code main}, else {@code master}.
   * Mirrors {@code _profile_commit_and_push}.
   *
   * @param message the commit message
   * @param paths paths relative to the clone; empty stages everything
   * @return what happened; {@link CommitResult.Outcome#NO_REPOSITORY} without a clone
   */
  public CommitResult commitAndPush(String message, List<String> paths) {
    Optional<Path> dir = path();
    if (dir.isEmpty() || !RepoGit.isClone(dir.get())) {
      return new CommitResult(CommitResult.Outcome.NO_REPOSITORY, "", "");
    }
    String id = identity.orElseThrow();
    CommitResult r = RepoGit.commitAndPush(git, dir.get(), message, List.copyOf(paths),
        Optional.of(new AbstractMap.SimpleImmutableEntry<>(id, id + "@"
            + settings.commitEmailDomain())), List.of("--no-verify"),
        onJournalBranch(dir.get()) ? List.of(JOURNAL_BRANCH) : List.of("main", "master"));
    switch (r.outcome()) {
      case COMMIT_FAILED -> LOG.warn("profile: commit failed: {}", RepoGit.firstLine(r.detail()));
      case PUSH_FAILED -> LOG.warn("profile: push failed: {}", RepoGit.firstLine(r.detail()));
      default -> { }
    }
    return r;
  }

  private static List<Path> journals(Path dir) {
    Path journal = dir.resolve("journal");
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(journal)) {
      return out;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(journal, "*.md")) {
      for (Path p : ds) {
        if (Files.isRegularFile(p)) {
          out.add(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + journal, e);
    }
    out.sort(null);
    return out;
  }

  @Override
  public String toString() {
    return "ProfileRepo[" + identity.orElse("?") + "]";
  }
}
