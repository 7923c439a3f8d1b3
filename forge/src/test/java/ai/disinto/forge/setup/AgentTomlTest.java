package ai.disinto.forge.setup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AgentTomlTest {
  private static final String NEW = AgentToml.table("dev-qwen2", "http://llm:8080", "qwen",
      "dev", "dev-qwen2", 45);

  @Test
  void replacesExactlyTheTableUpToTheNextHeader() {
    String text = "name = \"p\"\n\n[agents.dev-qwen2]\nbase_url = \"http://old\"\n"
        + "roles = [\"dev\"]\nforge_user = \"dev-qwen2\"\npoll_interval = 30\n\n"
        + "[agents.other]\nmodel = \"m\"\n";
    String out = AgentToml.upsert(text, "dev-qwen2", NEW);
    assertThat(out).isEqualTo("name = \"p\"\n\n" + NEW + "\n[agents.other]\nmodel = \"m\"\n");
  }

  @Test
  void appendsWhenThereIsNoMirrorsLine() {
    assertThat(AgentToml.upsert("name = \"p\"\n\n\n", "dev-qwen2", NEW))
        .isEqualTo("name = \"p\"\n\n" + NEW);
  }

  @Test
  void insertsBeforeARealMirrorsTable() {
    String out = AgentToml.upsert("name = \"p\"\n\n[mirrors]\ngh = \"x\"\n", "dev-qwen2", NEW);
    assertThat(out).isEqualTo("name = \"p\"\n\n" + NEW + "\n[mirrors]\ngh = \"x\"\n");
  }

  @Test
  void quotesValuesAsTomlBasicStrings() {
    assertThat(AgentToml.quote("a\"b\\c\n")).isEqualTo("\"a\\\"b\\\\c\\n\"");
    assertThat(AgentToml.section("Dev_Qwen.2")).isEqualTo("dev-qwen-2");
  }
}
