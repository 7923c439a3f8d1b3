package ai.disinto.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VarLinesTest {
  @Test
  void safeValuesArePrintedBare() {
    assertThat(VarLines.line("_PR_CI_STATE", "success")).isEqualTo("_PR_CI_STATE=success");
    assertThat(VarLines.line("_PR_CI_PIPELINE", "")).isEqualTo("_PR_CI_PIPELINE=");
    assertThat(VarLines.line("X", "a-b_c.d/e:f@g%h+i,j=k")).isEqualTo("X=a-b_c.d/e:f@g%h+i,j=k");
  }

  @Test
  void otherValuesUseAnsiCQuotingOnOneLine() {
    assertThat(VarLines.quote("it's\na\\b\tc\r")).isEqualTo("$'it\\'s\\na\\\\b\\tc\\r'");
    assertThat(VarLines.quote("bell\u0007")).isEqualTo("$'bell\\x07'");
    assertThat(VarLines.quote("blocked (HTTP 405): {\"m\":\"é\"}"))
        .isEqualTo("$'blocked (HTTP 405): {\"m\":\"é\"}'");
    assertThat(VarLines.quote("$(rm -rf /)")).isEqualTo("$'$(rm -rf /)'");
  }
}
