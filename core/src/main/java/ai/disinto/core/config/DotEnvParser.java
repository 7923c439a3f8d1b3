package ai.disinto.core.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads dotenv text as data: the bash-compatible literal subset of what {@code .env} files hold.
 *
 * <p>The original sources {@code .env} (and the filtered {@code .env.enc} output) as bash code, so
 * {@code KEY=$(cmd)} runs {@code cmd}. This parser never executes anything: blank lines and
 * {@code #} comments are skipped, an optional {@code export } prefix is accepted, a value is a
 * word of unquoted, {@code '…'} and {@code "…"} parts (in double quotes {@code \" \\ \$ \`} are
 * escapes), ending at unquoted whitespace; a following {@code # …} is a comment. {@code $VAR} and
 * {@code $(…)} stay literal, with a warning. A line that is not an assignment, or has text after
 * its value, is skipped with a warning. Duplicate keys: the last wins. An unterminated quote is an
 * error, as it is a syntax error for bash.
 */
final class DotEnvParser {
  /**
   * The result of parsing.
   *
   * @param values the assignments, in the order their keys first appeared (last value wins)
   * @param warnings one line per skipped line or literal-kept expansion; names line and key, never
   *     a value
   */
  public record DotEnv(Map<String, String> values, List<String> warnings) {
    /** Freezes both collections. */
    public DotEnv {
      values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
      warnings = List.copyOf(warnings);
    }

    @Override
    public String toString() {
      return "DotEnv[keys=" + values.keySet() + ", warnings=" + warnings.size() + "]";
    }
  }

  private DotEnvParser() {}

  /**
   * Parses dotenv text named {@code .env} in messages.
   *
   * @param text the file content
   * @return the assignments and warnings
   * @throws EnvLoadException on an unterminated quote (names line and key)
   */
  public static DotEnv parse(String text) {
    return parse(text, ".env");
  }

  /**
   * Parses dotenv text.
   *
   * @param text the file content
   * @param source how to name the text in warnings and errors (usually its path)
   * @return the assignments and warnings
   * @throws EnvLoadException on an unterminated quote (names source, line and key)
   */
  public static DotEnv parse(String text, String source) {
    return new Parser(text, source).run();
  }

  /** A cursor over the whole text, so that quoted values may span lines as in bash. */
  private static final class Parser {
    private final String s;
    private final String source;
    private final Map<String, String> values = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private int i;
    private int line = 1;
    private boolean commandSubstitution;
    private boolean expansion;

    Parser(String text, String source) {
      this.s = text;
      this.source = source;
    }

    DotEnv run() {
      while (i < s.length()) {
        statement();
      }
      return new DotEnv(values, warnings);
    }

    private void statement() {
      int startLine = line;
      skipBlanks();
      if (atLineEnd()) {
        consumeLineEnd();
        return;
      }
      if (peek() == '#') {
        skipRestOfLine();
        return;
      }
      if (s.startsWith("export", i) && i + 6 < s.length() && isBlank(s.charAt(i + 6))) {
        i += 6;
        skipBlanks();
      }
      int keyStart = i;
      while (i < s.length() && isNameChar(s.charAt(i))) {
        i++;
      }
      String key = s.substring(keyStart, i);
      if (key.isEmpty() || Character.isDigit(key.charAt(0)) || i >= s.length() || peek() != '=') {
        warnings.add(where(startLine, null) + ": skipped, not a KEY=value assignment");
        skipRestOfLine();
        return;
      }
      i++; // '='
      commandSubstitution = false;
      expansion = false;
      String value = word(startLine, key);
      skipBlanks();
      if (i < s.length() && peek() == '#') {
        skipRestOfLine();
      } else if (!atLineEnd()) {
        warnings.add(where(startLine, key) + ": skipped, unexpected text after the value");
        skipRestOfLine();
        return;
      } else {
        consumeLineEnd();
      }
      if (commandSubstitution) {
        warnings.add(
            where(startLine, key)
                + ": value contains $(…) or a backtick; kept literally, nothing executed");
      } else if (expansion) {
        warnings.add(where(startLine, key) + ": value contains $NAME; kept literally, not expanded");
      }
      values.remove(key);
      values.put(key, value);
    }

    /** Reads one shell word: unquoted, single- and double-quoted parts until unquoted whitespace. */
    private String word(int startLine, String key) {
      StringBuilder v = new StringBuilder();
      while (i < s.length()) {
        char c = peek();
        if (isBlank(c) || c == '\n' || c == '\r') {
          break;
        }
        if (c == '\'') {
          int close = s.indexOf('\'', i + 1);
          if (close < 0) {
            throw unterminated(startLine, key, "single");
          }
          String part = s.substring(i + 1, close);
          countLines(part);
          v.append(part);
          i = close + 1;
        } else if (c == '"') {
          doubleQuoted(v, startLine, key);
        } else if (c == '\\') {
          if (i + 1 < s.length()) {
            char next = s.charAt(i + 1);
            if (next == '\n') {
              line++;
            } else {
              v.append(next);
            }
          }
          i += 2;
        } else {
          noteDollar(c);
          v.append(c);
          i++;
        }
      }
      return v.toString();
    }

    private void doubleQuoted(StringBuilder v, int startLine, String key) {
      i++; // opening quote
      while (true) {
        if (i >= s.length()) {
          throw unterminated(startLine, key, "double");
        }
        char c = peek();
        if (c == '"') {
          i++;
          return;
        }
        if (c == '\\' && i + 1 < s.length()) {
          char next = s.charAt(i + 1);
          if (next == '"' || next == '\\' || next == '$' || next == '`') {
            v.append(next);
            i += 2;
            continue;
          }
          if (next == '\n') {
            line++;
            i += 2;
            continue;
          }
        }
        if (c == '\n') {
          line++;
        }
        noteDollar(c);
        v.append(c);
        i++;
      }
    }

    /** Records an unescaped {@code $(}, backtick or {@code $NAME} that bash would have acted on. */
    private void noteDollar(char c) {
      if (c == '`') {
        commandSubstitution = true;
      } else if (c == '$' && i + 1 < s.length()) {
        char next = s.charAt(i + 1);
        if (next == '(') {
          commandSubstitution = true;
        } else if (next == '{' || next == '_' || Character.isLetter(next)) {
          expansion = true;
        }
      }
    }

    private EnvLoadException unterminated(int startLine, String key, String kind) {
      return new EnvLoadException(
          where(startLine, key) + ": unterminated " + kind + "-quoted value");
    }

    private String where(int atLine, String key) {
      return source + " line " + atLine + (key == null ? "" : " (key " + key + ")");
    }

    private char peek() {
      return s.charAt(i);
    }

    private boolean atLineEnd() {
      return i >= s.length() || peek() == '\n' || (peek() == '\r' && (i + 1 >= s.length() || s.charAt(i + 1) == '\n'));
    }

    private void consumeLineEnd() {
      if (i < s.length() && peek() == '\r') {
        i++;
      }
      if (i < s.length() && peek() == '\n') {
        i++;
        line++;
      }
    }

    private void skipRestOfLine() {
      while (i < s.length() && peek() != '\n') {
        i++;
      }
      consumeLineEnd();
    }

    private void skipBlanks() {
      while (i < s.length() && isBlank(peek())) {
        i++;
      }
    }

    private void countLines(String part) {
      for (int k = 0; k < part.length(); k++) {
        if (part.charAt(k) == '\n') {
          line++;
        }
      }
    }

    private static boolean isBlank(char c) {
      return c == ' ' || c == '\t';
    }

    private static boolean isNameChar(char c) {
      return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    }
  }
}
