package ai.disinto.git.push;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The branches an agent may push to (Copilot's coding agent may push only to {@code copilot/*}):
 * the branch namespaces (prefixes such as {@code fix/}) plus named branches a session needs (a
 * formula session pushes the primary branch of the ops and profile repositories). Both the
 * PreToolUse guard and the library's own push of an agent's branch ({@link GitCliRetrigger})
 * refuse any other ref.
 *
 * <p>Off unless configured: the original confines nothing. {@link #fromEnv} turns it on for {@code
 * DISINTO_CONFINE_PUSHES=1}, with the prefixes of {@code DISINTO_PUSH_NAMESPACE} (comma-separated,
 * default {@code fix/}).
 */
public final class PushNamespace {
  /** The namespace of the dev agent's branches ({@code fix/issue-N}). */
  public static final String DEFAULT_PREFIX = "fix/";

  private final List<String> prefixes;
  private final List<String> branches;

  private PushNamespace(List<String> prefixes, List<String> branches) {
    this.prefixes = List.copyOf(prefixes);
    this.branches = List.copyOf(branches);
  }

  /**
   * The default namespace, {@code fix/}.
   *
   * @return the namespace
   */
  public static PushNamespace defaults() {
    return of(List.of(DEFAULT_PREFIX));
  }

  /**
   * A namespace of branch prefixes.
   *
   * @param prefixes such as {@code fix/}; none allows no branch but those added with {@link
   *     #withBranches}
   * @return the namespace
   * @throws IllegalArgumentException when a prefix is empty
   */
  public static PushNamespace of(List<String> prefixes) {
    for (String p : prefixes) {
      if (Objects.requireNonNull(p, "prefix").isEmpty()) {
        throw new IllegalArgumentException("an empty push namespace prefix allows everything");
      }
    }
    return new PushNamespace(prefixes, List.of());
  }

  /**
   * Reads the confinement from the environment: on when {@code DISINTO_CONFINE_PUSHES} is {@code
   * 1}, {@code true} or {@code yes}, with the prefixes of {@code DISINTO_PUSH_NAMESPACE}
   * (comma-separated; unset or empty means {@code fix/}).
   *
   * @param env the variables
   * @return the namespace, or empty when pushes are not confined
   */
  public static Optional<PushNamespace> fromEnv(Map<String, String> env) {
    String on = env.getOrDefault("DISINTO_CONFINE_PUSHES", "").trim().toLowerCase();
    if (!on.equals("1") && !on.equals("true") && !on.equals("yes")) {
      return Optional.empty();
    }
    List<String> prefixes = new ArrayList<>();
    for (String p : env.getOrDefault("DISINTO_PUSH_NAMESPACE", "").split(",")) {
      if (!p.isBlank()) {
        prefixes.add(p.strip());
      }
    }
    return Optional.of(prefixes.isEmpty() ? defaults() : of(prefixes));
  }

  /**
   * This namespace with some branches allowed by name.
   *
   * @param names such as the primary branch for a formula session
   * @return the namespace
   */
  public PushNamespace withBranches(String... names) {
    List<String> all = new ArrayList<>(branches);
    all.addAll(List.of(names));
    return new PushNamespace(prefixes, all);
  }

  /**
   * Tells whether a branch may be pushed.
   *
   * @param branch the branch, with or without {@code refs/heads/}
   * @return true when it is in a namespace or named
   */
  public boolean allows(String branch) {
    String b = branch.startsWith("refs/heads/") ? branch.substring("refs/heads/".length())
        : branch;
    return branches.contains(b) || prefixes.stream().anyMatch(p -> b.startsWith(p)
        && b.length() > p.length());
  }

  /**
   * The prefixes, for messages.
   *
   * @return the prefixes in order
   */
  public List<String> prefixes() {
    return prefixes;
  }

  /**
   * The reason given for a refused branch.
   *
   * @param branch the branch
   * @return the text
   */
  public String refusal(String branch) {
    return "BLOCKED: agents may push only to branches under " + String.join(", ", prefixes)
        + (branches.isEmpty() ? "" : " (or " + String.join(", ", branches) + ")") + "; '"
        + branch + "' is outside. Push your work to a branch such as " + (prefixes.isEmpty()
        ? "the one you were given" : prefixes.get(0) + "issue-N") + ".";
  }

  @Override
  public String toString() {
    return "PushNamespace" + prefixes + (branches.isEmpty() ? "" : "+" + branches);
  }
}
