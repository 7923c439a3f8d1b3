package ai.disinto.agent.hooks;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a shell command line the way the guard needs it: as the simple commands it runs, each a list
 * of words with quotes removed (expansions such as {@code $VAR} are kept as written), plus the
 * redirections it makes.
 *
 * <p>It understands enough of bash to see through the usual wrapping: {@code ; && || | &} and
 * newlines, subshells and groups, {@code $(…)}, backticks and process substitution (their commands
 * are listed too), here-documents, comments, variable assignments before a command, wrappers such
 * as {@code sudo}, {@code env}, {@code nohup}, {@code timeout} and {@code xargs}, and scripts given
 * to {@code bash -c}, {@code sh -c}, {@code eval} or fed to a shell on a here-document. It never
 * throws: text it cannot make sense of (an unclosed quote) is read as far as it goes.
 */
final class ShellScript {
  private static final int MAX_DEPTH = 8;
  private static final Pattern ASSIGNMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\[[^]]*])?\\+?=.*", Pattern.DOTALL);
  private static final Set<String> RESERVED = Set.of(
      "!", "{", "}", "if", "then", "elif", "else", "fi", "do", "done", "while", "until", "time",
      "[[", "]]");
  private static final Set<String> SHELLS = Set.of("bash", "sh", "dash", "zsh", "ksh", "ash");
  private static final Pattern SHELL_C = Pattern.compile("-[a-zA-Z]*c[a-zA-Z]*");

  private ShellScript() {}

  /** One redirection: its operator ({@code >}, {@code >>}, {@code <<}…), target and here-document. */
  static final class Redirect {
    final String op;
    final String target;
    String body;

    Redirect(String op, String target) {
      this.op = op;
      this.target = target;
      this.body = op.equals("<<<") ? target : null;
    }

    /** Whether the redirection writes to its target. */
    boolean writes() {
      return op.startsWith(">") || op.startsWith("&>") || op.equals("<>");
    }
  }

  /** One simple command: its words (quotes removed) and its redirections. */
  record Command(List<String> words, List<Redirect> redirects) {
    /** The program's base name ({@code /usr/bin/git} gives {@code git}), or "" when there is none. */
    String name() {
      if (words.isEmpty()) {
        return "";
      }
      String w = words.get(0);
      int slash = w.lastIndexOf('/');
      return slash >= 0 && slash < w.length() - 1 ? w.substring(slash + 1) : w;
    }

    /** The words after the program. */
    List<String> args() {
      return words.isEmpty() ? List.of() : words.subList(1, words.size());
    }
  }

  /** The commands the text runs, with wrappers and nested scripts unwrapped. */
  static List<Command> commands(String text) {
    List<Command> out = new ArrayList<>();
    for (Command c : new Lexer(text).run()) {
      unwrap(c, 0, out);
    }
    return out;
  }

  private static void unwrap(Command c, int depth, List<Command> out) {
    List<String> w = c.words();
    int k = 0;
    scan:
    while (k < w.size()) {
      String x = w.get(k);
      if (RESERVED.contains(x) || ASSIGNMENT.matcher(x).matches()) {
        k++;
        continue;
      }
      String name = new Command(List.of(x), List.of()).name();
      switch (name) {
        case "sudo", "doas" -> k = skipOptions(w, k + 1, Set.of("-u", "-g", "-C", "-h", "-p", "-r", "-t", "-U", "-D"));
        case "env" -> {
          k = skipOptions(w, k + 1, Set.of("-u", "-C", "-S", "--unset", "--chdir", "--split-string"));
          while (k < w.size() && ASSIGNMENT.matcher(w.get(k)).matches()) {
            k++;
          }
        }
        case "command", "builtin", "nohup" -> k = skipOptions(w, k + 1, Set.of());
        case "exec" -> k = skipOptions(w, k + 1, Set.of("-a"));
        case "nice" -> k = skipOptions(w, k + 1, Set.of("-n", "--adjustment"));
        case "stdbuf" -> k = skipOptions(w, k + 1, Set.of("-i", "-o", "-e"));
        case "watch" -> k = skipOptions(w, k + 1, Set.of("-n", "--interval", "-d"));
        case "xargs" -> k = skipOptions(w, k + 1,
            Set.of("-I", "-n", "-P", "-d", "-L", "-s", "-a", "-E", "--max-args", "--max-procs",
                "--delimiter", "--arg-file"));
        case "timeout" -> {
          k = skipOptions(w, k + 1, Set.of("-s", "-k", "--signal", "--kill-after"));
          if (k < w.size()) {
            k++; // the duration
          }
        }
        default -> {
          break scan;
        }
      }
    }
    List<String> rest = w.subList(k, w.size());
    if (rest.isEmpty()) {
      if (!c.redirects().isEmpty()) {
        out.add(new Command(List.of(), c.redirects()));
      }
      return;
    }
    Command cmd = new Command(List.copyOf(rest), c.redirects());
    out.add(cmd);
    if (depth >= MAX_DEPTH) {
      return;
    }
    if (SHELLS.contains(cmd.name())) {
      List<String> args = cmd.args();
      boolean scriptGiven = false;
      for (int i = 0; i < args.size(); i++) {
        if (SHELL_C.matcher(args.get(i)).matches() && i + 1 < args.size()) {
          nested(args.get(i + 1), depth, out);
          scriptGiven = true;
          break;
        }
      }
      if (!scriptGiven) {
        for (Redirect r : cmd.redirects()) {
          if (r.body != null) {
            nested(r.body, depth, out);
          }
        }
      }
    } else if (cmd.name().equals("eval")) {
      nested(String.join(" ", cmd.args()), depth, out);
    }
  }

  private static void nested(String script, int depth, List<Command> out) {
    for (Command inner : new Lexer(script).run()) {
      unwrap(inner, depth + 1, out);
    }
  }

  /** Skips the options of a wrapper; those in {@code withValue} take the next word. */
  private static int skipOptions(List<String> w, int k, Set<String> withValue) {
    while (k < w.size() && w.get(k).startsWith("-") && w.get(k).length() > 1) {
      String o = w.get(k);
      k++;
      if (o.equals("--")) {
        break;
      }
      if (withValue.contains(o)) {
        k++;
      }
    }
    return k;
  }

  /** Splits text into simple commands; commands inside substitutions come before their host. */
  private static final class Lexer {
    private final String s;
    private final int n;
    private int i;
    private final List<Command> out = new ArrayList<>();
    private List<String> words = new ArrayList<>();
    private List<Redirect> redirects = new ArrayList<>();
    private final List<Object[]> pendingHeredocs = new ArrayList<>();
    private final StringBuilder word = new StringBuilder();
    private boolean inWord;

    Lexer(String s) {
      this.s = s;
      this.n = s.length();
    }

    List<Command> run() {
      while (i < n) {
        char c = s.charAt(i);
        if (c == ' ' || c == '\t' || c == '\r') {
          endWord();
          i++;
        } else if (c == '\n') {
          endWord();
          endCommand();
          i++;
          readHeredocBodies();
        } else if (c == '#' && !inWord) {
          while (i < n && s.charAt(i) != '\n') {
            i++;
          }
        } else if (c == '&' && peek(1) == '>') {
          endWord();
          readRedirect();
        } else if (c == ';' || c == '&' || c == '|' || c == '(' || c == ')') {
          endWord();
          endCommand();
          i++;
        } else if ((c == '<' || c == '>') && peek(1) == '(') {
          inWord = true;
          substitution(i + 1);
        } else if (c == '<' || c == '>') {
          if (inWord && word.chars().allMatch(Character::isDigit)) {
            word.setLength(0);
            inWord = false;
          } else {
            endWord();
          }
          readRedirect();
        } else {
          unit();
        }
      }
      endWord();
      endCommand();
      return out;
    }

    private char peek(int ahead) {
      return i + ahead < n ? s.charAt(i + ahead) : '\0';
    }

    private static boolean isMeta(char c) {
      return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ';' || c == '&' || c == '|'
          || c == '(' || c == ')' || c == '<' || c == '>';
    }

    /** Reads one piece of a word (a quoted string, an escape, a substitution or one character). */
    private void unit() {
      inWord = true;
      char c = s.charAt(i);
      switch (c) {
        case '\'' -> {
          int end = s.indexOf('\'', i + 1);
          end = end < 0 ? n : end;
          word.append(s, i + 1, end);
          i = end + 1;
        }
        case '"' -> {
          i++;
          while (i < n && s.charAt(i) != '"') {
            char d = s.charAt(i);
            if (d == '\\' && i + 1 < n && "$`\"\\\n".indexOf(s.charAt(i + 1)) >= 0) {
              if (s.charAt(i + 1) != '\n') {
                word.append(s.charAt(i + 1));
              }
              i += 2;
            } else if (d == '$' && peek(1) == '(' && peek(2) != '(') {
              substitution(i + 1);
            } else if (d == '`') {
              backtick();
            } else {
              word.append(d);
              i++;
            }
          }
          i++;
        }
        case '\\' -> {
          if (i + 1 < n && s.charAt(i + 1) != '\n') {
            word.append(s.charAt(i + 1));
          }
          i += 2;
        }
        case '`' -> backtick();
        case '$' -> dollar();
        default -> {
          word.append(c);
          i++;
        }
      }
    }

    private void dollar() {
      char next = peek(1);
      if (next == '\'') {
        i += 2;
        while (i < n && s.charAt(i) != '\'') {
          char d = s.charAt(i);
          if (d == '\\' && i + 1 < n) {
            char e = s.charAt(i + 1);
            word.append(switch (e) {
              case 'n' -> '\n';
              case 't' -> '\t';
              case 'r' -> '\r';
              default -> e;
            });
            i += 2;
          } else {
            word.append(d);
            i++;
          }
        }
        i++;
      } else if (next == '(' && peek(2) == '(') {
        int end = matching(i + 1);
        word.append(s, i, Math.min(n, end + 1));
        i = end + 1;
      } else if (next == '(') {
        substitution(i + 1);
      } else if (next == '{') {
        int end = s.indexOf('}', i);
        end = end < 0 ? n - 1 : end;
        word.append(s, i, end + 1);
        i = end + 1;
      } else {
        word.append('$');
        i++;
      }
    }

    /** A {@code $(…)} (or {@code <(…)}) whose parenthesis is at {@code open}: lists its commands. */
    private void substitution(int open) {
      int end = matching(open);
      String inner = s.substring(open + 1, Math.min(end, n));
      out.addAll(new Lexer(inner).run());
      word.append(s, i, Math.min(n, end + 1));
      i = end + 1;
    }

    private void backtick() {
      int j = i + 1;
      StringBuilder inner = new StringBuilder();
      while (j < n && s.charAt(j) != '`') {
        if (s.charAt(j) == '\\' && j + 1 < n) {
          inner.append(s.charAt(j + 1));
          j += 2;
        } else {
          inner.append(s.charAt(j));
          j++;
        }
      }
      out.addAll(new Lexer(inner.toString()).run());
      word.append(s, i, Math.min(n, j + 1));
      i = j + 1;
    }

    /** The index of the parenthesis closing the one at {@code open}, or the end of the text. */
    private int matching(int open) {
      int depth = 0;
      int j = open;
      while (j < n) {
        char c = s.charAt(j);
        if (c == '\\') {
          j += 2;
          continue;
        }
        if (c == '\'') {
          int end = s.indexOf('\'', j + 1);
          j = end < 0 ? n : end + 1;
          continue;
        }
        if (c == '"') {
          j++;
          while (j < n && s.charAt(j) != '"') {
            j += s.charAt(j) == '\\' ? 2 : 1;
          }
          j++;
          continue;
        }
        if (c == '(') {
          depth++;
        } else if (c == ')') {
          depth--;
          if (depth == 0) {
            return j;
          }
        }
        j++;
      }
      return n;
    }

    private void readRedirect() {
      String[] ops = {"&>>", "&>", "<<<", "<<-", "<<", "<>", "<&", ">>", ">|", ">&", "<", ">"};
      String op = ">";
      for (String o : ops) {
        if (s.startsWith(o, i)) {
          op = o;
          break;
        }
      }
      i += op.length();
      while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
        i++;
      }
      StringBuilder saved = new StringBuilder(word);
      boolean savedIn = inWord;
      word.setLength(0);
      while (i < n && !isMeta(s.charAt(i))) {
        unit();
      }
      String target = word.toString();
      word.setLength(0);
      word.append(saved);
      inWord = savedIn;
      Redirect r = new Redirect(op, target);
      redirects.add(r);
      if (op.equals("<<") || op.equals("<<-")) {
        pendingHeredocs.add(new Object[] {r, target, op.equals("<<-")});
      }
    }

    private void readHeredocBodies() {
      for (Object[] p : pendingHeredocs) {
        Redirect r = (Redirect) p[0];
        String delimiter = (String) p[1];
        boolean stripTabs = (Boolean) p[2];
        StringBuilder body = new StringBuilder();
        while (i < n) {
          int nl = s.indexOf('\n', i);
          int end = nl < 0 ? n : nl;
          String line = s.substring(i, end);
          i = nl < 0 ? n : nl + 1;
          String cmp = stripTabs ? line.replaceFirst("^\t+", "") : line;
          if (cmp.equals(delimiter)) {
            break;
          }
          body.append(cmp).append('\n');
        }
        r.body = body.toString();
      }
      pendingHeredocs.clear();
    }

    private void endWord() {
      if (inWord) {
        words.add(word.toString());
        word.setLength(0);
        inWord = false;
      }
    }

    private void endCommand() {
      if (!words.isEmpty() || !redirects.isEmpty()) {
        out.add(new Command(List.copyOf(words), List.copyOf(redirects)));
      }
      words = new ArrayList<>();
      redirects = new ArrayList<>();
    }
  }
}
