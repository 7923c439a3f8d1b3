package ai.disinto.agent.hooks;

import ai.disinto.agent.hooks.ShellScript.Command;
import ai.disinto.agent.hooks.ShellScript.Redirect;
import ai.disinto.git.push.PushNamespace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PreToolUse guard of the Bash tool: refuses shell commands that are destructive or bypass the
 * phase protocol in an agent session. Mirrors {@code lib/hooks/on-pretooluse-guard.sh}.
 *
 * <p>The command is read as the simple commands it runs (see the package overview), not matched
 * line by line as text, so a word that merely mentions a branch, a path or an API route in a commit
 * message does not trip a rule, and wrapping ({@code sudo}, {@code bash -c}, {@code $(…)}) does not
 * hide one. The rules, in the order they are checked (the first refusal wins):
 *
 * <ol>
 *   <li>{@code force-push}: a force push (or deletion) of the primary branch: {@code --force},
 *       {@code -f}, {@code --force-with-lease}, a {@code +branch} refspec, {@code :branch},
 *       {@code --delete}, {@code --mirror}, or {@code --all} with force; and a force push that names
 *       no branch, since the upstream may be the primary branch. Every session.
 *   <li>{@code push-primary}: any push to the primary branch ({@code main}, {@code HEAD:main},
 *       {@code refs/heads/main}) from a session that is not a formula session.
 *   <li>{@code push-namespace}: only when {@link Builder#pushNamespace} confines pushes, a push to
 *       a branch outside the namespace (see there).
 *   <li>{@code rm-outside}: a recursive {@code rm} ({@code -r}, {@code -R}, {@code --recursive},
 *       with or without force) of a path outside the worktree; relative paths are taken from the
 *       session's working directory, {@code ..} is resolved, {@code $VAR} from the known variables;
 *       a path that cannot be resolved is refused. Allowed: the worktree and below,
 *       {@code /tmp/…}, {@code /dev/…}, and the factory root for formula sessions. The filesystem
 *       root is refused even without a worktree.
 *   <li>{@code merge-api}: a call of the forge's merge route ({@code /pulls/N/merge}, also with a
 *       variable for N) or {@code tea pulls merge}.
 *   <li>{@code issue-close}: an API call that sets an issue's state to closed, or
 *       {@code tea issues close}.
 *   <li>{@code switch-primary}: {@code git checkout} or {@code git switch} onto the primary branch
 *       (also {@code --detach}, {@code -B main}); creating a branch from it and restoring files
 *       from it stay allowed.
 *   <li>{@code factory-root}: a command touching a path under the factory root (not under the
 *       worktree) from a session that is not a formula session.
 *   <li>{@code system-command}: {@code kill}, {@code pkill}, {@code killall}, docker's
 *       {@code rm/rmi/stop/kill/restart/prune/down} and tmux's {@code kill-*}/{@code send-keys}
 *       outside supervisor sessions.
 * </ol>
 *
 * <p>Arguments of {@code echo} and {@code printf} and the messages of {@code git commit}, {@code tag}
 * and {@code notes} are text, not actions: the merge, issue and factory-root rules do not look at
 * them (nor, for the merge and issue rules, at search patterns of {@code grep}, {@code rg} and
 * {@code git log}). Sessions named {@code supervisor-…} are supervisor and formula sessions;
 * {@code gardener-…}, {@code planner-…}, {@code predictor-…} and {@code architect-…} are formula
 * sessions. An internal failure refuses the call (rule {@code guard-error}) rather than letting it
 * through.
 */
public final class PreToolUseGuard {
  private static final Logger LOG = LoggerFactory.getLogger(PreToolUseGuard.class);
  private static final Pattern MERGE_ROUTE = Pattern.compile("/pulls/[^/\\s]+/merge(?![\\w-])");
  private static final Pattern ISSUE_RESOURCE = Pattern.compile("/issues/[^/\\s?#]+/?([?#].*)?$");
  private static final Pattern STATE_CLOSED =
      Pattern.compile("[\"']?state[\"']?\\s*[:=]\\s*[\"']?closed");
  private static final Pattern VARIABLE = Pattern.compile("\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)}|([A-Za-z_][A-Za-z0-9_]*))");
  /** Commands whose arguments are text to print or to search for, never a route to call. */
  private static final Set<String> TEXT_COMMANDS = Set.of(
      "echo", "printf", "grep", "egrep", "fgrep", "rg", "ag", "true", ":");
  private static final Set<String> TEXT_GIT = Set.of(
      "commit", "tag", "notes", "log", "show", "grep", "stash");
  /** Commands whose arguments are only printed or stored as messages, never opened as files. */
  private static final Set<String> MESSAGE_COMMANDS = Set.of("echo", "printf", "true", ":");
  private static final Set<String> MESSAGE_GIT = Set.of("commit", "tag", "notes");
  private static final Set<String> DOCKER_VERBS = Set.of(
      "rm", "rmi", "stop", "kill", "restart", "prune", "down", "remove");
  private static final Set<String> TMUX_VERBS = Set.of(
      "kill-session", "kill-server", "kill-window", "kill-pane", "send-keys", "send");

  private final String primary;
  private final String worktree;
  private final String factoryRoot;
  private final boolean formula;
  private final boolean supervisor;
  private final Map<String, String> variables;
  private final PushNamespace namespace;

  private PreToolUseGuard(Builder b) {
    this.namespace = b.namespace;
    this.primary = b.primaryBranch.isEmpty() ? "main" : b.primaryBranch;
    this.worktree = normalize(b.worktree);
    this.factoryRoot = normalize(b.factoryRoot);
    String s = b.sessionName;
    this.supervisor = s.startsWith("supervisor-");
    this.formula = supervisor || s.startsWith("gardener-") || s.startsWith("planner-")
        || s.startsWith("predictor-") || s.startsWith("architect-");
    this.variables = Map.copyOf(b.variables);
  }

  /**
   * A builder with the original's defaults: primary branch {@code main}, no worktree, no session
   * name, no factory root, no variables.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Configures a guard; each setter returns this builder. */
  public static final class Builder {
    private String primaryBranch = "main";
    private String worktree = "";
    private String sessionName = "";
    private String factoryRoot = "";
    private Map<String, String> variables = Map.of();
    private PushNamespace namespace;

    private Builder() {}

    /**
     * Confines pushes to a branch namespace (rule {@code push-namespace}, checked after the
     * original's push rules): a push whose target branch is outside it is refused, and so is
     * {@code --all}/{@code --mirror}; a push naming no branch (or {@code HEAD}) is judged by the
     * branch checked out where it runs. Formula sessions may also push the primary branch.
     * Default: not confined, as the original.
     *
     * @param allowed the namespace, or {@code null} for none
     * @return this builder
     */
    public Builder pushNamespace(PushNamespace allowed) {
      this.namespace = allowed;
      return this;
    }

    /**
     * The project's primary branch (the hook's first argument).
     *
     * @param branch the branch; empty means {@code main}
     * @return this builder
     */
    public Builder primaryBranch(String branch) {
      this.primaryBranch = Objects.requireNonNull(branch, "branch");
      return this;
    }

    /**
     * The session's worktree, an absolute path (the hook's second argument).
     *
     * @param path the worktree; empty turns off the worktree rules, as in the original
     * @return this builder
     */
    public Builder worktree(String path) {
      this.worktree = Objects.requireNonNull(path, "path");
      return this;
    }

    /**
     * The session's name (the hook's third argument), which tells formula and supervisor sessions.
     *
     * @param name the name; may be empty
     * @return this builder
     */
    public Builder sessionName(String name) {
      this.sessionName = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * The factory's own checkout, which worktree sessions may not touch ({@code FACTORY_ROOT}).
     *
     * @param path the absolute path; empty turns the factory-root rule off
     * @return this builder
     */
    public Builder factoryRoot(String path) {
      this.factoryRoot = Objects.requireNonNull(path, "path");
      return this;
    }

    /**
     * Variables whose values the guard may use to resolve {@code $NAME} in a path (such as the
     * session's environment: {@code WORKTREE}, {@code HOME}); others make a path unresolvable.
     *
     * @param values names and values
     * @return this builder
     */
    public Builder variables(Map<String, String> values) {
      this.variables = Map.copyOf(values);
      return this;
    }

    /**
     * Builds the guard.
     *
     * @return the guard
     */
    public PreToolUseGuard build() {
      return new PreToolUseGuard(this);
    }
  }

  /**
   * Decides on one PreToolUse event. Anything but a Bash call with a non-empty command is allowed,
   * as in the original (which also lets malformed input through).
   *
   * @param input the event
   * @return allow, or block with the rule and the reason for the model
   */
  public HookOutcome evaluate(HookInput input) {
    Optional<String> command = input.command();
    if (command.isEmpty() || command.get().isBlank()) {
      return HookOutcome.allow();
    }
    return evaluateCommand(command.get(), input.cwd().orElse(""));
  }

  /**
   * Decides on one shell command.
   *
   * @param command the command line, possibly several lines
   * @param cwd the session's working directory, against which relative paths resolve; empty means
   *     the worktree
   * @return allow, or block with the rule and the reason for the model
   */
  public HookOutcome evaluateCommand(String command, String cwd) {
    try {
      List<Command> commands = ShellScript.commands(command);
      String base = !cwd.isEmpty() && cwd.startsWith("/") ? normalize(cwd)
          : worktree.isEmpty() ? null : worktree;
      Optional<HookOutcome> block = push(commands, base)
          .or(() -> remove(commands, base))
          .or(() -> mergeApi(commands))
          .or(() -> issueClose(commands))
          .or(() -> switchPrimary(commands))
          .or(() -> factoryAccess(commands, base))
          .or(() -> systemCommand(commands));
      block.ifPresent(b -> LOG.debug("guard refused a command: {}", b.rule().orElse("")));
      return block.orElseGet(HookOutcome::allow);
    } catch (RuntimeException e) {
      LOG.debug("guard failed on a command", e);
      return HookOutcome.block("guard-error",
          "BLOCKED: the command guard could not check this command (" + e.getClass().getSimpleName()
              + "). Rewrite it in a simpler form.");
    }
  }

  // ---- force-push / push-primary

  private Optional<HookOutcome> push(List<Command> commands, String base) {
    for (Command c : commands) {
      List<String> args = gitArgs(c, "push");
      if (args == null) {
        continue;
      }
      boolean force = false;
      boolean delete = false;
      boolean all = false;
      boolean mirror = false;
      List<String> positional = new ArrayList<>();
      for (int i = 0; i < args.size(); i++) {
        String a = args.get(i);
        if (a.equals("--")) {
          positional.addAll(args.subList(i + 1, args.size()));
          break;
        } else if (a.equals("--force") || a.startsWith("--force-with-lease")) {
          force = true;
        } else if (a.equals("--mirror")) {
          mirror = true;
        } else if (a.equals("--all") || a.equals("--branches")) {
          all = true;
        } else if (a.equals("--delete")) {
          delete = true;
        } else if (Set.of("--push-option", "--repo", "--receive-pack", "--exec").contains(a)) {
          i++;
        } else if (a.startsWith("--")) {
          continue;
        } else if (a.startsWith("-") && a.length() > 1) {
          for (int k = 1; k < a.length(); k++) {
            char f = a.charAt(k);
            if (f == 'f') {
              force = true;
            } else if (f == 'd') {
              delete = true;
            } else if (f == 'o') {
              if (k == a.length() - 1) {
                i++;
              }
              break;
            }
          }
        } else {
          positional.add(a);
        }
      }
      List<String> refspecs = positional.isEmpty() ? List.of() : positional.subList(1, positional.size());
      boolean touchesPrimary = false;
      boolean rewritesPrimary = mirror || all && force;
      for (String spec : refspecs) {
        boolean plus = spec.startsWith("+");
        String r = plus ? spec.substring(1) : spec;
        int colon = r.indexOf(':');
        String src = colon < 0 ? r : r.substring(0, colon);
        String dst = colon < 0 || colon == r.length() - 1 ? src : r.substring(colon + 1);
        dst = dst.startsWith("refs/heads/") ? dst.substring("refs/heads/".length()) : dst;
        if (dst.equals(primary)) {
          touchesPrimary = true;
          if (force || plus || delete || src.isEmpty()) {
            rewritesPrimary = true;
          }
        }
      }
      if (rewritesPrimary) {
        return Optional.of(HookOutcome.block("force-push", String.format(
            "BLOCKED: %s may not be force-pushed, deleted or overwritten. Push to your feature"
                + " branch instead.", primary)));
      }
      if (force && refspecs.isEmpty() && !all) {
        return Optional.of(HookOutcome.block("force-push", String.format(
            "BLOCKED: a force push must name its branch: without one, the upstream (possibly %s)"
                + " is overwritten. Name your feature branch: git push --force-with-lease origin"
                + " <branch>", primary)));
      }
      if (touchesPrimary && !formula) {
        return Optional.of(HookOutcome.block("push-primary", String.format(
            "BLOCKED: pushing to %s directly is not allowed; push your feature branch and let the"
                + " orchestrator merge it.", primary)));
      }
      if (namespace != null) {
        Optional<HookOutcome> outside = outsideNamespace(refspecs, all || mirror, base);
        if (outside.isPresent()) {
          return outside;
        }
      }
    }
    return Optional.empty();
  }

  // ---- push-namespace

  /** A push to a ref outside the configured namespace; the current branch for none or HEAD. */
  private Optional<HookOutcome> outsideNamespace(List<String> refspecs, boolean everything,
      String base) {
    if (everything) {
      return Optional.of(HookOutcome.block("push-namespace", namespace.refusal("--all")));
    }
    List<String> targets = new ArrayList<>();
    for (String spec : refspecs) {
      String r = spec.startsWith("+") ? spec.substring(1) : spec;
      int colon = r.indexOf(':');
      String dst = colon < 0 || colon == r.length() - 1 ? (colon < 0 ? r : r.substring(0, colon))
          : r.substring(colon + 1);
      targets.add(dst);
    }
    if (targets.isEmpty()) {
      targets.add("HEAD");
    }
    for (String dst : targets) {
      String branch = dst.equals("HEAD") || dst.equals("@") ? currentBranch(base).orElse(dst)
          : dst;
      boolean formulaPrimary = formula && (branch.equals(primary)
          || branch.equals("refs/heads/" + primary));
      if (!formulaPrimary && !namespace.allows(branch)) {
        return Optional.of(HookOutcome.block("push-namespace", namespace.refusal(branch)));
      }
    }
    return Optional.empty();
  }

  /** The branch checked out where the command runs (a linked worktree's {@code .git} file too). */
  private Optional<String> currentBranch(String base) {
    if (base == null) {
      return Optional.empty();
    }
    try {
      for (Path dir = Path.of(base); dir != null; dir = dir.getParent()) {
        Path dotGit = dir.resolve(".git");
        Path gitDir;
        if (java.nio.file.Files.isDirectory(dotGit)) {
          gitDir = dotGit;
        } else if (java.nio.file.Files.isRegularFile(dotGit)) {
          String line = java.nio.file.Files.readString(dotGit).strip();
          if (!line.startsWith("gitdir:")) {
            return Optional.empty();
          }
          gitDir = dir.resolve(line.substring("gitdir:".length()).strip());
        } else {
          continue;
        }
        String head = java.nio.file.Files.readString(gitDir.resolve("HEAD")).strip();
        return head.startsWith("ref: refs/heads/")
            ? Optional.of(head.substring("ref: refs/heads/".length())) : Optional.empty();
      }
    } catch (java.io.IOException | RuntimeException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  // ---- rm-outside

  private Optional<HookOutcome> remove(List<Command> commands, String start) {
    String base = start;
    for (Command c : commands) {
      if (c.name().equals("cd") || c.name().equals("pushd")) {
        List<String> a = c.args().stream().filter(x -> !x.startsWith("-")).toList();
        String target = a.isEmpty() ? variables.getOrDefault("HOME", "") : a.get(0);
        base = target.isEmpty() ? null : resolve(target, base).orElse(null);
        continue;
      }
      if (!c.name().equals("rm")) {
        continue;
      }
      boolean recursive = false;
      boolean options = true;
      List<String> operands = new ArrayList<>();
      for (String a : c.args()) {
        if (options && a.equals("--")) {
          options = false;
        } else if (options && a.startsWith("--")) {
          recursive |= a.equals("--recursive");
        } else if (options && a.startsWith("-") && a.length() > 1) {
          recursive |= a.indexOf('r') > 0 || a.indexOf('R') > 0;
        } else {
          operands.add(a);
        }
      }
      if (!recursive) {
        continue;
      }
      for (String op : operands) {
        Optional<HookOutcome> refusal = checkRemoval(op, base);
        if (refusal.isPresent()) {
          return refusal;
        }
      }
    }
    return Optional.empty();
  }

  private Optional<HookOutcome> checkRemoval(String operand, String base) {
    int glob = firstGlob(operand);
    String literal = glob < 0 ? operand : operand.substring(0, operand.lastIndexOf('/', glob) + 1);
    if (glob >= 0 && literal.isEmpty()) {
      literal = ".";
    }
    Optional<String> resolved = resolve(literal, base);
    if (resolved.isEmpty()) {
      return Optional.of(HookOutcome.block("rm-outside", String.format(
          "BLOCKED: cannot tell where rm -r target %s points; it may be outside the worktree (%s)."
              + " Spell out a path inside your worktree.", operand, shown(worktree))));
    }
    String p = resolved.get();
    if (p.equals("/")) {
      return Optional.of(HookOutcome.block("rm-outside", String.format(
          "BLOCKED: rm -r of %s would delete the filesystem root. Only delete files within your"
              + " worktree (%s).", operand, shown(worktree))));
    }
    if (worktree.isEmpty()) {
      return Optional.empty();
    }
    boolean allowed = within(p, worktree)
        || (glob < 0 ? p.startsWith("/tmp/") : p.startsWith("/tmp/") && !p.equals("/tmp"))
        || p.startsWith("/dev/")
        || formula && !factoryRoot.isEmpty() && within(p, factoryRoot);
    if (allowed) {
      return Optional.empty();
    }
    String named = glob < 0 ? p : operand;
    return Optional.of(HookOutcome.block("rm-outside", String.format(
        "BLOCKED: rm -r would delete %s, which lies outside the worktree (%s). Only delete files"
            + " within your worktree.", named, worktree)));
  }

  private static int firstGlob(String s) {
    for (int i = 0; i < s.length(); i++) {
      if ("*?[".indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }

  // ---- merge-api / issue-close

  private Optional<HookOutcome> mergeApi(List<Command> commands) {
    for (Command c : commands) {
      if (isText(c)) {
        continue;
      }
      boolean teaMerge = c.name().equals("tea") && c.args().size() >= 2
          && Set.of("pulls", "pull", "pr").contains(c.args().get(0)) && c.args().get(1).equals("merge");
      boolean route = c.args().stream().anyMatch(w -> MERGE_ROUTE.matcher(w).find());
      if (teaMerge || route) {
        return Optional.of(HookOutcome.block("merge-api",
            "BLOCKED: merging is the orchestrator's job and goes through the phase protocol. Push"
                + " your branch and write PHASE:awaiting_ci; the orchestrator merges."));
      }
    }
    return Optional.empty();
  }

  private Optional<HookOutcome> issueClose(List<Command> commands) {
    for (Command c : commands) {
      if (isText(c)) {
        continue;
      }
      boolean teaClose = c.name().equals("tea") && c.args().size() >= 2
          && Set.of("issues", "issue", "i").contains(c.args().get(0)) && c.args().get(1).equals("close");
      boolean api = c.args().stream().anyMatch(w -> ISSUE_RESOURCE.matcher(w).find())
          && STATE_CLOSED.matcher(String.join(" ", c.args())).find();
      if (teaClose || api) {
        return Optional.of(HookOutcome.block("issue-close",
            "BLOCKED: issues are closed by the orchestrator after the merge, through the phase"
                + " protocol. Write PHASE:done instead."));
      }
    }
    return Optional.empty();
  }

  // ---- switch-primary

  private Optional<HookOutcome> switchPrimary(List<Command> commands) {
    for (Command c : commands) {
      List<String> args = gitArgs(c, "checkout");
      boolean checkout = args != null;
      if (args == null) {
        args = gitArgs(c, "switch");
      }
      if (args == null) {
        continue;
      }
      Set<String> create = checkout ? Set.of("-b", "-B", "--orphan") : Set.of("-c", "-C", "--create", "--force-create", "--orphan");
      String created = null;
      boolean track = false;
      boolean paths = false;
      List<String> positional = new ArrayList<>();
      for (int i = 0; i < args.size(); i++) {
        String a = args.get(i);
        if (a.equals("--")) {
          paths = true;
          break;
        } else if (create.contains(a)) {
          created = i + 1 < args.size() ? args.get(++i) : "";
        } else if (a.equals("-t") || a.equals("--track")) {
          track = true;
        } else if (!a.startsWith("-") || a.equals("-")) {
          positional.add(a);
        }
      }
      boolean onto;
      if (created != null) {
        onto = created.equals(primary);
      } else if (paths || positional.isEmpty() || checkout && positional.size() > 1) {
        onto = false;
      } else {
        String target = positional.get(0);
        onto = target.equals(primary) || target.equals("refs/heads/" + primary)
            || track && target.endsWith("/" + primary);
      }
      if (onto) {
        return Optional.of(HookOutcome.block("switch-primary", String.format(
            "BLOCKED: checking out %s is not allowed; stay on your feature branch.", primary)));
      }
    }
    return Optional.empty();
  }

  // ---- factory-root

  private Optional<HookOutcome> factoryAccess(List<Command> commands, String base) {
    if (worktree.isEmpty() || factoryRoot.isEmpty() || worktree.equals(factoryRoot) || formula) {
      return Optional.empty();
    }
    for (Command c : commands) {
      if (isText(c, MESSAGE_COMMANDS, MESSAGE_GIT)) {
        continue;
      }
      List<String> candidates = new ArrayList<>(c.words());
      for (Redirect r : c.redirects()) {
        candidates.add(r.target);
      }
      for (String w : candidates) {
        String value = w.startsWith("-") && w.contains("=") ? w.substring(w.indexOf('=') + 1) : w;
        if (!(value.startsWith("/") || value.startsWith("$") || value.startsWith("~"))) {
          continue;
        }
        Optional<String> p = resolve(value, base);
        if (p.isPresent() && within(p.get(), factoryRoot) && !within(p.get(), worktree)) {
          return Optional.of(HookOutcome.block("factory-root", String.format(
              "BLOCKED: %s belongs to the factory and is off limits to worktree sessions. Work with"
                  + " the files in your worktree (%s).", factoryRoot, worktree)));
        }
      }
    }
    return Optional.empty();
  }

  // ---- system-command

  private Optional<HookOutcome> systemCommand(List<Command> commands) {
    if (supervisor) {
      return Optional.empty();
    }
    for (Command c : commands) {
      String name = c.name();
      List<String> args = c.args();
      boolean refused = switch (name) {
        case "kill", "pkill", "killall" -> true;
        case "docker", "docker-compose", "podman" -> dockerVerb(args);
        case "tmux" -> args.stream().anyMatch(TMUX_VERBS::contains);
        default -> false;
      };
      if (refused) {
        return Optional.of(HookOutcome.block("system-command",
            "BLOCKED: managing processes and containers (kill, docker, tmux) is reserved to the"
                + " supervisor session."));
      }
    }
    return Optional.empty();
  }

  private static boolean dockerVerb(List<String> args) {
    List<String> words = args.stream().filter(a -> !a.startsWith("-")).toList();
    for (int i = 0; i < Math.min(words.size(), 3); i++) {
      if (DOCKER_VERBS.contains(words.get(i))) {
        return true;
      }
    }
    return false;
  }

  // ---- helpers

  /** The arguments after {@code git [global options] <sub>}, or null when c is not that command. */
  private static List<String> gitArgs(Command c, String sub) {
    if (!c.name().equals("git")) {
      return null;
    }
    List<String> a = c.args();
    int i = 0;
    while (i < a.size() && a.get(i).startsWith("-")) {
      String o = a.get(i);
      i += Set.of("-C", "-c", "--git-dir", "--work-tree", "--namespace", "--config-env").contains(o) ? 2 : 1;
    }
    if (i < a.size() && a.get(i).equals(sub)) {
      return a.subList(i + 1, a.size());
    }
    return null;
  }

  private static boolean isText(Command c) {
    return isText(c, TEXT_COMMANDS, TEXT_GIT);
  }

  private static boolean isText(Command c, Set<String> commands, Set<String> gitSubs) {
    if (commands.contains(c.name())) {
      return true;
    }
    if (c.name().equals("git")) {
      for (String sub : gitSubs) {
        if (gitArgs(c, sub) != null) {
          return true;
        }
      }
    }
    return false;
  }

  /** The absolute, normalised path a word names, or empty when an expansion cannot be resolved. */
  private Optional<String> resolve(String word, String base) {
    String w = word;
    if (w.equals("$(pwd)") || w.startsWith("$(pwd)/")) {
      if (base == null) {
        return Optional.empty();
      }
      w = base + w.substring("$(pwd)".length());
    }
    Matcher m = VARIABLE.matcher(w);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String name = m.group(1) != null ? m.group(1) : m.group(2);
      String value = name.equals("PWD") && base != null ? base : variables.get(name);
      if (value == null) {
        return Optional.empty();
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(value));
    }
    m.appendTail(sb);
    w = sb.toString();
    if (w.contains("$") || w.contains("`")) {
      return Optional.empty();
    }
    if (w.equals("~") || w.startsWith("~/")) {
      String home = variables.get("HOME");
      if (home == null || home.isEmpty()) {
        return Optional.empty();
      }
      w = home + w.substring(1);
    } else if (w.startsWith("~")) {
      return Optional.empty();
    }
    if (!w.startsWith("/")) {
      if (base == null) {
        return Optional.empty();
      }
      w = base + "/" + w;
    }
    return Optional.of(normalize(w));
  }

  private static String normalize(String path) {
    if (path.isEmpty()) {
      return "";
    }
    String n = Path.of(path).normalize().toString();
    return n.isEmpty() ? "/" : n;
  }

  private static boolean within(String path, String dir) {
    return dir.equals("/") || path.equals(dir) || path.startsWith(dir + "/");
  }

  private static String shown(String worktree) {
    return worktree.isEmpty() ? "none given" : worktree;
  }
}
