package ai.disinto.git.creds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.disinto.core.process.ProcessResult;
import ai.disinto.core.process.ProcessRunner;
import ai.disinto.forge.client.ForgeClient;
import ai.disinto.git.GitRig;
import ai.disinto.git.creds.GitCredentials.CredentialHelper;
import ai.disinto.git.creds.GitCredentials.Identity;
import ai.disinto.git.creds.GitCredentials.RepairedRemote;
import ai.disinto.git.creds.GitCredentials.Settings;
import ai.disinto.log.CapturedLog;
import ai.disinto.testkit.forgejo.Fault;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.forgejo.RecordedRequest;
import ai.disinto.testkit.time.FakeTime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitCredentialsTest {
  static final String PASS = "pw-123";
  @TempDir Path tmp;
  MockForgejo forge;
  FakeTime time = new FakeTime();
  GitCredentials creds;
  GitRig rig;

  @BeforeEach
  void setUp() throws IOException {
    forge = MockForgejo.start();
    forge.seed().user("dev-qwen", u -> u.password(PASS).token("tok-qwen"));
    creds = new GitCredentials(ForgeClient.builder().baseUrl(forge.baseUrl()).clock(time)
        .sleeper(time).build());
    rig = GitRig.create(tmp);
  }

  @AfterEach
  void tearDown() {
    forge.close();
  }

  Settings settings(String url, String pass, String token) {
    return new Settings(url, pass, token, rig.home, Optional.empty(), Identity.STRICT);
  }

  String runHelper(Path helper, String arg, String stdin) {
    ProcessResult r = ProcessRunner.command(helper.toString(), arg).stdin(stdin)
        .environment(rig.env).run(Duration.ofSeconds(10));
    assertThat(r.succeeded()).as(r.stderr()).isTrue();
    return r.stdout();
  }

  /** Asks git itself which credentials it would use for a URL. */
  ProcessResult gitFill(String protocol, String host) {
    return ProcessRunner.command("git", "credential", "fill")
        .stdin("protocol=" + protocol + "\nhost=" + host + "\n\n").environment(
            new java.util.HashMap<>(rig.env) {{ put("GIT_TERMINAL_PROMPT", "0"); }})
        .run(Duration.ofSeconds(10));
  }

  void assertNoSecretLeaks(String secret) throws IOException {
    try (Stream<Path> files = Files.walk(tmp)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        if (Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1).contains(secret)) {
          assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
              .as("%s holds the secret", f).isEqualTo("rw-------");
        }
      }
    }
    assertThat(rig.ok(rig.repo, "config", "--list")).doesNotContain(secret);
  }

  @Test
  void nothingIsDoneWithoutAPassword() throws IOException {
    Files.writeString(rig.home.resolve(".gitconfig"), "[user]\n\tname = x\n");
    assertThat(creds.configure(settings(forge.baseUrl(), "", "tok-qwen"))).isEmpty();
    assertThat(creds.configure(settings("", PASS, "tok-qwen"))).isEmpty();

    assertThat(rig.home.resolve(GitCredentials.HELPER_FILE)).doesNotExist();
    assertThat(Files.readString(rig.home.resolve(".gitconfig"))).isEqualTo("[user]\n\tname = x\n");
    assertThat(forge.journal()).isEmpty();
  }

  @Test
  void theHelperAnswersForTheForgeWithTheBotLoginAndPassword() throws IOException {
    try (CapturedLog log = CapturedLog.start()) {
      CredentialHelper h = creds.configure(settings(forge.baseUrl(), PASS, "tok-qwen"))
          .orElseThrow();
      String host = forge.baseUrl().replaceFirst("^http://", "").replaceFirst("/.*$", "");

      assertThat(h.username()).isEqualTo("dev-qwen");
      assertThat(h.host()).isEqualTo(host);
      assertThat(h.helperPath()).isEqualTo(rig.home.resolve(".git-credentials-helper"));
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(h.helperPath())))
          .isEqualTo("rwx------");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(h.secretPath())))
          .isEqualTo("rw-------");
      assertThat(Files.readString(h.helperPath())).doesNotContain(PASS);
      assertThat(runHelper(h.helperPath(), "get", "")).isEqualTo(
          "protocol=http\nhost=" + host + "\nusername=dev-qwen\npassword=pw-123\n");
      assertThat(runHelper(h.helperPath(), "get", "protocol=http\nhost=" + host + "\n"))
          .contains("password=pw-123");

      // git itself: scoped to the forge, nothing for another host.
      assertThat(rig.ok(rig.repo, "config", "--global", "--get-all",
          "credential.http://" + host + ".helper")).isEqualTo(h.helperPath().toString());
      assertThat(rig.run(rig.repo, "config", "--global", "--get-all", "credential.helper")
          .stdout()).isEmpty();
      assertThat(rig.ok(rig.repo, "config", "--global", "--get-all", "safe.directory"))
          .isEqualTo("*");
      ProcessResult fill = gitFill("http", host);
      assertThat(fill.stdout()).contains("username=dev-qwen", "password=pw-123");
      assertThat(gitFill("https", "github.com").stdout()).doesNotContain(PASS);

      assertThat(log.text()).doesNotContain(PASS);
      assertNoSecretLeaks(PASS);
    }
    List<RecordedRequest> j = forge.journal();
    assertThat(j).extracting(RecordedRequest::authKind)
        .containsExactly(RecordedRequest.AuthKind.TOKEN, RecordedRequest.AuthKind.BASIC);
  }

  @Test
  void storeAndEraseAndOtherHostsGetNothing() {
    CredentialHelper h = creds.configure(settings(forge.baseUrl(), PASS, "tok-qwen"))
        .orElseThrow();
    assertThat(runHelper(h.helperPath(), "store", "protocol=http\nhost=x\npassword=y\n"))
        .isEmpty();
    assertThat(runHelper(h.helperPath(), "erase", "")).isEmpty();
    assertThat(runHelper(h.helperPath(), "get", "protocol=https\nhost=github.com\n")).isEmpty();
    assertThat(runHelper(h.helperPath(), "get", "protocol=https\nhost=" + h.host() + "\n"))
        .isEmpty();
  }

  @Test
  void configuringTwiceWritesOneEntryOfEach() throws IOException {
    Files.writeString(rig.home.resolve(".gitconfig"),
        "[credential]\n\thelper = " + rig.home.resolve(".git-credentials-helper") + "\n");
    creds.configure(settings(forge.baseUrl(), PASS, "tok-qwen"));
    creds.configure(settings(forge.baseUrl(), PASS, "tok-qwen"));

    String all = rig.ok(rig.repo, "config", "--global", "--list");
    assertThat(all.lines().filter(l -> l.startsWith("safe.directory="))).hasSize(1);
    assertThat(all.lines().filter(l -> l.contains(".helper="))).hasSize(1);
    assertThat(all).doesNotContain("credential.helper=");
  }

  @Test
  void strictIdentityFailsWithoutATokenAndFallbackUsesDevBot() {
    assertThatThrownBy(() -> creds.configure(settings(forge.baseUrl(), PASS, "")))
        .isInstanceOf(GitCredentialsException.class)
        .hasMessageContaining("cannot determine bot user");
    assertThat(rig.home.resolve(GitCredentials.HELPER_FILE)).doesNotExist();

    CredentialHelper h = creds.configure(new Settings(forge.baseUrl(), PASS, "", rig.home,
        Optional.empty(), Identity.FALLBACK_TO_DEV_BOT)).orElseThrow();
    assertThat(h.username()).isEqualTo("dev-bot");
  }

  @Test
  void aWrongPasswordIsRefusedBeforeAnythingIsWritten() {
    assertThatThrownBy(() -> creds.configure(settings(forge.baseUrl(), "wrong", "tok-qwen")))
        .isInstanceOf(GitCredentialsException.class)
        .hasMessageContaining("refused the password of dev-qwen")
        .hasMessageNotContaining("wrong");
    assertThat(rig.home.resolve(GitCredentials.HELPER_FILE)).doesNotExist();
  }

  @Test
  void identityIsRetriedAfterServerErrors() {
    forge.faults().add(Fault.on("GET", "/user").onCalls(1, 2).withStatus(500));

    CredentialHelper h = creds.configure(settings(forge.baseUrl(), PASS, "tok-qwen"))
        .orElseThrow();

    assertThat(h.username()).isEqualTo("dev-qwen");
    assertThat(forge.journal().stream().filter(r -> r.authKind()
        == RecordedRequest.AuthKind.TOKEN)).hasSize(3);
  }

  @Test
  void anHttpsUrlWithAPathGivesSchemeAndHostOnly() {
    GitCredentials offline = new GitCredentials(ForgeClient.builder()
        .baseUrl("https://git.example.com/forgejo").build());
    CredentialHelper h = offline.configure(new Settings("https://git.example.com/forgejo", PASS,
        "", rig.home, Optional.empty(), Identity.FALLBACK_TO_DEV_BOT)).orElseThrow();
    assertThat(h.protocol()).isEqualTo("https");
    assertThat(h.host()).isEqualTo("git.example.com");
    assertThat(runHelper(h.helperPath(), "get", "protocol=https\nhost=git.example.com\n"))
        .startsWith("protocol=https\nhost=git.example.com\n");
  }

  @Test
  void specialCharactersInThePasswordSurviveLiterally() {
    String pass = "p\"a$s\\`x'$(touch pwned)";
    forge.seed().user("odd-bot", u -> u.password(pass).token("tok-odd"));
    CredentialHelper h = creds.configure(settings(forge.baseUrl(), pass, "tok-odd"))
        .orElseThrow();
    assertThat(runHelper(h.helperPath(), "get", "")).endsWith("password=" + pass + "\n");
    assertThat(rig.home.resolve("pwned")).doesNotExist();
  }

  @Test
  void invalidUrlsAreRejected() {
    assertThatThrownBy(() -> creds.configure(settings("forgejo:3000", PASS, "tok-qwen")))
        .isInstanceOf(GitCredentialsException.class).hasMessageContaining("FORGE_URL");
    assertThatThrownBy(() -> creds.configure(settings("http://u:p@forgejo:3000", PASS, "t")))
        .isInstanceOf(GitCredentialsException.class).hasMessageNotContaining("u:p");
  }

  @Test
  void aHomeThatNeedsShellQuotingIsRefused() {
    Path odd = tmp.resolve("my home");
    assertThatThrownBy(() -> creds.configure(new Settings(forge.baseUrl(), PASS, "tok-qwen", odd,
        Optional.empty(), Identity.STRICT))).isInstanceOf(GitCredentialsException.class)
        .hasMessageContaining("my home");
    assertThat(odd).doesNotExist();
  }

  @Test
  void settingsDoNotShowSecrets() {
    assertThat(settings(forge.baseUrl(), PASS, "tok-qwen").toString())
        .doesNotContain(PASS, "tok-qwen");
  }

  // --- repair -----------------------------------------------------------------------------------

  Path cloneWithOrigin(Path dir, String url) {
    rig.ok(rig.root, "init", "-q", dir.toString());
    rig.ok(dir, "remote", "add", "origin", url);
    return dir;
  }

  @Test
  void aBakedUrlIsRepairedAndLogged() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("repos"));
    Path repo = cloneWithOrigin(dir.resolve("repo"),
        "http://dev-bot:secret-token@forgejo:3000/org/repo.git");

    try (CapturedLog log = CapturedLog.start()) {
      List<RepairedRemote> r = creds.repairBakedCredentialUrls(List.of(dir));

      assertThat(r).containsExactly(new RepairedRemote(repo, "http://forgejo:3000/org/repo.git"));
      assertThat(rig.ok(repo, "remote", "get-url", "origin"))
          .isEqualTo("http://forgejo:3000/org/repo.git");
      assertThat(log.messages()).containsExactly("Repaired baked credentials in " + repo
          + " (remote origin -> http://forgejo:3000/org/repo.git)");
      assertThat(log.text()).doesNotContain("secret-token");
    }
    assertThat(rig.ok(repo, "config", "--list")).doesNotContain("secret-token");
  }

  @Test
  void aCleanUrlIsUntouched() throws IOException {
    Path repo = cloneWithOrigin(tmp.resolve("clean"), "http://forgejo:3000/org/repo.git");
    byte[] before = Files.readAllBytes(repo.resolve(".git/config"));
    try (CapturedLog log = CapturedLog.start()) {
      assertThat(creds.repairBakedCredentialUrls(List.of(repo))).isEmpty();
      assertThat(log.messages()).isEmpty();
    }
    assertThat(Files.readAllBytes(repo.resolve(".git/config"))).isEqualTo(before);
  }

  @Test
  void onlyImmediateClonesAreScanned() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("repos"));
    Path a = cloneWithOrigin(dir.resolve("a"), "https://x:y@h/r.git");
    Files.createDirectories(dir.resolve("b"));
    Path c = Files.createDirectories(dir.resolve("c"));
    Files.writeString(c.resolve(".git"), "gitdir: /nowhere/.git/worktrees/c\n");

    assertThat(creds.repairBakedCredentialUrls(List.of(dir))).extracting(RepairedRemote::repo)
        .containsExactly(a);

    Path outer = cloneWithOrigin(tmp.resolve("outer"), "https://u:v@h/outer.git");
    Path inner = cloneWithOrigin(outer.resolve("inner"), "https://u:v@h/inner.git");
    assertThat(creds.repairBakedCredentialUrls(List.of(outer))).extracting(RepairedRemote::repo)
        .containsExactly(outer);
    assertThat(rig.ok(inner, "remote", "get-url", "origin")).isEqualTo("https://u:v@h/inner.git");
  }

  @Test
  void urlForms() {
    assertThat(GitCredentials.stripCredentials("https://tok@github.com/o/r.git"))
        .isEqualTo("https://github.com/o/r.git");
    assertThat(GitCredentials.hasBakedCredentials("git@github.com:o/r.git")).isFalse();
    assertThat(GitCredentials.hasBakedCredentials("ssh://git@host/r.git")).isFalse();
    assertThat(GitCredentials.hasBakedCredentials("https://tok@github.com/o/r.git")).isTrue();
    assertThat(GitCredentials.stripCredentials("http://u:p@ss@h/x")).isEqualTo("http://ss@h/x");
  }

  @Test
  void aMissingFolderIsSkipped() {
    assertThat(creds.repairBakedCredentialUrls(List.of(tmp.resolve("nonexistent")))).isEmpty();
  }

  @Test
  void aRepairedConfigKeepsItsOwnerAndMode() throws IOException {
    Path repo = cloneWithOrigin(tmp.resolve("owned"), "http://a:b@forgejo:3000/o/r.git");
    Path config = repo.resolve(".git/config");
    Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-rw----"));
    Integer uid = (Integer) Files.getAttribute(config, "unix:uid");
    boolean root = uid == 0;
    if (root) {
      Files.setAttribute(config, "unix:uid", 1000);
      Files.setAttribute(config, "unix:gid", 1000);
    }

    assertThat(creds.repairBakedCredentialUrls(List.of(repo))).hasSize(1);

    assertThat(Files.getPosixFilePermissions(config)).containsExactlyInAnyOrder(
        PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
        PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE);
    assertThat(Files.getAttribute(config, "unix:uid")).isEqualTo(root ? 1000 : uid);
    assertThat(Files.getAttribute(config, "unix:gid")).isEqualTo(root ? 1000
        : Files.getAttribute(repo.resolve(".git"), "unix:gid"));
  }
}
