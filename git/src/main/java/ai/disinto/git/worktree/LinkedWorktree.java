package ai.disinto.git.worktree;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/** Reads the on-disk layout C git writes for a linked worktree, without running git. */
final class LinkedWorktree {
  private LinkedWorktree() {}

  /** The admin dir ({@code <common>/worktrees/<id>}) when {@code dir/.git} is a gitfile. */
  static Optional<Path> adminDir(Path dir) {
    Path gitfile = dir.resolve(".git");
    if (!Files.isRegularFile(gitfile, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    try {
      String line = Files.readString(gitfile, StandardCharsets.UTF_8).strip();
      if (!line.startsWith("gitdir:")) {
        return Optional.empty();
      }
      Path admin = Path.of(line.substring("gitdir:".length()).strip());
      if (!admin.isAbsolute()) {
        admin = dir.resolve(admin);
      }
      return Optional.of(admin.normalize());
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Whether {@code dir/.git} is a directory: a clone of its own, not a linked worktree. */
  static boolean isClone(Path dir) {
    return Files.isDirectory(dir.resolve(".git"), LinkOption.NOFOLLOW_LINKS);
  }

  /** Whether {@code dir/.git} exists at all (file or directory). */
  static boolean hasGit(Path dir) {
    return Files.exists(dir.resolve(".git"), LinkOption.NOFOLLOW_LINKS);
  }
}
