package ai.disinto.git.mirrors;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.git.GitCli;
import ai.disinto.git.GitRig;
import ai.disinto.git.mirrors.MirrorPusher.MirrorPush;
import ai.disinto.git.mirrors.MirrorPusher.MirrorResult;
import ai.disinto.git.mirrors.MirrorPusher.Outcome;
import ai.disinto.log.CapturedLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MirrorPusherTest {
  @TempDir Path tmp;
  GitRig rig;
  MirrorPusher pusher;
  Path a;
  Path b;

  @BeforeEach
  void setUp() throws IOException {
    rig = GitRig.create(tmp);
    rig.ok(rig.repo, "tag", "v1");
    rig.commitFile(rig.repo, "two.txt", "2\n", "C2");
    rig.ok(rig.repo, "tag", "-a", "-m", "v2", "v2");
    a = bare("a.git");
    b = bare("b.git");
    pusher = new MirrorPusher(rig.git, Duration.ofMinutes(1));
  }

  Path bare(String name) {
    Path p = rig.root.resolve(name);
    rig.ok(rig.root, "init", "-q", "--bare", p.toString());
    return p;
  }

  static Map<String, String> mirrors(String... nameUrl) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < nameUrl.length; i += 2) {
      m.put(nameUrl[i], nameUrl[i + 1]);
    }
    return m;
  }

  @Test
  void noMirrorsNoRootOrNoBranchDoNothing() {
    assertThat(pusher.pushAll(rig.repo, "main", Map.of())).isEmpty();
    assertThat(pusher.pushAll(null, "main", mirrors("github", a.toString()))).isEmpty();
    assertThat(pusher.pushAll(rig.repo, "", mirrors("github", a.toString()))).isEmpty();
    assertThat(rig.ok(rig.repo, "remote")).isEqualTo("origin");
  }

  @Test
  void onlyMirrorsWithAUrlArePushedWithTheBranchAndEveryTag() {
    Map<String, String> env = Map.of("MIRROR_NAMES", "github codeberg",
        "MIRROR_GITHUB", a.toString());
    try (CapturedLog log = CapturedLog.start()) {
      List<MirrorResult> r = pusher.pushAllAndWait(rig.repo, "main",
          MirrorPusher.fromEnvironment(env));

      assertThat(r).containsExactly(new MirrorResult("github", Outcome.PUSHED, 0, ""));
      assertThat(log.messages()).containsExactly("mirror: push to github started",
          "mirror: github ok");
    }
    assertThat(rig.ok(rig.repo, "remote")).isEqualTo("github\norigin");
    assertThat(rig.ok(a, "rev-parse", "refs/heads/main"))
        .isEqualTo(rig.ok(rig.repo, "rev-parse", "main"));
    assertThat(rig.ok(a, "tag", "--list")).isEqualTo("v1\nv2");
  }

  @Test
  void invalidNamesAreSkippedWithAWarning() {
    try (CapturedLog log = CapturedLog.start()) {
      List<MirrorResult> r = pusher.pushAllAndWait(rig.repo, "main",
          mirrors("my-mirror", a.toString(), "good", b.toString(), "empty", ""));

      assertThat(r).extracting(MirrorResult::name).containsExactly("good");
      assertThat(log.messages()).anyMatch(m -> m.contains("skipping my-mirror"));
    }
    assertThat(rig.ok(rig.repo, "remote")).doesNotContain("my-mirror");
    assertThat(MirrorPusher.envVarName("1st")).isEmpty();
    assertThat(MirrorPusher.envVarName("GitHub")).contains("MIRROR_GITHUB");
  }

  @Test
  void anExistingRemoteIsRepointedAndKeepsItsCase() {
    rig.ok(rig.repo, "remote", "add", "GitHub", "/old/url.git");

    pusher.pushAllAndWait(rig.repo, "main", mirrors("GitHub", a.toString()));

    assertThat(rig.ok(rig.repo, "remote", "get-url", "GitHub")).isEqualTo(a.toString());
    assertThat(MirrorPusher.fromEnvironment(Map.of("MIRROR_NAMES", "GitHub",
        "MIRROR_GITHUB", "u1"))).containsExactly(Map.entry("GitHub", "u1"));
  }

  @Test
  void aFailingMirrorIsReportedAndTheOthersStillPush() {
    try (CapturedLog log = CapturedLog.start()) {
      List<MirrorResult> r = pusher.pushAllAndWait(rig.repo, "main",
          mirrors("broken", rig.root.resolve("nowhere.git").toString(), "good", b.toString()));

      assertThat(r.get(0).outcome()).isEqualTo(Outcome.FAILED);
      assertThat(r.get(0).exitStatus()).isNotZero();
      assertThat(r.get(1).outcome()).isEqualTo(Outcome.PUSHED);
      assertThat(log.messages()).anyMatch(m -> m.startsWith("mirror: broken failed (exit "));
    }
  }

  @Test
  void aMissingLocalBranchFailsVisibly() {
    List<MirrorResult> r = pusher.pushAllAndWait(rig.repo, "trunk", mirrors("a", a.toString()));
    assertThat(r.get(0).outcome()).isEqualTo(Outcome.FAILED);
  }

  @Test
  void aHangingPushIsKilledAfterTheTimeout() throws IOException {
    Path fakeSsh = rig.root.resolve("hang-ssh");
    Files.writeString(fakeSsh, "#!/bin/sh\nsleep 600\n");
    Files.setPosixFilePermissions(fakeSsh, PosixFilePermissions.fromString("rwx------"));
    GitCli hanging = rig.git.plusEnvironment(Map.of("GIT_SSH_COMMAND", fakeSsh.toString()));
    MirrorPusher p = new MirrorPusher(hanging, Duration.ofMillis(700));

    try (CapturedLog log = CapturedLog.start()) {
      List<MirrorResult> r = p.pushAllAndWait(rig.repo, "main",
          mirrors("slow", "ssh://git@example.invalid/o/r.git"));

      assertThat(r.get(0).outcome()).isEqualTo(Outcome.TIMED_OUT);
      assertThat(log.messages()).anyMatch(m -> m.startsWith("mirror: slow timed out"));
    }
  }

  @Test
  void pushAllReturnsBeforeAnyPushRunsAndPushesRunConcurrently() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch bothWaiting = new CountDownLatch(2);
    MirrorPusher gated = new MirrorPusher(rig.git, Duration.ofMinutes(1), task -> new Thread(() -> {
      bothWaiting.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      task.run();
    }).start());

    List<MirrorPush> pushes = gated.pushAll(rig.repo, "main",
        mirrors("a", a.toString(), "b", b.toString()));

    assertThat(pushes).extracting(MirrorPush::name).containsExactly("a", "b");
    assertThat(pushes).noneMatch(p -> p.result().isDone());
    assertThat(bothWaiting.await(10, TimeUnit.SECONDS)).isTrue();
    release.countDown();
    assertThat(pushes).allSatisfy(p -> assertThat(p.result().get(1, TimeUnit.MINUTES).outcome())
        .isEqualTo(Outcome.PUSHED));
  }

  @Test
  void thePushCannotPrompt() throws IOException {
    Path seen = rig.root.resolve("seen-env");
    Path fakeSsh = rig.root.resolve("env-ssh");
    Files.writeString(fakeSsh, "#!/bin/sh\necho \"prompt=$GIT_TERMINAL_PROMPT\" > '" + seen
        + "'\nexit 1\n");
    Files.setPosixFilePermissions(fakeSsh, PosixFilePermissions.fromString("rwx------"));
    MirrorPusher p = new MirrorPusher(
        rig.git.plusEnvironment(Map.of("GIT_SSH_COMMAND", fakeSsh.toString())),
        Duration.ofMinutes(1));

    List<MirrorResult> r = p.pushAllAndWait(rig.repo, "main",
        mirrors("gh", "ssh://git@example.invalid/o/r.git"));

    assertThat(r.get(0).outcome()).isEqualTo(Outcome.FAILED);
    assertThat(Files.readString(seen).strip()).isEqualTo("prompt=0");
  }

  @Test
  void aUrlWithCredentialsNeverReachesTheLog() {
    try (CapturedLog log = CapturedLog.start()) {
      pusher.pushAllAndWait(rig.repo, "main",
          mirrors("gh", "http://user:hunter2-secret@127.0.0.1:1/o/r.git"));
      assertThat(log.text()).doesNotContain("hunter2-secret");
    }
  }
}
