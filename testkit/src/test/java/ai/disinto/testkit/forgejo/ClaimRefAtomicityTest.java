package ai.disinto.testkit.forgejo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Creating a branch is the atomic step claims rest on: of requests creating the same branch at
 * once, exactly one gets 201 and every other 409, as in Forgejo.
 */
@ExtendWith(MockForgejoExtension.class)
class ClaimRefAtomicityTest {
  private static final String R = "/repos/owner/proj";
  private static final int CONTENDERS = 8;

  @Test
  void concurrentCreatesOfOneBranchHaveExactlyOneWinner(MockForgejo m) throws Exception {
    Fixture.seed(m);
    List<Http> writers = List.of(Fixture.as(m, "dev-bot"), Fixture.as(m, "review-bot"),
        Fixture.as(m, "owner"));
    ExecutorService pool = Executors.newFixedThreadPool(CONTENDERS);
    try {
      CyclicBarrier start = new CyclicBarrier(CONTENDERS);
      for (int round = 0; round < 50; round++) {
        String name = "claims/issue-" + round;
        List<Future<Integer>> fs = new ArrayList<>();
        for (int k = 0; k < CONTENDERS; k++) {
          Http who = writers.get(k % writers.size());
          fs.add(pool.submit(() -> {
            start.await();
            return who.post(R + "/branches",
                Map.of("new_branch_name", name, "old_ref_name", "main")).status();
          }));
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : fs) {
          statuses.add(f.get(10, TimeUnit.SECONDS));
        }
        assertThat(statuses).as(name).containsOnly(201, 409).containsOnlyOnce(201);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void branchNamesWithSlashesCanBeReadAndDeleted(MockForgejo m) {
    Fixture.seed(m);
    Http dev = Fixture.as(m, "dev-bot");
    assertThat(dev.post(R + "/branches",
        Map.of("new_branch_name", "claims/retired/issue-7-abc", "old_ref_name", "main")).status())
        .isEqualTo(201);

    assertThat(dev.get(R + "/branches/claims/retired/issue-7-abc").status()).isEqualTo(200);
    assertThat(dev.send("DELETE", R + "/branches/claims/retired/issue-7-abc", null).status())
        .isEqualTo(204);
    assertThat(dev.get(R + "/branches/claims/retired/issue-7-abc").status()).isEqualTo(404);
  }

  @Test
  void aReaderCannotCreateABranch(MockForgejo m) {
    Fixture.seed(m);

    assertThat(Fixture.as(m, "reader").post(R + "/branches",
        Map.of("new_branch_name", "claims/issue-1", "old_ref_name", "main")).status())
        .isEqualTo(403);
  }
}
