package ai.disinto.git;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.core.process.ProcessResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Real repositories in a temporary folder for the git module's tests: a bare "forge" repository
 * {@code remote.git} with {@code main} at one commit, and a clone {@code repo} of it. Git runs with
 * its own home and no system config, so the tests never read or write the user's git config.
 */
public final class GitRig {
  public final Path root;
  public final Path home;
  public final Path remote;
  public final Path repo;
  public final Map<String, String> env;
  public final GitCli git;

  private GitRig(Path root) throws IOException {
    this.root = root.toAbsolutePath().normalize();
    this.home = Files.createDirectories(this.root.resolve("home"));
    this.remote = this.root.resolve("remote.git");
    this.repo = this.root.resolve("repo");
    Map<String, String> e = new HashMap<>();
    e.put("PATH", System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
    e.put("HOME", home.toString());
    e.put("GIT_CONFIG_NOSYSTEM", "1");
    e.put("GIT_AUTHOR_NAME", "Test");
    e.put("GIT_AUTHOR_EMAIL", "test@example.invalid");
    e.put("GIT_COMMITTER_NAME", "Test");
    e.put("GIT_COMMITTER_EMAIL", "test@example.invalid");
    e.put("LANG", "C");
    e.put("LC_ALL", "C");
    this.env = Map.copyOf(e);
    this.git = GitCli.withEnvironment(env);
  }

  /** A bare remote with {@code main} at one commit ({@code README}) and a clone of it. */
  public static GitRig create(Path tmp) throws IOException {
    GitRig rig = new GitRig(tmp);
    rig.ok(rig.root, "init", "--bare", "-b", "main", rig.remote.toString());
    rig.ok(rig.root, "clone", rig.remote.toString(), rig.repo.toString());
    rig.commitFile(rig.repo, "README", "hello\n", "C1");
    rig.ok(rig.repo, "push", "origin", "main");
    return rig;
  }

  /** Only the isolated git environment (home, identity), for tests that clone from elsewhere. */
  public static GitRig withoutRepositories(Path tmp) throws IOException {
    return new GitRig(tmp);
  }

  /** Runs git and asserts success; returns standard output, trimmed. */
  public String ok(Path dir, String... args) {
    ProcessResult r = git.run(dir, Duration.ofMinutes(1), args);
    assertThat(r.succeeded()).as("git %s: %s", String.join(" ", args), r.stderr()).isTrue();
    return r.stdout().strip();
  }

  /** Runs git, whatever comes of it. */
  public ProcessResult run(Path dir, String... args) {
    return git.run(dir, Duration.ofMinutes(1), args);
  }

  /** Writes a file, commits it, and returns the new commit's id. */
  public String commitFile(Path dir, String file, String content, String message)
      throws IOException {
    Path f = dir.resolve(file);
    Files.createDirectories(f.getParent());
    Files.writeString(f, content, StandardCharsets.UTF_8);
    ok(dir, "add", file);
    ok(dir, "commit", "-q", "-m", message);
    return ok(dir, "rev-parse", "HEAD");
  }

  /** A second clone of the remote, to move branches behind the first clone's back. */
  public Path otherClone(String name) {
    Path p = root.resolve(name);
    ok(root, "clone", "-q", remote.toString(), p.toString());
    return p;
  }
}
