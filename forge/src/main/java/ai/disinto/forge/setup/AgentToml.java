package ai.disinto.forge.setup;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Writes one {@code [agents.<section>]} table into a project TOML's text. */
final class AgentToml {
  private AgentToml() {}

  /** The agent's section name: lower case, every character outside {@code [a-z0-9]} a dash. */
  static String section(String agentName) {
    return agentName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "-");
  }

  static String table(String section, String baseUrl, String model, String role,
      String forgeUser, int pollInterval) {
    return "[agents." + section + "]\n"
        + "base_url = " + quote(baseUrl) + "\n"
        + "model = " + quote(model) + "\n"
        + "api_key = \"sk-no-key-required\"\n"
        + "roles = [" + quote(role) + "]\n"
        + "forge_user = " + quote(forgeUser) + "\n"
        + "compact_pct = 60\n"
        + "poll_interval = " + pollInterval + "\n";
  }

  /** A TOML basic string. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        case '\r' -> b.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  /** The {@code forge_user} of an existing table of that section, or null when there is none. */
  static String existingForgeUser(String text, String section) {
    List<String> lines = lines(text);
    int start = header(lines, section);
    if (start < 0) {
      return null;
    }
    for (int i = start + 1; i < lines.size() && !startsTable(lines.get(i)); i++) {
      String l = lines.get(i).strip();
      if (l.startsWith("forge_user")) {
        String v = l.substring(l.indexOf('=') + 1).strip();
        return v.startsWith("\"") && v.endsWith("\"") && v.length() >= 2
            ? v.substring(1, v.length() - 1) : v;
      }
    }
    return "";
  }

  /**
   * The text with the table in place: an existing table of that section is replaced from its
   * header up to the next table header (or the end); otherwise the commented example block is
   * dropped and the table goes before {@code [mirrors]} / {@code # [mirrors]}, or at the end.
   */
  static String upsert(String text, String section, String table) {
    List<String> lines = lines(text);
    int start = header(lines, section);
    List<String> tableLines = lines(table);
    if (start >= 0) {
      int end = start + 1;
      while (end < lines.size() && !startsTable(lines.get(end))) {
        end++;
      }
      // The blank and comment lines closing the block belong to what follows (such as a
      // commented "# [mirrors]" example): the table written here holds neither.
      int keep = end;
      while (keep > start + 1 && (lines.get(keep - 1).isBlank()
          || lines.get(keep - 1).stripLeading().startsWith("#"))) {
        keep--;
      }
      List<String> out = new ArrayList<>(lines.subList(0, start));
      out.addAll(tableLines);
      out.addAll(lines.subList(keep, lines.size()));
      return join(out);
    }
    int example = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).strip().equals("# Local-model agents (optional)")) {
        example = i;
        break;
      }
    }
    if (example >= 0) {
      int end = example;
      while (end < lines.size() && !isMirrors(lines.get(end))) {
        end++;
      }
      int from = example;
      if (from > 0 && lines.get(from - 1).isBlank()) {
        from--;
      }
      List<String> out = new ArrayList<>(lines.subList(0, from));
      if (end < lines.size()) {
        out.add("");
      }
      out.addAll(lines.subList(end, lines.size()));
      lines = out;
    }
    for (int i = 0; i < lines.size(); i++) {
      if (isMirrors(lines.get(i))) {
        int at = i;
        while (at > 0 && lines.get(at - 1).isBlank()) {
          at--;
        }
        List<String> out = new ArrayList<>(lines.subList(0, at));
        out.add("");
        out.addAll(tableLines);
        out.add("");
        out.addAll(lines.subList(i, lines.size()));
        return join(out);
      }
    }
    String head = join(lines).stripTrailing();
    return (head.isEmpty() ? "" : head + "\n\n") + table;
  }

  private static boolean isMirrors(String line) {
    String l = line.strip();
    return l.equals("[mirrors]") || l.equals("# [mirrors]");
  }

  private static boolean startsTable(String line) {
    return line.startsWith("[");
  }

  private static int header(List<String> lines, String section) {
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i).strip();
      if (l.equals("[agents." + section + "]") || l.equals("[agents.\"" + section + "\"]")) {
        return i;
      }
    }
    return -1;
  }

  private static List<String> lines(String text) {
    List<String> l = new ArrayList<>(List.of(text.split("\n", -1)));
    if (!l.isEmpty() && l.get(l.size() - 1).isEmpty()) {
      l.remove(l.size() - 1);
    }
    return l;
  }

  private static String join(List<String> lines) {
    return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
  }
}
