package ai.disinto.forge.client;

import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.forgejo.MockForgejoExtension;
import ai.disinto.testkit.time.FakeTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The set-up the client's tests share: a MockForgejo with {@code dev-bot} (password and token) as a
 * writer on {@value #REPO}, and clients for it on fake time, so that no retry waits for real.
 */
@ExtendWith(MockForgejoExtension.class)
abstract class OnMockForgejo {
  static final String REPO = "o/r";
  static final String TOKEN = "tok-dev-0123456789";

  final FakeTime time = new FakeTime();
  MockForgejo forge;

  @BeforeEach
  void seedDevBot(MockForgejo forge) {
    this.forge = forge;
    forge.seed().user("o", "pw-o").user("dev-bot", u -> u.password("pw-dev").token(TOKEN));
    forge.seed().repo(REPO, r -> r.collaborator("dev-bot", "write"));
  }

  /** A builder for dev-bot on {@value #REPO}: retries without jitter, on {@link #time}. */
  ForgeClientBuilder builder() {
    return ForgeClient.builder().baseUrl(forge.baseUrl()).repo(REPO).token(TOKEN)
        .retryPolicy(RetryPolicy.defaults().withJitter(0)).sleeper(time).clock(time);
  }

  /** A client from {@link #builder()}. */
  ForgeClient client() {
    return builder().build();
  }

  /** A client for dev-bot on {@value #REPO} that never retries. */
  ForgeClient clientWithoutRetries() {
    return builder().retryPolicy(RetryPolicy.none()).build();
  }
}
