package ai.disinto.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ai.disinto.core.DisintoException;
import ai.disinto.core.agent.AgentRunner;
import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.RetryPolicy;
import ai.disinto.forge.client.model.Issue;
import ai.disinto.forge.client.model.Label;
import ai.disinto.forge.client.model.User;
import ai.disinto.forge.pulls.CiGate;
import ai.disinto.forge.pulls.CommitState;
import ai.disinto.forge.pulls.FailureType;
import ai.disinto.forge.pulls.PullRequests;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.time.FakeTime;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An issue whose worktree or agent run fails is given back: the cycle stops with a failure naming
 * the step and the issue, and the issue is in the backlog again, unclaimed, for the next cycle.
 */
class FactoryCycleFailureTest {
  private static final String REPO = "acme/app";

  @TempDir Path tmp;
  private MockForgejo forge;
  private ForgeClient dev;
  private long issue;
  private final List<Path> removed = new ArrayList<>();

  @BeforeEach
  void world() {
    forge = MockForgejo.start();
    forge.seed().user("acme", "acme-pw").user("dev-bot", u -> u.password("dev-pw").token("tok"))
        .repo(REPO, r -> r.autoInit(true).collaborator("dev-bot", "write"));
    for (String l : List.of("backlog", "in-progress", "blocked")) {
      forge.seed().label(REPO, l, "#0075ca");
    }
    issue = forge.seed().issue(REPO, i -> i.title("work").labels("backlog"));
    dev = ForgeClient.builder().baseUrl(forge.baseUrl()).repo(REPO).token("tok")
        .retryPolicy(RetryPolicy.none()).build();
  }

  @AfterEach
  void stop() {
    forge.close();
  }

  private FactoryCycle cycle(FactoryCycle.Workspace ws, FactoryCycle.Developer d) {
    return FactoryCycle.builder(dev, PullRequests.builder(dev).build(), new NoCi(), ws, d)
        .clock(new FakeTime()).build();
  }

  private FactoryCycle.Workspace workspace(boolean fails) {
    return new FactoryCycle.Workspace() {
      @Override
      public Path create(long n, String branch) {
        if (fails) {
          throw new DisintoException("git worktree add failed");
        }
        return tmp;
      }

      @Override
      public boolean remove(Path worktree) {
        removed.add(worktree);
        return true;
      }
    };
  }

  private static FactoryCycle.Developer agent(boolean fails) {
    return new FactoryCycle.Developer() {
      @Override
      public String implement(long n, String title, String body, String branch, Path wt) {
        if (fails) {
          throw new DisintoException("the agent failed (exit 1): overloaded");
        }
        return "";
      }

      @Override
      public AgentRunner runner() {
        return (p, s, w) -> {
          throw new AssertionError("no walk");
        };
      }

      @Override
      public int turns() {
        return 0;
      }
    };
  }

  private void assertGivenBack() {
    Issue i = dev.get("/issues/" + issue, Issue.class);
    assertThat(i.state()).isEqualTo("open");
    assertThat(i.labels().stream().map(Label::name)).containsExactly("backlog");
    assertThat(i.assignees().stream().map(User::login)).isEmpty();
    assertThat(forge.branchHead(REPO, "claims/issue-" + issue)).as("claim ref").isEmpty();
  }

  @Test
  void aFailedAgentRunGivesTheIssueBackAndNamesTheStep() {
    Throwable t = catchThrowable(() -> cycle(workspace(false), agent(true)).run());

    assertThat(t).isInstanceOf(FactoryCycle.StepFailedException.class)
        .hasMessageContaining("issue #" + issue).hasMessageContaining("implement")
        .hasMessageContaining("overloaded").hasMessageContaining("back in the backlog");
    FactoryCycle.StepFailedException e = (FactoryCycle.StepFailedException) t;
    assertThat(e.step()).isEqualTo("implement");
    assertThat(e.issue()).isEqualTo(issue);
    assertThat(removed).containsExactly(tmp);
    assertGivenBack();
  }

  @Test
  void aWorktreeThatCannotBeMadeGivesTheIssueBack() {
    Throwable t = catchThrowable(() -> cycle(workspace(true), agent(false)).run());

    assertThat(t).isInstanceOf(FactoryCycle.StepFailedException.class)
        .hasMessageContaining("worktree").hasMessageContaining("git worktree add failed");
    assertThat(((FactoryCycle.StepFailedException) t).step()).isEqualTo("worktree");
    assertThat(removed).isEmpty();
    assertGivenBack();
  }

  /** No CI: the walk is not reached in these cases. */
  private static final class NoCi implements CiGate {
    @Override
    public boolean ciConfigured() {
      return false;
    }

    @Override
    public boolean ciRequiredForPr(long pr) {
      return false;
    }

    @Override
    public CommitState commitStatus(String sha) {
      return CommitState.UNKNOWN;
    }

    @Override
    public OptionalLong pipelineNumber(String sha) {
      return OptionalLong.empty();
    }

    @Override
    public FailureType classify(long pipeline) {
      return FailureType.CODE;
    }

    @Override
    public String failureDigest(long pipeline) {
      return "";
    }

    @Override
    public String stepLogs(long pipeline) {
      return "";
    }
  }
}
