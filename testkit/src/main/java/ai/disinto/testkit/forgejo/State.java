package ai.disinto.testkit.forgejo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The whole in-memory forge. Not thread-safe by itself: every access holds the monitor of the
 * instance ({@code synchronized (state)}).
 */
final class State {
  static final String VERSION = "11.0.1+gitea-1.22.0";
  static final int DEFAULT_PAGE_SIZE = 30;

  final Clock clock;
  String baseUrl = "http://127.0.0.1:3000";

  // One sequence per table, as in the database.
  long userSeq;
  long repoSeq;
  long issueSeq;
  long labelSeq;
  long commentSeq;
  long reviewSeq;
  long tokenSeq;
  long statusSeq;
  long protectionSeq;
  long commitSeq;

  final Map<String, User> users = new LinkedHashMap<>();
  final Map<String, Repo> repos = new LinkedHashMap<>();
  final Map<String, Token> tokens = new LinkedHashMap<>();

  int maxPageSize = 50;
  boolean requireSignIn;
  Mergeability mergeabilityAfterPush = Mergeability.MERGEABLE;
  int adminListFailures;
  int adminListCalls;
  /** Webhook targets; kept across resets (they are wiring, not state). */
  final List<ForgeListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

  State(Clock clock) {
    this.clock = clock;
  }

  Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS);
  }

  static String time(Instant t) {
    return t == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.atOffset(ZoneOffset.UTC));
  }

  static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  User user(String login) {
    return login == null ? null : users.get(key(login));
  }

  Repo repo(String owner, String name) {
    return repos.get(key(owner + "/" + name));
  }

  Repo repo(String fullName) {
    return repos.get(key(fullName));
  }

  User addUser(String login, String email, String password, boolean org) {
    User u = new User();
    u.id = ++userSeq;
    u.login = login;
    u.email = email == null ? login + "@noreply.localhost" : email;
    u.password = password;
    u.org = org;
    u.created = now();
    users.put(key(login), u);
    return u;
  }

  Token addToken(User u, String name, String value, List<String> scopes) {
    Token t = new Token();
    t.id = ++tokenSeq;
    t.name = name;
    t.value = value != null ? value : sha1Hex("token\0" + t.id + "\0" + name + "\0" + u.login);
    t.scopes = List.copyOf(scopes);
    t.user = u;
    u.tokens.add(t);
    tokens.put(t.value, t);
    return t;
  }

  void removeToken(Token t) {
    t.user.tokens.remove(t);
    tokens.remove(t.value);
  }

  /** The folder of every bare repository of this mock, made on first use. */
  private java.nio.file.Path gitRoot;

  java.nio.file.Path gitRoot() {
    if (gitRoot == null) {
      try {
        gitRoot = java.nio.file.Files.createTempDirectory("mock-forgejo-git-");
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException("cannot create the mock's git folder", e);
      }
    }
    return gitRoot;
  }

  /** Closes and deletes one repository's bare repository. */
  void dropGit(Repo r) {
    if (r.git != null) {
      r.git.close();
    }
  }

  /** Closes every bare repository and deletes the mock's git folder. */
  void dropAllGit() {
    for (Repo r : repos.values()) {
      dropGit(r);
    }
    if (gitRoot != null) {
      GitStore.deleteTree(gitRoot);
      gitRoot = null;
    }
  }

  Repo addRepo(User owner, String name, boolean priv, String defaultBranch, boolean autoInit,
      String description) {
    Repo r = new Repo();
    r.id = ++repoSeq;
    r.owner = owner;
    r.name = name;
    r.isPrivate = priv;
    r.defaultBranch = defaultBranch == null || defaultBranch.isEmpty() ? "main" : defaultBranch;
    r.description = description == null ? "" : description;
    r.created = now();
    r.updated = r.created;
    long id = r.id;
    r.git = GitStore.create(
        () -> gitRoot().resolve(id + "-" + key(owner.login)).resolve(key(name) + ".git"),
        r.defaultBranch);
    r.branches = r.git.branches;
    repos.put(key(owner.login + "/" + name), r);
    if (autoInit) {
      Map<String, byte[]> files = new TreeMap<>();
      files.put("README.md", ("# " + name + "\n\n" + r.description + "\n")
          .getBytes(StandardCharsets.UTF_8));
      Commit c = newCommit(r, "Initial commit", files, List.of(), owner);
      r.branches.put(r.defaultBranch, new Branch(r.defaultBranch, c));
    }
    return r;
  }

  /**
   * A new commit in the repository's bare repository: exactly {@code files}, on top of
   * {@code parents}, by {@code author} (the repository owner when null), at the mock's time.
   */
  Commit newCommit(Repo r, String message, Map<String, byte[]> files, List<String> parents,
      User author) {
    User who = author == null ? r.owner : author;
    commitSeq++;
    return r.git.newCommit(files, parents, message, who.login, gitEmail(who), now());
  }

  static String gitEmail(User u) {
    return u.email == null || u.email.isEmpty() ? u.login + "@noreply.localhost" : u.email;
  }

  static String sha1Hex(String text) {
    return sha1Hex(text.getBytes(StandardCharsets.UTF_8));
  }

  static String sha1Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The git blob id of a file's content. */
  static String blobSha(byte[] content) {
    byte[] head = ("blob " + content.length + "\0").getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[head.length + content.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(content, 0, all, head.length, content.length);
    return sha1Hex(all);
  }

  // ---- permissions ----

  /** Access levels, weakest first. */
  enum Access { NONE, READ, WRITE, ADMIN, OWNER }

  Access access(Repo r, User u) {
    if (u != null) {
      if (u.admin || u == r.owner || (r.owner.org && r.owner.orgOwners.contains(key(u.login)))) {
        return Access.OWNER;
      }
      String perm = r.collaborators.get(key(u.login));
      if (perm != null) {
        return switch (perm) {
          case "admin" -> Access.ADMIN;
          case "write" -> Access.WRITE;
          default -> Access.READ;
        };
      }
    }
    return r.isPrivate ? Access.NONE : Access.READ;
  }

  // ---- model ----

  static final class User {
    long id;
    String login;
    String email;
    String fullName = "";
    String password;
    boolean admin;
    boolean mustChangePassword;
    boolean active = true;
    boolean prohibitLogin;
    boolean restricted;
    String visibility = "public";
    String description = "";
    String website = "";
    String location = "";
    boolean org;
    Instant created;
    final Set<String> orgOwners = new LinkedHashSet<>();
    final List<Token> tokens = new ArrayList<>();
  }

  static final class Token {
    long id;
    String name;
    String value;
    List<String> scopes;
    User user;
  }

  /** A commit of a repository's bare repository (immutable once read). */
  static final class Commit {
    private final GitStore store;
    String sha;
    String message;
    String authorName;
    String authorEmail;
    List<String> parents;
    String tree;
    Instant time;
    private volatile Map<String, byte[]> files;

    Commit(GitStore store) {
      this.store = store;
    }

    /** Every file of the commit's tree by path (read from git once). */
    Map<String, byte[]> files() {
      Map<String, byte[]> f = files;
      if (f == null) {
        f = java.util.Collections.unmodifiableMap(store.files(sha));
        files = f;
      }
      return f;
    }
  }

  static final class Branch {
    final String name;
    final Commit head;

    Branch(String name, Commit head) {
      this.name = name;
      this.head = head;
    }
  }

  static final class Repo {
    long id;
    User owner;
    String name;
    String description;
    boolean isPrivate;
    String defaultBranch;
    boolean deleteBranchAfterMerge;
    Instant created;
    Instant updated;
    /** The bare repository behind this repository. */
    GitStore git;
    /** {@code refs/heads/*} of the bare repository as a live map. */
    Map<String, Branch> branches;
    final List<Label> labels = new ArrayList<>();
    final TreeMap<Long, Issue> issues = new TreeMap<>();
    long nextIndex = 1;
    final Map<String, String> collaborators = new LinkedHashMap<>();
    final List<Protection> protections = new ArrayList<>();
    final List<Status> statuses = new ArrayList<>();

    String fullName() {
      return owner.login + "/" + name;
    }

    boolean empty() {
      return branches.isEmpty();
    }

    Label label(long id) {
      for (Label l : labels) {
        if (l.id == id) {
          return l;
        }
      }
      return null;
    }

    Issue issue(long number) {
      return issues.get(number);
    }

    Protection protectionFor(String branch) {
      Protection glob = null;
      for (Protection p : protections) {
        if (p.ruleName.equals(branch)) {
          return p;
        }
        if (glob == null && p.ruleName.contains("*")
            && Fault.globToRegex(p.ruleName).matcher(branch).matches()) {
          glob = p;
        }
      }
      return glob;
    }

    Commit commit(String ref) {
      Branch b = branches.get(ref);
      if (b != null) {
        return b.head;
      }
      if (ref.startsWith("refs/heads/")) {
        b = branches.get(ref.substring("refs/heads/".length()));
        return b == null ? null : b.head;
      }
      return git.commit(ref);
    }

    /** A commit by full id, or null. */
    Commit commitById(String sha) {
      return sha == null ? null : git.commit(sha);
    }
  }

  static final class Label {
    long id;
    String name;
    String color;
    String description = "";
    boolean exclusive;
    boolean archived;
  }

  static final class Issue {
    long id;
    long number;
    String title;
    String body = "";
    User user;
    boolean closed;
    boolean locked;
    String ref = "";
    Instant created;
    Instant updated;
    Instant closedAt;
    final List<Label> labels = new ArrayList<>();
    final List<User> assignees = new ArrayList<>();
    final List<Comment> comments = new ArrayList<>();
    final List<Event> events = new ArrayList<>();
    Pull pull;
  }

  static final class Pull {
    String headRef;
    String headSha;
    String baseRef;
    String mergeBase;
    boolean merged;
    Instant mergedAt;
    String mergeCommitSha;
    User mergedBy;
    Mergeability mergeability = Mergeability.MERGEABLE;
    List<Map<String, Object>> files;
    String diff;
    final List<Review> reviews = new ArrayList<>();
    Map<String, Object> autoMerge;
  }

  static final class Comment {
    long id;
    User user;
    String body;
    Instant created;
    Instant updated;
  }

  /** One timeline entry that is not a comment (label, assignees, close, reopen, merge_pull, review). */
  static final class Event {
    long id;
    String type;
    User user;
    Instant created;
    String body = "";
    Label label;
    User assignee;
    boolean removedAssignee;
    long reviewId;
  }

  static final class Review {
    long id;
    User user;
    String state;
    String body;
    String commitId;
    boolean stale;
    boolean official;
    boolean dismissed;
    Instant submitted;
    Instant updated;
  }

  static final class Protection {
    long id;
    String ruleName;
    Instant created;
    Instant updated;
    final Map<String, Object> options = new LinkedHashMap<>();

    int requiredApprovals() {
      Object v = options.get("required_approvals");
      return v instanceof Number n ? n.intValue() : 0;
    }

    boolean flag(String name) {
      return Boolean.TRUE.equals(options.get(name));
    }

    @SuppressWarnings("unchecked")
    List<String> list(String name) {
      Object v = options.get(name);
      return v instanceof List ? (List<String>) v : List.of();
    }

    /**
     * The first of {@code paths} that {@code protected_file_patterns} covers, or null. As Forgejo:
     * patterns separated by {@code ;}, matched lower-cased, {@code *} and {@code ?} stop at
     * {@code /} and {@code .}, {@code **} crosses them.
     */
    String firstProtectedFile(java.util.Collection<String> paths) {
      Object v = options.get("protected_file_patterns");
      if (!(v instanceof String patterns) || patterns.isBlank()) {
        return null;
      }
      List<java.util.regex.Pattern> globs = new ArrayList<>();
      for (String g : patterns.toLowerCase(java.util.Locale.ROOT).split(";")) {
        if (!g.isBlank()) {
          globs.add(fileGlob(g.trim()));
        }
      }
      for (String path : paths) {
        String lower = path.trim().toLowerCase(java.util.Locale.ROOT);
        for (java.util.regex.Pattern g : globs) {
          if (g.matcher(lower).matches()) {
            return path;
          }
        }
      }
      return null;
    }

    private static java.util.regex.Pattern fileGlob(String glob) {
      StringBuilder re = new StringBuilder();
      for (int i = 0; i < glob.length(); i++) {
        char c = glob.charAt(i);
        if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
          re.append(".*");
          i++;
        } else if (c == '*') {
          re.append("[^/.]*");
        } else if (c == '?') {
          re.append("[^/.]");
        } else {
          re.append(java.util.regex.Pattern.quote(String.valueOf(c)));
        }
      }
      return java.util.regex.Pattern.compile(re.toString());
    }
  }

  static final class Status {
    long id;
    String sha;
    String state;
    String targetUrl;
    String description;
    String context;
    User creator;
    Instant created;
  }
}
