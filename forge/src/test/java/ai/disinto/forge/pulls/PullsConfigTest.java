package ai.disinto.forge.pulls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.disinto.core.config.FactoryEnv;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PullsConfigTest {
  @Test
  void defaultsAreTheOriginals() {
    PullsConfig c = PullsConfig.defaults();
    assertThat(c.primaryBranch()).isEqualTo("main");
    assertThat(c.remote()).isEqualTo("origin");
    assertThat(c.ciTimeout()).isEqualTo(Duration.ofSeconds(1800));
    assertThat(c.ciInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.reviewTimeout()).isEqualTo(Duration.ofSeconds(10800));
    assertThat(c.reviewInterval()).isEqualTo(Duration.ofSeconds(300));
    assertThat(c.maxCiFixes()).isEqualTo(3);
    assertThat(c.maxReviewRounds()).isEqualTo(5);
    assertThat(c.maxMergeAttempts()).isEqualTo(3);
    assertThat(c.reviewBots()).isEmpty();
  }

  @Test
  void fromEnvReadsBranchRemoteAndBots() {
    PullsConfig c = PullsConfig.fromEnv(FactoryEnv.of(Map.of(
        "PRIMARY_BRANCH", "master", "FORGE_REMOTE", "forge",
        "FORGE_BOT_USERNAMES", "dev-bot, Review-Bot,")));
    assertThat(c.primaryBranch()).isEqualTo("master");
    assertThat(c.remote()).isEqualTo("forge");
    assertThat(c.reviewBots()).containsExactlyInAnyOrder("dev-bot", "review-bot");
  }

  @Test
  void fromEnvTakesTheFactoryDefaultsForEmptyValues() {
    PullsConfig c = PullsConfig.fromEnv(FactoryEnv.of(Map.of("PRIMARY_BRANCH", "")));
    // env.sh defaults PRIMARY_BRANCH to master; FORGE_REMOTE has no factory default.
    assertThat(c.primaryBranch()).isEqualTo("master");
    assertThat(c.remote()).isEqualTo("origin");
    assertThat(c.reviewBots()).contains("review-bot").hasSize(8);
  }

  @Test
  void withersChangeOneValue() {
    PullsConfig c = PullsConfig.defaults()
        .withCiPolling(Duration.ofSeconds(60), Duration.ofSeconds(5))
        .withReviewPolling(Duration.ZERO, Duration.ofSeconds(1))
        .withMergeRetryDelay(Duration.ofSeconds(2)).withReviewBots(Set.of("R"))
        .withWalkBudgets(1, 2);
    assertThat(c.maxCiFixes()).isEqualTo(1);
    assertThat(c.maxReviewRounds()).isEqualTo(2);
    assertThat(c.ciTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(c.ciInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.reviewTimeout()).isZero();
    assertThat(c.mergeRetryDelay()).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.reviewBots()).containsExactly("r");
  }

  @Test
  void invalidValuesAreRejected() {
    PullsConfig d = PullsConfig.defaults();
    assertThatThrownBy(() -> d.withCiPolling(Duration.ofSeconds(1), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.withMaxMergeAttempts(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.withWalkBudgets(-1, 5)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxCiFixes");
    assertThatThrownBy(() -> d.withWalkBudgets(3, -1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxReviewRounds");
    assertThatThrownBy(() -> d.withPrimaryBranch("")).isInstanceOf(IllegalArgumentException.class);
  }
}
