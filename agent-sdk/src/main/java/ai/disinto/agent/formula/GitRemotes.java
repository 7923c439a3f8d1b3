package ai.disinto.agent.formula;

import ai.disinto.core.process.ProcessResult;
import ai.disinto.git.GitCli;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the git remote that points at the forge. Mirrors {@code resolve_forge_remote} of
 * lib/formula-session.sh (#278): the first remote in {@code git remote -v} whose push URL is on
 * the forge's host, else {@code origin}. Improvement: hosts are compared exactly (parsed from
 * URLs, {@code scp}-style {@code git@host:path} included), not as a regular expression matched
 * anywhere in the URL.
 */
public final class GitRemotes {
  private static final Logger LOG = LoggerFactory.getLogger(GitRemotes.class);

  private GitRemotes() {}

  /**
   * The remote of a repository that pushes to the forge ({@code FORGE_REMOTE}); logs {@code forge
   * remote: <name>}.
   *
   * @param git the git CLI
   * @param repo the repository
   * @param forgeUrl the forge's base URL ({@code FORGE_URL})
   * @return the remote's name, {@code origin} when none matches or git fails
   */
  public static String resolveForgeRemote(GitCli git, Path repo, String forgeUrl) {
    String remote = "origin";
    Optional<String> host = host(forgeUrl);
    ProcessResult r = git.run(repo, GitCli.LOCAL_TIMEOUT, "remote", "-v");
    if (host.isPresent() && r.succeeded()) {
      for (String line : r.stdout().split("\n")) {
        String[] f = line.trim().split("\\s+");
        if (f.length >= 3 && f[2].equals("(push)") && host(f[1]).equals(host)) {
          remote = f[0];
          break;
        }
      }
    }
    LOG.info("forge remote: {}", remote);
    return remote;
  }

  /** The lower-cased host of a URL or of an scp-style {@code user@host:path}. */
  static Optional<String> host(String url) {
    if (url == null || url.isBlank()) {
      return Optional.empty();
    }
    String u = url.strip();
    if (u.contains("://")) {
      try {
        String h = URI.create(u).getHost();
        return Optional.ofNullable(h).map(x -> x.toLowerCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
    int colon = u.indexOf(':');
    if (colon > 0 && !u.substring(0, colon).contains("/")) {
      String h = u.substring(0, colon);
      int at = h.lastIndexOf('@');
      return Optional.of(h.substring(at + 1).toLowerCase(Locale.ROOT));
    }
    return Optional.empty();
  }
}
