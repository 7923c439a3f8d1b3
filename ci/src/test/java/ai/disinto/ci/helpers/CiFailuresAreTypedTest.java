package ai.disinto.ci.helpers;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.ci.logs.CiLogException;
import ai.disinto.core.DisintoException;
import org.junit.jupiter.api.Test;

/**
 * The CI helpers' failures belong to the library's one family, so that a caller catching {@link
 * DisintoException} (the fault matrix, the CLI, an embedding factory) sees a failed promotion or
 * an unreadable log store as a typed failure.
 */
class CiFailuresAreTypedTest {
  @Test
  void ciExceptionsAreDisintoExceptions() {
    Object promote = new CiException(CiException.Kind.REQUEST_FAILED, "promote API call failed",
        null);
    Object logs = new CiLogException(CiLogException.Kind.DB_NOT_FOUND, "no log store", null);
    assertThat(promote).isInstanceOf(DisintoException.class);
    assertThat(logs).isInstanceOf(DisintoException.class);
  }
}
