package ai.disinto.testkit.forgejo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Seeds a {@link MockForgejo} directly, without HTTP and without permission checks. Repositories,
 * branches, files and PR heads are real commits in the repository's bare git repository. Every
 * method
 * takes the mock's lock, so seeding is safe while requests are served. Unknown users or
 * repositories named in a call throw {@link IllegalArgumentException}; a repository whose owner
 * does not exist yet creates the owner as a user without password.
 *
 * <pre>{@code
 * forge.seed()
 *     .user("dev-bot", u -> u.password("dev-pass-1").token("tok-dev"))
 *     .repo("o/r", r -> r.collaborator("dev-bot", "write"));
 * long backlog = forge.seed().label("o/r", "backlog", "#0075ca");
 * long n = forge.seed().issue("o/r", i -> i.title("Fix it").labels("backlog"));
 * long pr = forge.seed().pull("o/r", p -> p.title("Fix").head("fix/1").file("a.txt", "x\n"));
 * }</pre>
 */
public final class Seed {
  private final State s;
  private final Logic logic;

  Seed(State s, Logic logic) {
    this.s = s;
    this.logic = logic;
  }

  /** Settings of a seeded user. */
  public static final class UserSpec {
    String password;
    String email;
    String fullName = "";
    boolean admin;
    boolean mustChangePassword;
    boolean active = true;
    String visibility = "public";
    final List<String> tokens = new ArrayList<>();

    UserSpec() {}

    /**
     * The password for basic auth.
     *
     * @param v the password
     * @return this spec
     */
    public UserSpec password(String v) {
      password = v;
      return this;
    }

    /**
     * The e-mail address (default {@code login@noreply.localhost}).
     *
     * @param v the address
     * @return this spec
     */
    public UserSpec email(String v) {
      email = v;
      return this;
    }

    /**
     * The full name.
     *
     * @param v the name
     * @return this spec
     */
    public UserSpec fullName(String v) {
      fullName = v;
      return this;
    }

    /**
     * Makes the user a site admin.
     *
     * @param v whether the user is site admin
     * @return this spec
     */
    public UserSpec admin(boolean v) {
      admin = v;
      return this;
    }

    /**
     * Flags the user as having to change the password (basic auth then answers 403).
     *
     * @param v the flag
     * @return this spec
     */
    public UserSpec mustChangePassword(boolean v) {
      mustChangePassword = v;
      return this;
    }

    /**
     * Whether the account is active.
     *
     * @param v the flag
     * @return this spec
     */
    public UserSpec active(boolean v) {
      active = v;
      return this;
    }

    /**
     * Profile visibility: public, limited or private.
     *
     * @param v the visibility
     * @return this spec
     */
    public UserSpec visibility(String v) {
      visibility = v;
      return this;
    }

    /**
     * Adds an API token with this exact value (scope {@code all}).
     *
     * @param value the token string
     * @return this spec
     */
    public UserSpec token(String value) {
      tokens.add(Objects.requireNonNull(value));
      return this;
    }
  }

  /** Settings of a seeded repository. */
  public static final class RepoSpec {
    boolean isPrivate;
    String defaultBranch = "main";
    boolean autoInit = true;
    String description = "";
    final Map<String, String> collaborators = new LinkedHashMap<>();

    RepoSpec() {}

    /**
     * Makes the repository private.
     *
     * @param v whether it is private
     * @return this spec
     */
    public RepoSpec privateRepo(boolean v) {
      isPrivate = v;
      return this;
    }

    /**
     * The default branch (default {@code main}).
     *
     * @param v the branch name
     * @return this spec
     */
    public RepoSpec defaultBranch(String v) {
      defaultBranch = v;
      return this;
    }

    /**
     * Whether the default branch gets an initial commit (default true); false leaves the
     * repository empty.
     *
     * @param v the flag
     * @return this spec
     */
    public RepoSpec autoInit(boolean v) {
      autoInit = v;
      return this;
    }

    /**
     * The description.
     *
     * @param v the text
     * @return this spec
     */
    public RepoSpec description(String v) {
      description = v;
      return this;
    }

    /**
     * Adds a collaborator.
     *
     * @param login an existing user
     * @param permission read, write or admin
     * @return this spec
     */
    public RepoSpec collaborator(String login, String permission) {
      collaborators.put(login, permission);
      return this;
    }
  }

  /** Settings of a seeded issue. */
  public static class IssueSpec {
    String title = "Seeded issue";
    String body = "";
    String author;
    final List<String> labels = new ArrayList<>();
    final List<String> assignees = new ArrayList<>();
    boolean closed;
    boolean locked;

    IssueSpec() {}

    /**
     * The title.
     *
     * @param v the title
     * @return this spec
     */
    public IssueSpec title(String v) {
      title = v;
      return this;
    }

    /**
     * The body.
     *
     * @param v the body
     * @return this spec
     */
    public IssueSpec body(String v) {
      body = v;
      return this;
    }

    /**
     * The poster (default: the repository owner).
     *
     * @param login an existing user
     * @return this spec
     */
    public IssueSpec author(String login) {
      author = login;
      return this;
    }

    /**
     * Label names; missing labels are created with colour {@code e0e0e0}.
     *
     * @param names label names
     * @return this spec
     */
    public IssueSpec labels(String... names) {
      labels.addAll(List.of(names));
      return this;
    }

    /**
     * Assignees.
     *
     * @param logins existing users
     * @return this spec
     */
    public IssueSpec assignees(String... logins) {
      assignees.addAll(List.of(logins));
      return this;
    }

    /**
     * Creates the issue closed.
     *
     * @return this spec
     */
    public IssueSpec closed() {
      closed = true;
      return this;
    }

    /**
     * Locks the conversation.
     *
     * @return this spec
     */
    public IssueSpec locked() {
      locked = true;
      return this;
    }
  }

  /** Settings of a seeded pull request; the issue settings apply too. */
  public static final class PullSpec extends IssueSpec {
    String head;
    String base;
    String headSha;
    Mergeability mergeability = Mergeability.MERGEABLE;
    final Map<String, byte[]> files = new LinkedHashMap<>();
    List<Map<String, Object>> changedFiles;
    String diff;

    PullSpec() {
      title = "Seeded pull request";
    }

    /**
     * The head branch; created from the base when missing.
     *
     * @param branch the branch name
     * @return this spec
     */
    public PullSpec head(String branch) {
      head = branch;
      return this;
    }

    /**
     * The base branch (default: the repository's default branch).
     *
     * @param branch the branch name
     * @return this spec
     */
    public PullSpec base(String branch) {
      base = branch;
      return this;
    }

    /**
     * Moves the head branch to this existing commit of the repository after its files are
     * committed (e.g. back to an older commit).
     *
     * @param sha a commit id of the repository
     * @return this spec
     */
    public PullSpec headSha(String sha) {
      headSha = sha;
      return this;
    }

    /**
     * The merge check result (default mergeable).
     *
     * @param m the mergeability
     * @return this spec
     */
    public PullSpec mergeability(Mergeability m) {
      mergeability = m;
      return this;
    }

    /**
     * A file committed on the head branch (shows in files, diff and contents).
     *
     * @param path the file path
     * @param content the text
     * @return this spec
     */
    public PullSpec file(String path, String content) {
      files.put(path, content.getBytes(StandardCharsets.UTF_8));
      return this;
    }

    /**
     * Overrides the changed-file listing with an entry (e.g. to list 120 files).
     *
     * @param filename the path
     * @param status added, changed, deleted, ...
     * @param additions added lines
     * @param deletions deleted lines
     * @return this spec
     */
    public PullSpec changedFile(String filename, String status, int additions, int deletions) {
      if (changedFiles == null) {
        changedFiles = new ArrayList<>();
      }
      changedFiles.add(Logic.fileEntry(filename, status, additions, deletions));
      return this;
    }

    /**
     * Overrides the text of {@code /pulls/{n}.diff}.
     *
     * @param text the diff
     * @return this spec
     */
    public PullSpec diff(String text) {
      diff = text;
      return this;
    }

    @Override
    public PullSpec title(String v) {
      super.title(v);
      return this;
    }

    @Override
    public PullSpec body(String v) {
      super.body(v);
      return this;
    }

    @Override
    public PullSpec author(String login) {
      super.author(login);
      return this;
    }

    @Override
    public PullSpec labels(String... names) {
      super.labels(names);
      return this;
    }

    @Override
    public PullSpec assignees(String... logins) {
      super.assignees(logins);
      return this;
    }

    @Override
    public PullSpec closed() {
      super.closed();
      return this;
    }
  }

  // ---- users, orgs, tokens ----

  /**
   * Creates a user with a password.
   *
   * @param login the login
   * @param password the password
   * @return this seeder
   */
  public Seed user(String login, String password) {
    return user(login, u -> u.password(password));
  }

  /**
   * Creates a user.
   *
   * @param login the login
   * @param spec sets the user's details
   * @return this seeder
   * @throws IllegalArgumentException when the login is taken
   */
  public Seed user(String login, Consumer<UserSpec> spec) {
    UserSpec u = new UserSpec();
    spec.accept(u);
    synchronized (s) {
      s.version++;
      if (s.user(login) != null) {
        throw new IllegalArgumentException("user exists: " + login);
      }
      State.User user = s.addUser(login, u.email, u.password, false);
      user.fullName = u.fullName;
      user.admin = u.admin;
      user.mustChangePassword = u.mustChangePassword;
      user.active = u.active;
      user.visibility = u.visibility;
      for (String t : u.tokens) {
        s.addToken(user, "seed-token-" + (user.tokens.size() + 1), t, List.of("all"));
      }
    }
    return this;
  }

  /**
   * Adds an API token (scope {@code all}) to an existing user.
   *
   * @param login the user
   * @param name the token name
   * @param value the token string, or {@code null} to generate one
   * @return the token string
   */
  public String token(String login, String name, String value) {
    synchronized (s) {
      s.version++;
      return s.addToken(userOf(login), name, value, List.of("all")).value;
    }
  }

  /**
   * Creates an organisation.
   *
   * @param name the org name
   * @param owners existing users who own it
   * @return this seeder
   */
  public Seed org(String name, String... owners) {
    synchronized (s) {
      s.version++;
      if (s.user(name) != null) {
        throw new IllegalArgumentException("name taken: " + name);
      }
      State.User org = s.addUser(name, "", null, true);
      org.email = "";
      for (String o : owners) {
        org.orgOwners.add(State.key(userOf(o).login));
      }
    }
    return this;
  }

  // ---- repos ----

  /**
   * Creates a public, initialised repository with default branch {@code main}.
   *
   * @param fullName {@code owner/name}
   * @return this seeder
   */
  public Seed repo(String fullName) {
    return repo(fullName, r -> { });
  }

  /**
   * Creates a repository.
   *
   * @param fullName {@code owner/name}
   * @param spec sets the repository's details
   * @return this seeder
   */
  public Seed repo(String fullName, Consumer<RepoSpec> spec) {
    RepoSpec r = new RepoSpec();
    spec.accept(r);
    String[] parts = fullName.split("/", 2);
    if (parts.length != 2) {
      throw new IllegalArgumentException("expected owner/name: " + fullName);
    }
    synchronized (s) {
      s.version++;
      if (s.repo(fullName) != null) {
        throw new IllegalArgumentException("repo exists: " + fullName);
      }
      State.User owner = s.user(parts[0]);
      if (owner == null) {
        owner = s.addUser(parts[0], null, null, false);
      }
      State.Repo repo = s.addRepo(owner, parts[1], r.isPrivate, r.defaultBranch, r.autoInit,
          r.description);
      r.collaborators.forEach((login, perm) -> repo.collaborators.put(State.key(userOf(login).login), perm));
    }
    return this;
  }

  /**
   * Adds a collaborator.
   *
   * @param repo {@code owner/name}
   * @param login an existing user
   * @param permission read, write or admin
   * @return this seeder
   */
  public Seed collaborator(String repo, String login, String permission) {
    synchronized (s) {
      s.version++;
      repoOf(repo).collaborators.put(State.key(userOf(login).login), permission);
    }
    return this;
  }

  /**
   * Creates (or moves) a branch to the commit of another ref.
   *
   * @param repo {@code owner/name}
   * @param branch the new branch
   * @param from the ref it starts from
   * @return the new head commit id
   */
  public String branch(String repo, String branch, String from) {
    synchronized (s) {
      s.version++;
      State.Repo r = repoOf(repo);
      State.Commit base = r.commit(from);
      if (base == null) {
        throw new IllegalArgumentException("no such ref: " + from);
      }
      r.branches.put(branch, new State.Branch(branch, base));
      return base.sha;
    }
  }

  /**
   * Commits a file to a branch (created from the default branch when missing).
   *
   * @param repo {@code owner/name}
   * @param branch the branch
   * @param path the file path
   * @param content the text
   * @return the new head commit id
   */
  public String file(String repo, String branch, String path, String content) {
    synchronized (s) {
      s.version++;
      return logic.pushBranch(repoOf(repo), branch, null, true,
          Map.of(path, content.getBytes(StandardCharsets.UTF_8))).sha;
    }
  }

  /**
   * Creates a branch protection rule.
   *
   * @param repo {@code owner/name}
   * @param rule the rule name (branch name or glob)
   * @param options fields of CreateBranchProtectionOption, e.g. {@code required_approvals}
   * @return this seeder
   */
  public Seed protection(String repo, String rule, Map<String, Object> options) {
    synchronized (s) {
      s.version++;
      State.Repo r = repoOf(repo);
      State.Protection p = new State.Protection();
      p.id = ++s.protectionSeq;
      p.ruleName = rule;
      p.created = s.now();
      p.updated = p.created;
      Map<String, Object> body = new LinkedHashMap<>(options);
      for (Map.Entry<String, Object> e : body.entrySet()) {
        if (e.getValue() instanceof Number n) {
          e.setValue(n.intValue());
        }
      }
      RepoRoutes.protectionDefaults().forEach((k, v) -> p.options.put(k, body.getOrDefault(k, v)));
      r.protections.add(p);
    }
    return this;
  }

  // ---- labels, issues, pulls ----

  /**
   * Creates a label.
   *
   * @param repo {@code owner/name}
   * @param name the label name
   * @param color {@code #rrggbb} or {@code rrggbb}
   * @return the label id
   */
  public long label(String repo, String name, String color) {
    synchronized (s) {
      s.version++;
      String c = Logic.normalizeColor(color);
      if (c == null) {
        throw new IllegalArgumentException("invalid color: " + color);
      }
      return logic.newLabel(repoOf(repo), name, c, "").id;
    }
  }

  /**
   * Creates an issue.
   *
   * @param repo {@code owner/name}
   * @param spec sets the issue's details
   * @return the issue number
   */
  public long issue(String repo, Consumer<IssueSpec> spec) {
    IssueSpec i = new IssueSpec();
    spec.accept(i);
    synchronized (s) {
      s.version++;
      State.Repo r = repoOf(repo);
      State.Issue issue = logic.newIssue(r, author(r, i), i.title, i.body);
      decorate(r, issue, i);
      return issue.number;
    }
  }

  /**
   * Creates a pull request; its head branch is created (with a commit of its own) when missing.
   *
   * @param repo {@code owner/name}
   * @param spec sets the PR's details
   * @return the PR number
   */
  public long pull(String repo, Consumer<PullSpec> spec) {
    PullSpec p = new PullSpec();
    spec.accept(p);
    synchronized (s) {
      s.version++;
      State.Repo r = repoOf(repo);
      String base = p.base == null ? r.defaultBranch : p.base;
      String head = p.head == null ? "pr-" + r.nextIndex : p.head;
      if (!r.branches.containsKey(base)) {
        throw new IllegalArgumentException("no base branch " + base + " in " + repo);
      }
      if (!r.branches.containsKey(head) || !p.files.isEmpty()) {
        Map<String, byte[]> files = new LinkedHashMap<>(p.files);
        if (files.isEmpty() && !r.branches.containsKey(head)) {
          files.put(head.replace('/', '-') + ".txt",
              ("change for " + head + "\n").getBytes(StandardCharsets.UTF_8));
        }
        if (!r.branches.containsKey(head)) {
          r.branches.put(head, new State.Branch(head, r.branches.get(base).head));
        }
        logic.pushBranch(r, head, null, true, files);
      }
      if (p.headSha != null) {
        logic.pushBranch(r, head, p.headSha, true, null);
      }
      State.Issue issue = logic.newPull(r, author(r, p), p.title, p.body, head, base);
      issue.pull.mergeability = p.mergeability;
      issue.pull.files = p.changedFiles;
      issue.pull.diff = p.diff;
      decorate(r, issue, p);
      return issue.number;
    }
  }

  private State.User author(State.Repo r, IssueSpec i) {
    return i.author == null ? r.owner : userOf(i.author);
  }

  private void decorate(State.Repo r, State.Issue issue, IssueSpec i) {
    for (String name : i.labels) {
      State.Label found = null;
      for (State.Label l : r.labels) {
        if (l.name.equals(name)) {
          found = l;
          break;
        }
      }
      logic.addLabel(issue, found != null ? found : logic.newLabel(r, name, "e0e0e0", ""), issue.user);
    }
    List<State.User> as = new ArrayList<>();
    for (String a : i.assignees) {
      as.add(userOf(a));
    }
    if (!as.isEmpty()) {
      logic.setAssignees(issue, as, issue.user);
    }
    issue.locked = i.locked;
    if (i.closed) {
      logic.setClosed(issue, true, issue.user);
    }
  }

  /**
   * Adds a comment to an issue or PR.
   *
   * @param repo {@code owner/name}
   * @param number the issue or PR number
   * @param author an existing user
   * @param body the text
   * @return the comment id
   */
  public long comment(String repo, long number, String author, String body) {
    synchronized (s) {
      s.version++;
      return logic.newComment(issueOf(repo, number), userOf(author), body).id;
    }
  }

  /**
   * Adds a submitted review to a PR, on its current head.
   *
   * @param repo {@code owner/name}
   * @param pr the PR number
   * @param reviewer an existing user
   * @param state APPROVED, REQUEST_CHANGES, COMMENT or PENDING
   * @param body the text
   * @return the review id
   */
  public long review(String repo, long pr, String reviewer, String state, String body) {
    synchronized (s) {
      s.version++;
      State.Repo r = repoOf(repo);
      return logic.newReview(r, pullOf(repo, pr), userOf(reviewer), state, body, null).id;
    }
  }

  /**
   * Adds a commit status.
   *
   * @param repo {@code owner/name}
   * @param sha the commit id
   * @param context the status context, e.g. {@code ci/woodpecker}
   * @param state pending, success, error, failure or warning
   * @param targetUrl the link, may be empty
   * @return this seeder
   */
  public Seed status(String repo, String sha, String context, String state, String targetUrl) {
    return status(repo, sha, context, state, targetUrl, "");
  }

  /**
   * Adds a commit status with a description, as the repository's owner (what a CI server
   * reporting with the owner's token does); PRs scheduled to merge when checks succeed then merge.
   *
   * @param repo {@code owner/name}
   * @param sha the commit id
   * @param context the status context, e.g. {@code ci/woodpecker/push/woodpecker}
   * @param state pending, success, error, failure or warning
   * @param targetUrl the link, may be empty
   * @param description the description, may be empty
   * @return this seeder
   */
  public Seed status(String repo, String sha, String context, String state, String targetUrl,
      String description) {
    synchronized (s) {
      s.version++;
      State.Repo r = repoOf(repo);
      logic.newStatus(r, sha, state, context, targetUrl, description, r.owner);
    }
    return this;
  }

  /**
   * The current head commit id of a PR.
   *
   * @param repo {@code owner/name}
   * @param pr the PR number
   * @return the head SHA
   */
  public String headSha(String repo, long pr) {
    synchronized (s) {
      s.version++;
      return pullOf(repo, pr).pull.headSha;
    }
  }

  /**
   * Seeds from JSON (the body of {@code POST /_mock/seed}). Format, every field optional but
   * names:
   *
   * <pre>{@code
   * {"users": [{"login": "dev-bot", "password": "pw", "email": "d@x", "admin": false,
   *             "must_change_password": false, "tokens": ["tok-dev"]}],
   *  "orgs":  [{"name": "smoke-org", "owners": ["disinto-admin"]}],
   *  "repos": [{"full_name": "o/r", "private": false, "default_branch": "main",
   *             "auto_init": true, "collaborators": {"dev-bot": "write"},
   *             "files": {"README.md": "hello"},
   *             "labels": [{"name": "backlog", "color": "#0075ca"}],
   *             "issues": [{"title": "t", "body": "b", "user": "dev-bot", "labels": ["backlog"],
   *                         "assignees": [], "state": "open",
   *                         "comments": [{"user": "dev-bot", "body": "hi"}]}],
   *             "pulls":  [{"title": "t", "body": "Fixes #1", "user": "dev-bot",
   *                         "head": "fix/1", "base": "main", "head_sha": null,
   *                         "mergeable": "mergeable|conflict|checking",
   *                         "files": {"a.txt": "x"},
   *                         "reviews": [{"user": "review-bot", "state": "APPROVED", "body": ""}],
   *                         "comments": []}],
   *             "statuses": [{"sha": "...", "context": "ci", "state": "success",
   *                           "target_url": ""}]}]}
   * }</pre>
   *
   * <p>Issues are created before pulls, in array order, so numbers are predictable; the answer
   * lists them: {@code {"repos": {"o/r": {"issues": [1], "pulls": [2]}}}}.
   *
   * @param json the document
   * @return the created numbers per repository
   * @throws IllegalArgumentException when the document is invalid
   */
  public Map<String, Object> fromJson(String json) {
    return SeedJson.apply(this, json);
  }

  // ---- lookups (caller holds the lock or is inside one) ----

  State.Repo repoOf(String fullName) {
    synchronized (s) {
      s.version++;
      State.Repo r = fullName == null ? null : s.repo(fullName);
      if (r == null) {
        throw new IllegalArgumentException("no such repo: " + fullName);
      }
      return r;
    }
  }

  State.User userOf(String login) {
    State.User u = s.user(login);
    if (u == null) {
      throw new IllegalArgumentException("no such user: " + login);
    }
    return u;
  }

  State.Issue issueOf(String repo, long number) {
    State.Issue i = repoOf(repo).issue(number);
    if (i == null) {
      throw new IllegalArgumentException("no issue #" + number + " in " + repo);
    }
    return i;
  }

  State.Issue pullOf(String repo, long number) {
    State.Issue i = issueOf(repo, number);
    if (i.pull == null) {
      throw new IllegalArgumentException("#" + number + " in " + repo + " is not a pull request");
    }
    return i;
  }
}
