package ai.disinto.forge.issues;

import ai.disinto.forge.client.ForgeException;
import ai.disinto.forge.client.ForgeResponse;
import ai.disinto.forge.client.ForgeAmbiguousWriteException;
import ai.disinto.forge.client.ForgeProtocolException;

/** Turns the forge's refusals into {@link StepFailure}s, and tells a lost answer from a refusal. */
final class Writes {
  private Writes() {}

  static StepFailure failure(String step, ForgeResponse r) {
    return new StepFailure(step, r.status(), r.forgeMessage().orElse("HTTP " + r.status()));
  }

  static StepFailure failure(String step, ForgeException e) {
    return new StepFailure(step, e.status(), e.forgeMessage().orElse(e.getMessage()));
  }

  /**
   * Whether a write that threw may still have been applied by the forge: the request went out but
   * no answer came back, or a success came back whose body could not be read (cut short,
   * malformed: the forge did the write). Such a write is looked up, never sent again blindly.
   */
  static boolean answerLost(ForgeException e) {
    return e instanceof ForgeAmbiguousWriteException
        || e instanceof ForgeProtocolException && e.status() >= 200 && e.status() < 300;
  }
}
