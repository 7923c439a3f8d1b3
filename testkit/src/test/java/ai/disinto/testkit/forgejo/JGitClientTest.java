package ai.disinto.testkit.forgejo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** JGit as the client of the mock's smart HTTP endpoints. */
@ExtendWith(MockForgejoExtension.class)
class JGitClientTest {
  private static final String R = "/repos/" + Fixture.REPO;

  @TempDir
  Path tmp;

  private static UsernamePasswordCredentialsProvider creds(String user, String secret) {
    return new UsernamePasswordCredentialsProvider(user, secret);
  }

  @Test
  void cloneCommitPushAndFetch(MockForgejo m) throws Exception {
    Fixture.seed(m);
    try (Git git = Git.cloneRepository().setURI(m.cloneUrl("owner", "proj"))
        .setDirectory(tmp.resolve("w").toFile()).setCredentialsProvider(creds("dev-bot", "dev-bot-password"))
        .call()) {
      Files.writeString(tmp.resolve("w/j.txt"), "jgit\n");
      git.add().addFilepattern("j.txt").call();
      RevCommit c = git.commit().setMessage("from jgit").setAuthor("J", "j@example.invalid")
          .setCommitter("J", "j@example.invalid").setSign(false).call();
      Iterable<PushResult> results = git.push().setRemote("origin")
          .setRefSpecs(new org.eclipse.jgit.transport.RefSpec("HEAD:refs/heads/jgit"))
          .setCredentialsProvider(creds("dev-bot", "dev-bot-password")).call();
      for (PushResult r : results) {
        assertThat(r.getRemoteUpdate("refs/heads/jgit").getStatus())
            .isEqualTo(RemoteRefUpdate.Status.OK);
      }
      assertThat(Json.asObject(Fixture.as(m, "dev-bot").get(R + "/branches/jgit").obj().get("commit")))
          .containsEntry("id", c.name());

      m.pushBranch(Fixture.REPO, "main", null);
      git.fetch().setCredentialsProvider(creds("dev-bot", "dev-bot-password")).call();
      ObjectId remoteMain = git.getRepository().resolve("refs/remotes/origin/main");
      assertThat(remoteMain.name()).isEqualTo(m.branchHead(Fixture.REPO, "main").orElseThrow());
    }
  }

  @Test
  void tokenAsPasswordIsRefusedForPush(MockForgejo m) throws Exception {
    Fixture.seed(m);
    try (Git git = Git.cloneRepository().setURI(m.cloneUrl("owner", "proj"))
        .setDirectory(tmp.resolve("w").toFile()).call()) {
      assertThatThrownBy(() -> git.push().setRemote("origin")
          .setRefSpecs(new org.eclipse.jgit.transport.RefSpec("HEAD:refs/heads/t"))
          .setCredentialsProvider(creds("dev-bot", "tok-dev-bot")).call())
          .isInstanceOf(TransportException.class).hasMessageContaining("not authorized");
      assertThat(m.branchHead(Fixture.REPO, "t")).isEmpty();
      assertThat(Fixture.as(m, "dev-bot").get(R + "/branches/t").status()).isEqualTo(404);
      assertThat(m.journal()).anySatisfy(r -> {
        assertThat(r.path()).isEqualTo("/owner/proj.git/info/refs");
        assertThat(r.query()).isEqualTo("service=git-receive-pack");
        assertThat(r.status()).isEqualTo(401);
      });
    }
  }
}
