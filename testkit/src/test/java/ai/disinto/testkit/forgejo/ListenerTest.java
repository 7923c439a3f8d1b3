package ai.disinto.testkit.forgejo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Webhook listeners hear pushes (git, pushBranch, merges) and pull requests opened or synced. */
@ExtendWith(MockForgejoExtension.class)
class ListenerTest {
  private static final String R = "/repos/" + Fixture.REPO;

  @TempDir
  Path tmp;

  /** Records what it hears. */
  static final class Recorder implements ForgeListener {
    final List<PushEvent> pushes = new CopyOnWriteArrayList<>();
    final List<PullRequestEvent> pulls = new CopyOnWriteArrayList<>();

    @Override
    public void onPush(PushEvent e) {
      pushes.add(e);
    }

    @Override
    public void onPullRequest(PullRequestEvent e) {
      pulls.add(e);
    }
  }

  @Test
  void aGitPushIsHeardWithItsCommitAndPusher(MockForgejo m) throws Exception {
    Fixture.seed(m);
    Recorder rec = new Recorder();
    m.addListener(rec);
    String before = m.branchHead(Fixture.REPO, "main").orElseThrow();
    UsernamePasswordCredentialsProvider creds =
        new UsernamePasswordCredentialsProvider("dev-bot", "dev-bot-password");
    try (Git git = Git.cloneRepository().setURI(m.cloneUrl("owner", "proj"))
        .setDirectory(tmp.resolve("w").toFile()).setCredentialsProvider(creds).call()) {
      Files.writeString(tmp.resolve("w/x.txt"), "x\n");
      git.add().addFilepattern("x.txt").call();
      String sha = git.commit().setMessage("add x").setAuthor("Ann", "ann@example.invalid")
          .setCommitter("Ann", "ann@example.invalid").setSign(false).call().name();
      git.push().setRefSpecs(new RefSpec("HEAD:refs/heads/main"), new RefSpec("HEAD:refs/heads/new"))
          .setCredentialsProvider(creds).call();

      assertThat(rec.pushes).hasSize(2);
      PushEvent main = rec.pushes.stream().filter(e -> e.branch().equals("main")).findFirst()
          .orElseThrow();
      assertThat(main).isEqualTo(new PushEvent(main.repoId(), Fixture.REPO, "main", before, sha,
          "add x", "Ann", "ann@example.invalid", "dev-bot"));
      assertThat(rec.pushes).anySatisfy(e -> {
        assertThat(e.branch()).isEqualTo("new");
        assertThat(e.before()).isEqualTo(PushEvent.ZERO);
      });
      assertThat(m.filesAt(Fixture.REPO, sha)).containsKey("x.txt");
    }
  }

  @Test
  void pullRequestsAreHeardWhenOpenedAndWhenTheirHeadMovesAndMergesArePushes(MockForgejo m) {
    Fixture.seed(m);
    m.seed().branch(Fixture.REPO, "feature", "main");
    m.seed().file(Fixture.REPO, "feature", "a.txt", "a\n");
    Recorder rec = new Recorder();
    m.addListener(rec);
    Http dev = Fixture.as(m, "dev-bot");
    assertThat(dev.post(R + "/pulls", Map.of("title", "Feature", "head", "feature", "base",
        "main")).status()).isEqualTo(201);
    String moved = m.pushBranch(Fixture.REPO, "feature", null);
    assertThat(dev.post(R + "/pulls/1/merge", Map.of("Do", "merge")).status()).isEqualTo(200);
    m.removeListener(rec);
    m.pushBranch(Fixture.REPO, "feature", null);

    assertThat(rec.pulls).extracting(PullRequestEvent::action, PullRequestEvent::number,
        PullRequestEvent::headBranch, PullRequestEvent::baseBranch).containsExactly(
            org.assertj.core.groups.Tuple.tuple(PullRequestEvent.Action.OPENED, 1L, "feature",
                "main"),
            org.assertj.core.groups.Tuple.tuple(PullRequestEvent.Action.SYNCHRONIZED, 1L,
                "feature", "main"));
    assertThat(rec.pulls.get(0).sender()).isEqualTo("dev-bot");
    assertThat(rec.pulls.get(1).headSha()).isEqualTo(moved);
    assertThat(rec.pushes).extracting(PushEvent::branch).containsExactly("feature", "main");
    assertThat(rec.pushes.get(1).after()).isEqualTo(m.branchHead(Fixture.REPO, "main")
        .orElseThrow());
    assertThat(rec.pushes.get(1).pusher()).isEqualTo("dev-bot");
  }

  @Test
  void aFailingListenerDoesNotBreakThePush(MockForgejo m) {
    Fixture.seed(m);
    m.addListener(new ForgeListener() {
      @Override
      public void onPush(PushEvent e) {
        throw new IllegalStateException("webhook target down");
      }
    });
    String sha = m.pushBranch(Fixture.REPO, "main", null);
    assertThat(m.branchHead(Fixture.REPO, "main")).contains(sha);
  }
}
