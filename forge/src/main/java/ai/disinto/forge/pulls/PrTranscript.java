package ai.disinto.forge.pulls;

import ai.disinto.core.secrets.SecretScanner;
import ai.disinto.forge.client.ForgeClient;
import com.squareup.moshi.JsonAdapter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The agent's session as a collapsed section of a PR body (SWE-agent puts its trajectory on the
 * PR): a {@code <details>} block holding a summary of the session, every line passed through the
 * secret scanner, cut to a size bound. A Claude Code transcript (JSON lines) is summarized as one
 * line per user or assistant text and per tool call; any other text is taken line by line.
 *
 * <p>Off unless asked for: {@link PrGuard#withTranscript} sets the bound (0 = no section).
 */
public final class PrTranscript {
  /** The summary line of the section. */
  public static final String SUMMARY = "Agent session (summary, redacted)";
  private static final int LINE_CHARS = 200;
  private static final JsonAdapter<Object> JSON = ForgeClient.moshi().adapter(Object.class);

  private PrTranscript() {}

  /**
   * Appends the section to a PR body.
   *
   * @param body the PR body
   * @param transcript the session: a Claude Code transcript or plain text; empty adds nothing
   * @param maxChars the bound of the section's summary text; 0 or less adds nothing
   * @param scanner the redaction applied to every summary line
   * @return the body with the section, or the body unchanged
   */
  public static String appendTo(String body, String transcript, int maxChars,
      SecretScanner scanner) {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(scanner, "scanner");
    if (maxChars <= 0 || transcript == null || transcript.isBlank()) {
      return body;
    }
    List<String> lines = summarize(transcript);
    StringBuilder text = new StringBuilder();
    int shown = 0;
    for (String line : lines) {
      String clean = scanner.redact(line).replace("```", "'''");
      if (text.length() + clean.length() + 1 > maxChars) {
        break;
      }
      text.append(clean).append('\n');
      shown++;
    }
    String cut = shown < lines.size()
        ? "… " + (lines.size() - shown) + " more line" + (lines.size() - shown == 1 ? "" : "s")
            + " left out\n" : "";
    return body + "\n\n<details>\n<summary>" + SUMMARY + "</summary>\n\n```\n" + text + cut
        + "```\n</details>\n";
  }

  /** One line per step of the session. */
  static List<String> summarize(String transcript) {
    List<String> out = new ArrayList<>();
    for (String raw : transcript.split("\n")) {
      String line = raw.strip();
      if (line.isEmpty()) {
        continue;
      }
      Object parsed = null;
      if (line.startsWith("{")) {
        try {
          parsed = JSON.fromJson(line);
        } catch (IOException | RuntimeException e) {
          parsed = null;
        }
      }
      if (parsed instanceof Map<?, ?> event) {
        summarizeEvent(event, out);
      } else {
        out.add(shorten(line));
      }
    }
    return out;
  }

  private static void summarizeEvent(Map<?, ?> event, List<String> out) {
    Object type = event.get("type");
    if (!"assistant".equals(type) && !"user".equals(type)) {
      return;
    }
    Object message = event.get("message");
    Object content = message instanceof Map<?, ?> m ? m.get("content") : null;
    if (content instanceof String s) {
      out.add(type + ": " + shorten(s));
      return;
    }
    if (!(content instanceof List<?> parts)) {
      return;
    }
    for (Object part : parts) {
      if (!(part instanceof Map<?, ?> p)) {
        continue;
      }
      Object kind = p.get("type");
      if ("text".equals(kind) && p.get("text") != null) {
        out.add(type + ": " + shorten(p.get("text").toString()));
      } else if ("tool_use".equals(kind)) {
        out.add("tool " + p.get("name") + ": " + shorten(JSON.toJson(p.get("input"))));
      }
    }
  }

  private static String shorten(String s) {
    String one = s.strip().replaceAll("\\s*\n\\s*", " ⏎ ");
    return one.length() > LINE_CHARS ? one.substring(0, LINE_CHARS) + "…" : one;
  }
}
