package ai.disinto.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The file that keeps an agent's Claude session id between runs (the original's {@code SID_FILE}):
 * the id alone, no trailing newline.
 */
public final class SessionStore {
  private final Path file;

  /**
   * Creates a store on a file (which need not exist yet).
   *
   * @param file the session id file
   */
  public SessionStore(Path file) {
    this.file = Objects.requireNonNull(file, "file");
  }

  /**
   * The file the id is kept in.
   *
   * @return the path
   */
  public Path file() {
    return file;
  }

  /**
   * Reads the stored id, the file's whole content. Mirrors the read of {@code agent_recover_session}.
   *
   * @return the id, empty when the file is missing or empty
   * @throws UncheckedIOException when the file exists but cannot be read
   */
  public Optional<String> read() {
    try {
      String s = Files.readString(file, StandardCharsets.UTF_8);
      return s.isEmpty() ? Optional.empty() : Optional.of(s);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the session file " + file, e);
    }
  }

  /**
   * Stores an id, replacing the file's content (no newline), creating missing parent folders.
   *
   * @param sessionId the id
   * @throws UncheckedIOException when the file cannot be written
   */
  public void write(String sessionId) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, sessionId, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the session file " + file, e);
    }
  }

  /**
   * Removes the stored id (what dev-agent does once an issue is finished).
   *
   * @throws UncheckedIOException when the file exists but cannot be removed
   */
  public void clear() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the session file " + file, e);
    }
  }

  @Override
  public String toString() {
    return "SessionStore[" + file + "]";
  }
}
