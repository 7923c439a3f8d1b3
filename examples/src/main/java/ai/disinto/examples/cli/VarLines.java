package ai.disinto.examples.cli;

import java.io.PrintStream;
import java.util.regex.Pattern;

/**
 * Prints output variables as {@code NAME=value} lines, one line per variable whatever the value
 * holds, so that {@code eval "$(disinto pr poll-ci 9 --vars)"} in bash restores every value
 * exactly and {@code grep '^_PR_CI_STATE='} still finds one line.
 *
 * <p>Values made only of {@code A-Z a-z 0-9 _ . / : @ % + , = -} are printed bare ({@code
 * _PR_CI_STATE=success}, {@code _PR_CI_PIPELINE=}); any other value is printed in bash's ANSI-C
 * quoting {@code $'…'}, with {@code \\}, {@code \'}, {@code \n}, {@code \r}, {@code \t} and
 * {@code \xHH} for the other control characters ({@code _PR_MERGE_ERROR=$'blocked (HTTP 405):
 * {"message":"…"}'}). Characters outside ASCII are kept as UTF-8.
 */
public final class VarLines {
  private static final Pattern BARE = Pattern.compile("[A-Za-z0-9_./:@%+,=-]*");

  private VarLines() {}

  /**
   * One assignment line, without the line terminator.
   *
   * @param name the variable name
   * @param value the value
   * @return {@code name=value}, the value quoted as described above
   */
  public static String line(String name, String value) {
    return name + "=" + quote(value);
  }

  /**
   * Prints one assignment line.
   *
   * @param out the stream
   * @param name the variable name
   * @param value the value
   */
  public static void print(PrintStream out, String name, String value) {
    out.print(line(name, value) + "\n");
  }

  /**
   * The value as a bash word.
   *
   * @param value the value
   * @return the value itself when safe, else {@code $'…'}
   */
  public static String quote(String value) {
    if (BARE.matcher(value).matches()) {
      return value;
    }
    StringBuilder b = new StringBuilder("$'");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> b.append("\\\\");
        case '\'' -> b.append("\\'");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            b.append(String.format("\\x%02x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('\'').toString();
  }
}
