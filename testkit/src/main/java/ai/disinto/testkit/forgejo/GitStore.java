package ai.disinto.testkit.forgejo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.internal.storage.dfs.DfsObjDatabase;
import org.eclipse.jgit.internal.storage.dfs.DfsPackFile;
import org.eclipse.jgit.internal.storage.dfs.DfsReader;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.internal.storage.file.PackIndex;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.merge.MergeStrategy;
import org.eclipse.jgit.merge.ThreeWayMerger;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The real bare repository behind one mock repository. Branches and commits live only here; the
 * state keeps references to commit ids. Writes happen while the state's lock is held; reads are
 * safe from any thread (JGit's object and ref databases are thread-safe). It is kept in memory
 * until a git client connects to it over smart HTTP or someone asks for its folder, and lives in
 * a bare repository on disk from then on; so the thousands of repositories that API-only tests
 * seed cost no file system work, while everything git clients see is on disk.
 */
final class GitStore implements AutoCloseable {
  private static final String HEADS = Constants.R_HEADS;

  private final java.util.function.Supplier<Path> where;
  private final String defaultBranch;
  /** The repository: in memory until {@link #dir()} first asks for its folder, on disk after. */
  private volatile Repository repo;
  private volatile Path dir;
  private final Map<String, State.Commit> commits = new ConcurrentHashMap<>();
  /** The repository's branches as a live map (reads and writes go to the refs). */
  final Map<String, State.Branch> branches = new BranchView();

  private GitStore(java.util.function.Supplier<Path> where, String defaultBranch, Repository repo) {
    this.where = where;
    this.defaultBranch = defaultBranch;
    this.repo = repo;
  }

  /**
   * Creates an empty bare repository whose HEAD names {@code defaultBranch}. It starts in memory
   * (JGit's DFS storage: creating one costs microseconds, not a dozen file writes); the first
   * call of {@link #dir()} writes it to {@code where}, and from then on it lives there.
   */
  static GitStore create(java.util.function.Supplier<Path> where, String defaultBranch) {
    try {
      InMemoryRepository mem = new InMemoryRepository(new DfsRepositoryDescription("mock"));
      RefUpdate head = mem.updateRef(Constants.HEAD);
      head.disableRefLog();
      head.link(HEADS + defaultBranch);
      return new GitStore(where, defaultBranch, mem);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a bare repository", e);
    }
  }

  /** The JGit repository (its storage may change from memory to disk once; see {@link #dir()}). */
  Repository repo() {
    return repo;
  }

  /**
   * The git directory on disk, written from memory on first use: every object (reachable or
   * not), every ref and HEAD. Callers hold the state's lock.
   */
  Path dir() {
    Path d = dir;
    if (d != null) {
      return d;
    }
    d = where.get();
    try {
      deleteTree(d);
      Files.createDirectories(d.getParent());
      Repository file = new FileRepositoryBuilder().setGitDir(d.toFile()).setBare()
          .setInitialBranch(defaultBranch).build();
      file.create(true);
      Repository mem = repo;
      try (ObjectInserter ins = file.newObjectInserter();
          DfsReader reader = (DfsReader) mem.newObjectReader()) {
        for (DfsPackFile pack : ((DfsObjDatabase) mem.getObjectDatabase()).getPacks()) {
          for (PackIndex.MutableEntry e : pack.getPackIndex(reader)) {
            ObjectId id = e.toObjectId();
            org.eclipse.jgit.lib.ObjectLoader o = reader.open(id);
            ins.insert(o.getType(), o.getCachedBytes());
          }
        }
        ins.flush();
      }
      for (Ref r : mem.getRefDatabase().getRefs()) {
        if (r.isSymbolic()) {
          RefUpdate u = file.updateRef(r.getName());
          u.disableRefLog();
          u.link(r.getTarget().getName());
        } else if (r.getObjectId() != null) {
          RefUpdate u = file.updateRef(r.getName());
          u.disableRefLog();
          u.setNewObjectId(r.getObjectId());
          u.setForceUpdate(true);
          u.update();
        }
      }
      repo = file;
      dir = d;
      return d;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the bare repository " + d, e);
    } catch (org.eclipse.jgit.api.errors.InvalidRefNameException e) {
      throw new IllegalArgumentException("invalid default branch " + defaultBranch, e);
    }
  }

  @Override
  public void close() {
    repo.close();
    if (dir != null) {
      deleteTree(dir);
    }
  }

  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + root, e);
    }
  }

  // ---- commits ----

  /** The commit with this full id, or null when it is not a commit of this repository. */
  State.Commit commit(String sha) {
    if (sha == null || !ObjectId.isId(sha)) {
      return null;
    }
    State.Commit cached = commits.get(sha);
    if (cached != null) {
      return cached;
    }
    try (RevWalk walk = new RevWalk(repo)) {
      RevCommit rc = walk.parseCommit(ObjectId.fromString(sha));
      State.Commit c = toCommit(rc);
      commits.put(sha, c);
      return c;
    } catch (MissingObjectException | org.eclipse.jgit.errors.IncorrectObjectTypeException e) {
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private State.Commit toCommit(RevCommit rc) {
    State.Commit c = new State.Commit(this);
    c.sha = rc.name();
    String msg = rc.getFullMessage();
    c.message = msg.endsWith("\n") ? msg.substring(0, msg.length() - 1) : msg;
    PersonIdent a = rc.getAuthorIdent();
    c.authorName = a.getName();
    c.authorEmail = a.getEmailAddress();
    c.time = a.getWhenAsInstant();
    List<String> parents = new ArrayList<>();
    for (RevCommit p : rc.getParents()) {
      parents.add(p.name());
    }
    c.parents = List.copyOf(parents);
    c.tree = rc.getTree().name();
    return c;
  }

  /** Every file of a commit's tree, by path. */
  Map<String, byte[]> files(String sha) {
    Map<String, byte[]> out = new TreeMap<>();
    try (RevWalk walk = new RevWalk(repo); ObjectReader reader = repo.newObjectReader();
        TreeWalk tw = new TreeWalk(reader)) {
      tw.addTree(walk.parseCommit(ObjectId.fromString(sha)).getTree());
      tw.setRecursive(true);
      while (tw.next()) {
        if (tw.getFileMode(0).getObjectType() == Constants.OBJ_BLOB) {
          out.put(tw.getPathString(), reader.open(tw.getObjectId(0)).getBytes());
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes a commit of exactly {@code files} with the given parents. When the commit object
   * already exists (same tree, parents, message and second), the time moves on by a second so
   * that every call makes a new commit.
   */
  State.Commit newCommit(Map<String, byte[]> files, List<String> parents, String message,
      String name, String email, Instant when) {
    try (ObjectInserter ins = repo.newObjectInserter()) {
      DirCache dc = DirCache.newInCore();
      DirCacheBuilder b = dc.builder();
      for (Map.Entry<String, byte[]> e : new TreeMap<>(files).entrySet()) {
        DirCacheEntry entry = new DirCacheEntry(e.getKey());
        entry.setFileMode(FileMode.REGULAR_FILE);
        entry.setObjectId(ins.insert(Constants.OBJ_BLOB, e.getValue()));
        b.add(entry);
      }
      b.finish();
      ObjectId tree = dc.writeTree(ins);
      String sha = writeCommit(ins, tree, parents, message, name, email, when);
      ins.flush();
      return commit(sha);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String writeCommit(ObjectInserter ins, ObjectId tree, List<String> parents,
      String message, String name, String email, Instant when) throws IOException {
    Instant t = when;
    while (true) {
      PersonIdent who = new PersonIdent(name, email, t, ZoneOffset.UTC);
      CommitBuilder cb = new CommitBuilder();
      cb.setTreeId(tree);
      for (String p : parents) {
        cb.addParentId(ObjectId.fromString(p));
      }
      cb.setAuthor(who);
      cb.setCommitter(who);
      cb.setMessage(message.endsWith("\n") ? message : message + "\n");
      ObjectId id = ins.idFor(Constants.OBJ_COMMIT, cb.build());
      if (!repo.getObjectDatabase().has(id)) {
        return ins.insert(cb).name();
      }
      t = t.plusSeconds(1);
    }
  }

  /** A commit with another commit's tree (a squash or fast result of a merge). */
  State.Commit newCommit(String treeId, List<String> parents, String message, String name,
      String email, Instant when) {
    try (ObjectInserter ins = repo.newObjectInserter()) {
      String sha = writeCommit(ins, ObjectId.fromString(treeId), parents, message, name, email, when);
      ins.flush();
      return commit(sha);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The tree of merging {@code theirs} into {@code ours}, or null on a conflict. */
  String mergeTree(String ours, String theirs) {
    return threeWay(ours, theirs, null);
  }

  /** The tree of applying {@code commit}'s change (against {@code parent}) onto {@code onto}. */
  String cherryPickTree(String onto, String commit, String parent) {
    return threeWay(onto, commit, parent);
  }

  /**
   * The tree of a three-way merge of {@code theirs} into {@code ours} (from {@code base}, or their
   * merge base when null), or null on a conflict. The merge writes through a pack inserter, which
   * keeps what it makes readable to the merge (virtual merge bases included) but stores nothing
   * until it is flushed: a conflict leaves the object database as it was.
   */
  private String threeWay(String ours, String theirs, String base) {
    try (ObjectInserter ins = bufferedInserter()) {
      MergeResult r = merger(ins, ours, theirs, base);
      if (r.clean) {
        ins.flush();
      }
      return r.tree;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An inserter that stores nothing before {@code flush()} (closing without it discards). */
  private ObjectInserter bufferedInserter() {
    // In-memory (DFS) inserters already buffer into one pack; on disk, loose objects would be
    // written at once, so a pack inserter is used there.
    return repo.getObjectDatabase() instanceof ObjectDirectory dir
        ? dir.newPackInserter() : repo.newObjectInserter();
  }

  private record MergeResult(boolean clean, String tree) {}

  private MergeResult merger(ObjectInserter ins, String ours, String theirs, String base)
      throws IOException {
    ThreeWayMerger m = (ThreeWayMerger) MergeStrategy.RECURSIVE.newMerger(ins, repo.getConfig());
    if (base != null) {
      m.setBase(ObjectId.fromString(base));
    }
    boolean clean = m.merge(ObjectId.fromString(ours), ObjectId.fromString(theirs));
    return new MergeResult(clean, clean ? m.getResultTreeId().name() : null);
  }

  /** The best common ancestor of two commits, or null. */
  String mergeBase(String a, String b) {
    try (RevWalk walk = new RevWalk(repo)) {
      walk.setRevFilter(RevFilter.MERGE_BASE);
      walk.markStart(walk.parseCommit(ObjectId.fromString(a)));
      walk.markStart(walk.parseCommit(ObjectId.fromString(b)));
      RevCommit base = walk.next();
      return base == null ? null : base.name();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether {@code ancestor} is reachable from {@code tip} (or equal to it). */
  boolean isAncestor(String ancestor, String tip) {
    try (RevWalk walk = new RevWalk(repo)) {
      return walk.isMergedInto(walk.parseCommit(ObjectId.fromString(ancestor)),
          walk.parseCommit(ObjectId.fromString(tip)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The commits reachable from {@code tip} but not from {@code base}, oldest first. */
  List<State.Commit> commitsBetween(String base, String tip) {
    List<State.Commit> out = new ArrayList<>();
    try (RevWalk walk = new RevWalk(repo)) {
      walk.sort(RevSort.TOPO, true);
      walk.sort(RevSort.REVERSE, true);
      walk.markStart(walk.parseCommit(ObjectId.fromString(tip)));
      if (base != null) {
        walk.markUninteresting(walk.parseCommit(ObjectId.fromString(base)));
      }
      for (RevCommit c : walk) {
        out.add(commit(c.name()));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- refs ----

  ObjectId ref(String fullName) {
    try {
      Ref r = repo.exactRef(fullName);
      return r == null ? null : r.getObjectId();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Moves (or creates) a ref to {@code sha}, whatever it pointed at. */
  void setRef(String fullName, String sha) {
    try {
      RefUpdate u = repo.updateRef(fullName);
      u.disableRefLog();
      u.setNewObjectId(ObjectId.fromString(sha));
      u.setForceUpdate(true);
      RefUpdate.Result res = u.update();
      switch (res) {
        case NEW, FORCED, FAST_FORWARD, NO_CHANGE -> { }
        default -> throw new IllegalStateException("cannot move " + fullName + ": " + res);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Moves a ref from {@code expected} to {@code sha} only when it still points at
   * {@code expected}.
   */
  boolean compareAndSetRef(String fullName, String expected, String sha) {
    try {
      RefUpdate u = repo.updateRef(fullName);
      u.disableRefLog();
      u.setExpectedOldObjectId(expected == null ? ObjectId.zeroId() : ObjectId.fromString(expected));
      u.setNewObjectId(ObjectId.fromString(sha));
      u.setForceUpdate(true);
      RefUpdate.Result res = u.update();
      return switch (res) {
        case NEW, FORCED, FAST_FORWARD, NO_CHANGE -> true;
        default -> false;
      };
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  boolean deleteRef(String fullName) {
    try {
      if (repo.exactRef(fullName) == null) {
        return false;
      }
      RefUpdate u = repo.updateRef(fullName);
      u.disableRefLog();
      u.setForceUpdate(true);
      RefUpdate.Result res = u.delete();
      return res == RefUpdate.Result.FORCED || res == RefUpdate.Result.NO_CHANGE;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Branch names to head commit ids, sorted by name. */
  TreeMap<String, String> branchHeads() {
    TreeMap<String, String> out = new TreeMap<>();
    try {
      for (Ref r : repo.getRefDatabase().getRefsByPrefix(HEADS)) {
        if (r.getObjectId() != null) {
          out.put(r.getName().substring(HEADS.length()), r.getObjectId().name());
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * {@code refs/heads/*} seen as a map of branch name to branch. {@code put} force-moves the
   * branch to the given head and always answers null; {@code remove} deletes it.
   */
  private final class BranchView extends AbstractMap<String, State.Branch> {
    @Override
    public State.Branch get(Object key) {
      if (!(key instanceof String name) || name.isEmpty()) {
        return null;
      }
      ObjectId id = ref(HEADS + name);
      State.Commit c = id == null ? null : commit(id.name());
      return c == null ? null : new State.Branch(name, c);
    }

    @Override
    public boolean containsKey(Object key) {
      return key instanceof String name && !name.isEmpty() && ref(HEADS + name) != null;
    }

    @Override
    public State.Branch put(String key, State.Branch value) {
      setRef(HEADS + key, value.head.sha);
      return null;
    }

    @Override
    public State.Branch remove(Object key) {
      State.Branch old = get(key);
      if (old != null) {
        deleteRef(HEADS + key);
      }
      return old;
    }

    @Override
    public boolean isEmpty() {
      return branchHeads().isEmpty();
    }

    @Override
    public Set<Map.Entry<String, State.Branch>> entrySet() {
      List<Map.Entry<String, State.Branch>> entries = new ArrayList<>();
      branchHeads().forEach((name, sha) ->
          entries.add(new SimpleImmutableEntry<>(name, new State.Branch(name, commit(sha)))));
      return new AbstractSet<>() {
        @Override
        public Iterator<Map.Entry<String, State.Branch>> iterator() {
          Iterator<Map.Entry<String, State.Branch>> it = entries.iterator();
          return new Iterator<>() {
            Map.Entry<String, State.Branch> last;

            @Override
            public boolean hasNext() {
              return it.hasNext();
            }

            @Override
            public Map.Entry<String, State.Branch> next() {
              last = it.next();
              return last;
            }

            @Override
            public void remove() {
              it.remove();
              deleteRef(HEADS + last.getKey());
            }
          };
        }

        @Override
        public int size() {
          return entries.size();
        }
      };
    }
  }
}
