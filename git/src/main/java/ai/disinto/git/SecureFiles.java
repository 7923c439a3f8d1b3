package ai.disinto.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.Optional;
import java.util.Set;

/**
 * File writes for the git module that must never expose a secret: the file is created with its
 * final permissions (never briefly world-readable), written in full, then renamed over the target
 * so readers see the old or the new content, never a half. Also keeps a file's owner and mode
 * across a rewrite by a tool that replaces it (JGit's config lock and rename).
 */
public final class SecureFiles {
  private SecureFiles() {}

  /**
   * Writes a file atomically with the given permissions.
   *
   * @param target the file
   * @param content its text (UTF-8)
   * @param permissions its mode, such as {@code rw-------}
   * @throws IOException when it cannot be written; the target is then unchanged
   */
  public static void writeAtomically(Path target, String content, String permissions)
      throws IOException {
    Set<PosixFilePermission> perms = PosixFilePermissions.fromString(permissions);
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp",
        PosixFilePermissions.asFileAttribute(perms));
    try {
      Files.writeString(tmp, content, StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(tmp, perms);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Gives a file to a user (and that user's group of the same name when there is one).
   *
   * @param file the file
   * @param user the login
   * @throws IOException when the user is unknown or the owner cannot be changed
   */
  public static void chown(Path file, String user) throws IOException {
    UserPrincipalLookupService lookup = file.getFileSystem().getUserPrincipalLookupService();
    UserPrincipal owner = lookup.lookupPrincipalByName(user);
    PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class,
        LinkOption.NOFOLLOW_LINKS);
    view.setOwner(owner);
    try {
      view.setGroup(lookup.lookupPrincipalByGroupName(user));
    } catch (IOException noSuchGroup) {
      // The user's primary group has another name: the owner is what matters.
    }
  }

  /** A file's owner, group and mode, to put back after a rewrite. */
  public record Ownership(UserPrincipal owner, GroupPrincipal group,
      Set<PosixFilePermission> permissions) {

    /**
     * Reads them.
     *
     * @param file the file
     * @return its ownership, or empty when the file does not exist or has no POSIX attributes
     */
    public static Optional<Ownership> of(Path file) {
      try {
        PosixFileAttributes a = Files.readAttributes(file, PosixFileAttributes.class,
            LinkOption.NOFOLLOW_LINKS);
        return Optional.of(new Ownership(a.owner(), a.group(), a.permissions()));
      } catch (IOException | UnsupportedOperationException e) {
        return Optional.empty();
      }
    }

    /**
     * Puts them back on a file where they differ.
     *
     * @param file the rewritten file
     * @throws IOException when they cannot be set
     */
    public void restore(Path file) throws IOException {
      PosixFileAttributeView view = Files.getFileAttributeView(file,
          PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
      PosixFileAttributes now = view.readAttributes();
      if (!now.permissions().equals(permissions)) {
        view.setPermissions(permissions);
      }
      if (!now.owner().equals(owner)) {
        view.setOwner(owner);
      }
      if (!now.group().equals(group)) {
        view.setGroup(group);
      }
    }
  }
}
