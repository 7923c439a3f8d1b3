package ai.disinto.git.creds;

import ai.disinto.forge.client.ForgeAuth;
import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.ForgeException;
import ai.disinto.forge.client.model.User;
import ai.disinto.git.SecureFiles;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Password authentication of git against the factory's forge without credentials in remote URLs:
 * a git credential helper for the forge host, and the repair of clones whose {@code origin} URL
 * still carries a secret.
 *
 * <p>Mirrors {@code configure_git_creds} and {@code repair_baked_cred_urls} of lib/git-creds.sh.
 * Improvements over the original: the helper answers only for the forge's scheme and host; it
 * holds no secret itself (mode 700) and prints a separate owner-only (600) file, so no password is
 * ever interpolated into shell source and any character in it survives; both files are written
 * atomically; the bot user is resolved with bounded retries and its password checked against the
 * forge before anything is written; the helper entry and {@code safe.directory} are written once
 * into the given home's git config (not the current user's); and a repaired {@code .git/config}
 * keeps its owner and mode.
 */
public final class GitCredentials {
  private static final Logger LOG = LoggerFactory.getLogger(GitCredentials.class);
  /** The helper program's file name in the home folder, as the original names it. */
  public static final String HELPER_FILE = ".git-credentials-helper";
  /** The owner-only file holding the answer the helper prints. */
  public static final String SECRET_FILE = ".git-credentials-forge";
  /** The login the original falls back to when the token does not name a user. */
  public static final String FALLBACK_USER = "dev-bot";

  private static final Pattern BAKED = Pattern.compile("^https?://[^/]+@");
  private static final Pattern STRIP = Pattern.compile("(https?://)[^@]+@");
  private static final Pattern SHELL_SAFE_PATH = Pattern.compile("[A-Za-z0-9/._+@%=:,-]+");
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-]+(:[0-9]+)?|\\[[0-9A-Fa-f:.]+\\](:[0-9]+)?");

  /** How the bot's login is found. */
  public enum Identity {
    /** Ask the forge who the token belongs to and check the password; fail when either fails. */
    STRICT,
    /** As the original: fall back to {@code dev-bot} and only warn when the forge cannot tell. */
    FALLBACK_TO_DEV_BOT
  }

  private final ForgeClient forge;

  /**
   * Creates the service.
   *
   * @param forge a client of the forge (any token; each request sets its own credentials); its
   *     retry policy bounds the identity requests
   */
  public GitCredentials(ForgeClient forge) {
    this.forge = Objects.requireNonNull(forge, "forge").root();
  }

  /**
   * What {@link #configure} is given.
   *
   * @param forgeUrl {@code FORGE_URL}
   * @param forgePass {@code FORGE_PASS}, the bot's password; empty means nothing to do
   * @param forgeToken {@code FORGE_TOKEN}, which names the bot user; empty when unset
   * @param homeDir the home folder the helper and git config go into
   * @param owner the user who should own what is written (the original's run-as user), or empty
   * @param identity how strictly the bot user is determined
   */
  public record Settings(String forgeUrl, String forgePass, String forgeToken, Path homeDir,
      Optional<String> owner, Identity identity) {

    /**
     * Checks the parts.
     *
     * @param forgeUrl the URL; may be empty
     * @param forgePass the password; may be empty
     * @param forgeToken the token; may be empty
     * @param homeDir the home folder
     * @param owner the owner
     * @param identity the policy
     */
    public Settings {
      forgeUrl = forgeUrl == null ? "" : forgeUrl;
      forgePass = forgePass == null ? "" : forgePass;
      forgeToken = forgeToken == null ? "" : forgeToken;
      Objects.requireNonNull(homeDir, "homeDir");
      Objects.requireNonNull(owner, "owner");
      Objects.requireNonNull(identity, "identity");
    }

    @Override
    public String toString() {
      return "Settings[forgeUrl=" + forgeUrl + ", forgePass=" + (forgePass.isEmpty() ? "" : "<redacted>")
          + ", forgeToken=" + (forgeToken.isEmpty() ? "" : "<redacted>") + ", homeDir=" + homeDir
          + ", owner=" + owner.orElse("") + ", identity=" + identity + "]";
    }
  }

  /**
   * The helper that was set up.
   *
   * @param helperPath the helper program registered in git config
   * @param secretPath the owner-only file it prints
   * @param gitConfig the git config file written
   * @param protocol the scheme it answers for
   * @param host the host (with port) it answers for
   * @param username the bot's login it answers with
   */
  public record CredentialHelper(Path helperPath, Path secretPath, Path gitConfig,
      String protocol, String host, String username) {}

  /**
   * A clone whose {@code origin} URL was cleaned.
   *
   * @param repo the clone
   * @param cleanUrl its {@code origin} URL now, without credentials
   */
  public record RepairedRemote(Path repo, String cleanUrl) {}

  /**
   * Sets up the credential helper for the forge in a home folder: resolves the bot user, writes
   * the helper and its secret file, registers the helper for the forge's URL in {@code
   * <home>/.gitconfig} (or the XDG config when only that exists) and adds {@code safe.directory =
   * *} once. Mirrors {@code configure_git_creds}.
   *
   * @param settings the forge, secret, home and owner
   * @return the helper, or empty when {@code FORGE_PASS} or {@code FORGE_URL} is empty (nothing is
   *     done)
   * @throws GitCredentialsException when the URL is not {@code http(s)://host[:port][/path]}, the
   *     password holds a line break, the bot user cannot be determined or its password is refused
   *     (strict identity only), or a file cannot be written
   */
  public Optional<CredentialHelper> configure(Settings settings) {
    if (settings.forgePass().isEmpty() || settings.forgeUrl().isEmpty()) {
      return Optional.empty();
    }
    URI url = parseForgeUrl(settings.forgeUrl());
    String protocol = url.getScheme();
    String host = url.getRawAuthority();
    if (settings.forgePass().indexOf('\n') >= 0 || settings.forgePass().indexOf('\r') >= 0
        || settings.forgePass().indexOf('\0') >= 0) {
      throw new GitCredentialsException("FORGE_PASS holds a line break or NUL, which git's"
          + " credential protocol cannot carry");
    }
    String user = botUser(settings);

    Path home = settings.homeDir().toAbsolutePath().normalize();
    if (!SHELL_SAFE_PATH.matcher(home.toString()).matches()) {
      // git runs an absolute helper path through the shell: it must need no quoting.
      throw new GitCredentialsException("the home folder " + home
          + " holds characters git's credential helper path cannot carry unquoted");
    }
    Path helper = home.resolve(HELPER_FILE);
    Path secret = home.resolve(SECRET_FILE);
    Path config = userConfigFile(home);
    try {
      SecureFiles.writeAtomically(secret, "protocol=" + protocol + "\nhost=" + host
          + "\nusername=" + user + "\npassword=" + settings.forgePass() + "\n", "rw-------");
      SecureFiles.writeAtomically(helper, helperScript(protocol, host, secret), "rwx------");
      register(config, protocol + "://" + host, helper);
    } catch (IOException e) {
      throw new GitCredentialsException("cannot write the git credential helper in " + home
          + ": " + e.getMessage(), e);
    }
    settings.owner().ifPresent(o -> {
      for (Path p : List.of(secret, helper, config)) {
        try {
          SecureFiles.chown(p, o);
        } catch (IOException | UnsupportedOperationException e) {
          LOG.warn("could not give {} to {}: {}", p, o, e.getMessage());
        }
      }
    });
    LOG.info("git credential helper for {}://{} as {} in {}", protocol, host, user, helper);
    return Optional.of(new CredentialHelper(helper, secret, config, protocol, host, user));
  }

  /**
   * Cleans the {@code origin} URL of every clone in the given folders: a folder that is a clone
   * (its {@code .git} a directory) is examined alone, otherwise each immediate subfolder that is
   * one. Linked worktrees and submodules ({@code .git} a file) are skipped, and so are missing
   * folders. Each repair is logged as {@code Repaired baked credentials in <repo> (remote origin ->
   * <clean url>)}. Mirrors {@code repair_baked_cred_urls}; the config file keeps its owner and
   * mode.
   *
   * @param dirs the folders
   * @return the repaired clones, in order
   * @throws GitCredentialsException when a clone's config cannot be read or rewritten
   */
  public List<RepairedRemote> repairBakedCredentialUrls(List<Path> dirs) {
    List<RepairedRemote> repaired = new ArrayList<>();
    for (Path dir : dirs) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      for (Path repo : clonesIn(dir)) {
        repairOne(repo).ifPresent(repaired::add);
      }
    }
    return repaired;
  }

  /**
   * Tells whether a URL carries user information, as the original tests it ({@code
   * ^https?://[^/]+@}).
   *
   * @param url a remote URL
   * @return true for {@code http(s)://user[:secret]@host/...}
   */
  public static boolean hasBakedCredentials(String url) {
    return BAKED.matcher(url).find();
  }

  /**
   * Removes the first {@code user[:secret]@} after an {@code http(s)://} scheme.
   *
   * @param url a remote URL
   * @return the URL without it
   */
  public static String stripCredentials(String url) {
    Matcher m = STRIP.matcher(url);
    return m.find() ? url.substring(0, m.start()) + m.group(1) + url.substring(m.end()) : url;
  }

  // ---------------------------------------------------------------------------------------------

  private static URI parseForgeUrl(String forgeUrl) {
    URI url;
    try {
      url = URI.create(forgeUrl);
    } catch (IllegalArgumentException e) {
      throw new GitCredentialsException("FORGE_URL is not a URL");
    }
    String scheme = url.getScheme();
    if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))
        || url.getRawAuthority() == null || url.getRawUserInfo() != null
        || !HOST.matcher(url.getRawAuthority()).matches()) {
      throw new GitCredentialsException("FORGE_URL must be http(s)://host[:port][/path] without"
          + " user information");
    }
    return url;
  }

  private String botUser(Settings settings) {
    Optional<String> login = Optional.empty();
    String why = "FORGE_TOKEN is empty";
    if (!settings.forgeToken().isEmpty()) {
      try {
        login = Optional.ofNullable(forge.withToken(settings.forgeToken()).get("/user", User.class))
            .map(User::login).filter(s -> !s.isBlank());
        why = "the forge's /user answer has no login";
      } catch (ForgeException e) {
        why = "GET /api/v1/user failed: " + e.getMessage();
      }
    }
    if (login.isEmpty()) {
      if (settings.identity() == Identity.STRICT) {
        throw new GitCredentialsException("cannot determine bot user: " + why);
      }
      LOG.warn("cannot determine bot user ({}); using {}", why, FALLBACK_USER);
      return FALLBACK_USER;
    }
    String user = login.get();
    if (user.indexOf('\n') >= 0) {
      throw new GitCredentialsException("the bot login holds a line break");
    }
    if (settings.identity() == Identity.STRICT) {
      try {
        User me = forge.withAuth(ForgeAuth.basic(user, settings.forgePass())).get("/user",
            User.class);
        if (me == null || !user.equals(me.login())) {
          throw new GitCredentialsException("the forge did not confirm " + user
              + "'s password");
        }
      } catch (ForgeException e) {
        throw new GitCredentialsException("the forge refused the password of " + user + ": "
            + e.getMessage(), e);
      }
    }
    return user;
  }

  /** The helper program: no secret inside, values single-quoted, answers one scheme and host. */
  private static String helperScript(String protocol, String host, Path secret) {
    return "#!/bin/sh\n"
        + "# git credential helper written by disinto: answers only for "
        + protocol + "://" + host + "\n"
        + "[ \"$1\" = get ] || exit 0\n"
        + "want_protocol=" + quote(protocol) + "\n"
        + "want_host=" + quote(host) + "\n"
        + "protocol=\nhost=\n"
        + "while IFS= read -r line || [ -n \"$line\" ]; do\n"
        + "  case $line in\n"
        + "    protocol=*) protocol=${line#protocol=} ;;\n"
        + "    host=*) host=${line#host=} ;;\n"
        + "  esac\n"
        + "done\n"
        + "[ -z \"$protocol\" ] || [ \"$protocol\" = \"$want_protocol\" ] || exit 0\n"
        + "[ -z \"$host\" ] || [ \"$host\" = \"$want_host\" ] || exit 0\n"
        + "exec cat " + quote(secret.toString()) + "\n";
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  /** {@code <home>/.gitconfig}, or the XDG file when only that exists, as C git picks. */
  static Path userConfigFile(Path home) {
    Path dot = home.resolve(".gitconfig");
    Path xdg = home.resolve(".config").resolve("git").resolve("config");
    return !Files.exists(dot) && Files.isRegularFile(xdg) ? xdg : dot;
  }

  private static void register(Path configFile, String urlScope, Path helper)
      throws IOException {
    Files.createDirectories(configFile.getParent());
    Optional<SecureFiles.Ownership> before = SecureFiles.Ownership.of(configFile);
    FileBasedConfig config = new FileBasedConfig(configFile.toFile(), FS.DETECTED);
    try {
      config.load();
    } catch (ConfigInvalidException e) {
      throw new IOException(configFile + " is not a valid git config: " + e.getMessage(), e);
    }
    // The original registered the helper for every host; that entry would leak the password.
    List<String> global = new ArrayList<>(
        Arrays.asList(config.getStringList("credential", null, "helper")));
    if (global.remove(helper.toString())) {
      config.setStringList("credential", null, "helper", global);
      if (global.isEmpty()) {
        config.unset("credential", null, "helper");
      }
    }
    config.setString("credential", urlScope, "helper", helper.toString());
    List<String> safe = new ArrayList<>(
        Arrays.asList(config.getStringList("safe", null, "directory")));
    if (!safe.contains("*")) {
      safe.add("*");
      config.setStringList("safe", null, "directory", safe);
    }
    config.save();
    if (before.isPresent()) {
      before.get().restore(configFile);
    }
  }

  private static List<Path> clonesIn(Path dir) {
    if (Files.isDirectory(dir.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) {
      return List.of(dir);
    }
    List<Path> repos = new ArrayList<>();
    try (var s = Files.list(dir)) {
      s.sorted().filter(p -> Files.isDirectory(p)
          && Files.isDirectory(p.resolve(".git"), LinkOption.NOFOLLOW_LINKS)).forEach(repos::add);
    } catch (IOException e) {
      LOG.warn("cannot list {}: {}", dir, e.getMessage());
    }
    return repos;
  }

  private static Optional<RepairedRemote> repairOne(Path repo) {
    Path configFile = repo.resolve(".git").resolve("config");
    FileBasedConfig config = new FileBasedConfig(configFile.toFile(), FS.DETECTED);
    try {
      config.load();
    } catch (IOException | ConfigInvalidException e) {
      LOG.warn("cannot read the git config of {}: {}", repo, e.getMessage());
      return Optional.empty();
    }
    String url = config.getString("remote", "origin", "url");
    if (url == null || url.isEmpty() || !hasBakedCredentials(url)) {
      return Optional.empty();
    }
    String clean = stripCredentials(url);
    Optional<SecureFiles.Ownership> before = SecureFiles.Ownership.of(configFile);
    try {
      config.setString("remote", "origin", "url", clean);
      config.save();
      if (before.isPresent()) {
        before.get().restore(configFile);
      }
    } catch (IOException e) {
      throw new GitCredentialsException("cannot rewrite the origin URL of " + repo + ": "
          + e.getMessage(), e);
    }
    LOG.info("Repaired baked credentials in {} (remote origin -> {})", repo, clean);
    return Optional.of(new RepairedRemote(repo, clean));
  }
}
