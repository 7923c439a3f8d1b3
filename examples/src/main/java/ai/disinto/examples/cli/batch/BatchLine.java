package ai.disinto.examples.cli.batch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One line of a batch script split into words the way a POSIX shell splits a simple command,
 * without any expansion: blanks (space, tab) separate words; {@code '...'} quotes everything up
 * to the next {@code '}; {@code "..."} quotes everything up to the next unescaped {@code "}, where
 * a backslash escapes only {@code " \ $ `}; outside quotes a backslash makes the next character
 * literal; a {@code #} that starts a word starts a comment. Leading words of the form {@code
 * NAME=value} set environment variables for that command only; a final word {@code <<<} followed
 * by one more word is a here-string: that word and a newline become the command's standard input.
 * No variables, globs, tildes, pipes or redirections beyond that.
 *
 * @param env the leading {@code NAME=value} assignments, in order
 * @param words the command's words (its arguments after {@code disinto})
 * @param stdin the here-string with its newline, or {@code null} when there is none
 */
record BatchLine(Map<String, String> env, List<String> words, String stdin) {
  private static final Pattern ASSIGNMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*",
      Pattern.DOTALL);
  private static final int NONE = Integer.MAX_VALUE;

  /** A line that cannot be split (an unterminated quote, a here-string without its word). */
  static final class SyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    SyntaxException(String message) {
      super(message);
    }
  }

  /**
   * Splits a line.
   *
   * @param line the line, without its newline
   * @return the parts; empty words when the line is blank or a comment
   * @throws SyntaxException when a quote is not closed or a here-string has no word
   */
  static BatchLine parse(String line) throws SyntaxException {
    List<String> words = new ArrayList<>();
    List<Integer> quoted = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    int quoteAt = NONE;
    int n = line.length();
    for (int i = 0; i < n; i++) {
      char c = line.charAt(i);
      if (c == ' ' || c == '\t') {
        if (inWord) {
          words.add(word.toString());
          quoted.add(quoteAt);
          word.setLength(0);
          inWord = false;
          quoteAt = NONE;
        }
      } else if (c == '#' && !inWord) {
        break;
      } else if (c == '\'') {
        int end = line.indexOf('\'', i + 1);
        if (end < 0) {
          throw new SyntaxException("unterminated single quote");
        }
        quoteAt = Math.min(quoteAt, word.length());
        word.append(line, i + 1, end);
        i = end;
        inWord = true;
      } else if (c == '"') {
        quoteAt = Math.min(quoteAt, word.length());
        int j = i + 1;
        for (; j < n && line.charAt(j) != '"'; j++) {
          char d = line.charAt(j);
          if (d == '\\' && j + 1 < n && "\"\\$`".indexOf(line.charAt(j + 1)) >= 0) {
            j++;
            d = line.charAt(j);
          }
          word.append(d);
        }
        if (j >= n) {
          throw new SyntaxException("unterminated double quote");
        }
        i = j;
        inWord = true;
      } else if (c == '\\') {
        quoteAt = Math.min(quoteAt, word.length());
        if (i + 1 < n) {
          word.append(line.charAt(++i));
        }
        inWord = true;
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(word.toString());
      quoted.add(quoteAt);
    }
    String stdin = null;
    int hereAt = -1;
    for (int k = 0; k < words.size(); k++) {
      if (quoted.get(k) == NONE && words.get(k).equals("<<<")) {
        hereAt = k;
        break;
      }
    }
    if (hereAt >= 0) {
      if (hereAt != words.size() - 2) {
        throw new SyntaxException("<<< must be followed by exactly one word, at the end");
      }
      stdin = words.get(hereAt + 1) + "\n";
      words = new ArrayList<>(words.subList(0, hereAt));
      quoted = new ArrayList<>(quoted.subList(0, hereAt));
    }
    Map<String, String> env = new LinkedHashMap<>();
    int first = 0;
    while (first < words.size() && ASSIGNMENT.matcher(words.get(first)).matches()
        && words.get(first).indexOf('=') < quoted.get(first)) {
      String a = words.get(first);
      int eq = a.indexOf('=');
      env.put(a.substring(0, eq), a.substring(eq + 1));
      first++;
    }
    return new BatchLine(env, List.copyOf(words.subList(first, words.size())), stdin);
  }
}
