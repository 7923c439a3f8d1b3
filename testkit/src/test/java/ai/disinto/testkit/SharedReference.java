package ai.disinto.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Finds the published API descriptions in {@code shared/reference/}, beside the checkout. */
public final class SharedReference {
  private SharedReference() {}

  /**
   * {@code <repo root>/../shared/reference/<name>}, the repo root being the directory whose pom.xml
   * is the disinto-parent root pom. In a linked git worktree the main checkout's sibling is used
   * when the worktree has none.
   *
   * @param name the file name, such as {@code forgejo-swagger-v1.json}
   * @return the path (it may not exist: outside CI, shared/ may be absent)
   * @throws IOException when a pom or the worktree's .git file cannot be read
   */
  public static Path file(String name) throws IOException {
    Path root = repoRoot();
    Path file = root.resolveSibling("shared").resolve("reference").resolve(name);
    Path git = root.resolve(".git");
    if (!Files.exists(file) && Files.isRegularFile(git)) {
      String gitdir = Files.readString(git).trim().replaceFirst("^gitdir:\\s*", "");
      // <main>/.git/worktrees/<name> -> <main>
      Path main = Path.of(gitdir).getParent().getParent().getParent();
      file = main.resolveSibling("shared").resolve("reference").resolve(name);
    }
    return file;
  }

  /**
   * {@link #file} when it exists. CI always has shared/ beside the checkout, so there a missing
   * file fails the test with where it was looked for; elsewhere the test is aborted (skipped) with
   * the same message.
   *
   * @param name the file name
   * @param what what the file is, for the message, such as {@code the published Forgejo API
   *     description}
   * @return the existing file
   * @throws IOException when a pom or the worktree's .git file cannot be read
   */
  public static Path require(String name, String what) throws IOException {
    Path file = file(name);
    if (!Files.isRegularFile(file)) {
      String missing = what + " is not at " + file + " (shared/ beside the checkout)";
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError(missing);
      }
      Assumptions.abort(missing + "; test skipped");
    }
    return file;
  }

  private static Path repoRoot() throws IOException {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path pom = dir.resolve("pom.xml");
      if (Files.isRegularFile(pom) && Files.readString(pom)
          .replaceAll("(?s)<parent>.*?</parent>", "")
          .contains("<artifactId>disinto-parent</artifactId>")) {
        return dir;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("repository root not found above " + Path.of("").toAbsolutePath());
  }
}
