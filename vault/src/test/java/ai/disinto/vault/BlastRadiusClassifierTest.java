package ai.disinto.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlastRadiusClassifierTest {
  @TempDir Path tmp;

  static String template() throws IOException {
    try (InputStream in = BlastRadiusClassifierTest.class.getResourceAsStream("/policy-template.toml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void theTemplateTiers() throws IOException {
    Path p = tmp.resolve("policy.toml");
    Files.writeString(p, template());
    BlastRadiusClassifier c = new BlastRadiusClassifier(p);
    assertThat(c.classify("groom-backlog", null)).isEqualTo(Tier.LOW);
    assertThat(c.classify("dev", "")).isEqualTo(Tier.MEDIUM);
    assertThat(c.classify("release", null)).isEqualTo(Tier.HIGH);
    assertThat(c.classify("unknown", null)).isEqualTo(Tier.HIGH);
    assertThat(c.classify("dev", "low")).isEqualTo(Tier.LOW);
    assertThat(c.classify("release", "medium")).isEqualTo(Tier.MEDIUM);
    assertThat(c.classify("release", "LOW")).isEqualTo(Tier.HIGH);
  }

  @Test
  void aMissingPolicyDeniesEverything() {
    BlastRadiusClassifier c = new BlastRadiusClassifier(tmp.resolve("nope/policy.toml"));
    assertThat(c.classify("groom-backlog", null)).isEqualTo(Tier.HIGH);
    assertThat(BlastRadiusClassifier.denyAll().classify("triage", null)).isEqualTo(Tier.HIGH);
  }

  @Test
  void onlyColumnZeroDoubleQuotedEntriesUnderTiersCount() {
    BlastRadiusClassifier c = BlastRadiusClassifier.ofPolicyText(
        "[other]\nbar = \"low\"\n[tiers]\n  dev = \"low\"\nfoo = 'low'\nok = \"low\"\n");
    assertThat(c.classify("dev", null)).isEqualTo(Tier.HIGH);
    assertThat(c.classify("bar", null)).isEqualTo(Tier.HIGH);
    assertThat(c.classify("foo", null)).isEqualTo(Tier.HIGH);
    assertThat(c.classify("ok", null)).isEqualTo(Tier.LOW);
  }

  @Test
  void aBlankFormulaIsAUsageError() {
    assertThatThrownBy(() -> BlastRadiusClassifier.denyAll().classify("", "low"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
