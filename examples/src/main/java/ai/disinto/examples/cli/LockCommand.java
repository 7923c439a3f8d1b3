package ai.disinto.examples.cli;

import ai.disinto.core.lock.LockTimeoutException;
import ai.disinto.core.lock.StackLock;
import ai.disinto.log.FactoryLogging;
import ai.disinto.log.LogTarget;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code disinto lock check|acquire|heartbeat|release}: the drop-ins for the {@code stack_lock_*}
 * functions of {@code lib/stack-lock.sh}, on the same lock files ({@code $HOME/data/locks}), so
 * shell and Java callers share one lock. Messages go to stderr, the status of {@code check} to
 * stdout, and the exit code is the function's return code.
 *
 * <p>The shell globals a caller could override after sourcing ({@code STACK_LOCK_DIR}, {@code
 * STACK_LOCK_POLL_INTERVAL}, {@code STACK_LOCK_STALE_SECONDS}, {@code STACK_LOCK_MAX_WAIT}) are
 * read from the environment when set.
 */
@Command(
    name = "lock",
    description = "The per-project stack lock (lib/stack-lock.sh).",
    subcommands = {
      LockCommand.Check.class, LockCommand.Acquire.class,
      LockCommand.Heartbeat.class, LockCommand.Release.class
    })
public final class LockCommand extends CliCommand {
  @Override
  public Integer call() {
    throw new CliException(Main.EXIT_USAGE,
        "disinto lock: missing subcommand (check | acquire | heartbeat | release)");
  }

  /** Common set-up of the lock from the environment. */
  abstract static class LockLeaf extends CliCommand {
    StackLock stackLock() {
      Map<String, String> env = env();
      String dir = env.getOrDefault("STACK_LOCK_DIR", "");
      Path lockDir;
      if (!dir.isEmpty()) {
        lockDir = Path.of(dir);
      } else {
        String home = env.getOrDefault("HOME", "");
        if (home.isEmpty()) {
          throw new CliException(1, "disinto lock: HOME is not set");
        }
        lockDir = StackLock.defaultLockDir(Path.of(home));
      }
      return StackLock.builder(lockDir)
          .staleAfter(seconds("STACK_LOCK_STALE_SECONDS", StackLock.STALE_AFTER))
          .clock(clock())
          .sleeper(sleeper())
          .waitListener(progress())
          .build();
    }

    Duration seconds(String name, Duration fallback) {
      String value = env().getOrDefault(name, "");
      if (value.isEmpty()) {
        return fallback;
      }
      try {
        return Duration.ofSeconds(Long.parseLong(value.trim()));
      } catch (NumberFormatException e) {
        throw new CliException(Main.EXIT_USAGE, "disinto lock: " + name + " is not a number of seconds");
      }
    }

    /** Runs the action, turning a bad project name into a usage error. */
    int guarded(java.util.function.IntSupplier action) {
      // The original prints the lock's [stack-lock] lines bare on stderr, not through log().
      LogTarget bare = LogTarget.of(env().get("LOG_AGENT"), clock(), this::errLine).bare();
      try (FactoryLogging.Binding b = FactoryLogging.bind(bare)) {
        return action.getAsInt();
      } catch (IllegalArgumentException e) {
        throw new CliException(Main.EXIT_USAGE, "disinto lock: " + e.getMessage());
      }
    }
  }

  /** {@code lock check PROJECT}: prints free, held:HOLDER or stale:HOLDER; exit 0. */
  @Command(name = "check", description = "Print free, held:<holder> or stale:<holder>.")
  public static final class Check extends LockLeaf {
    @Parameters(index = "0", paramLabel = "PROJECT")
    String project;

    @Override
    public Integer call() {
      return guarded(() -> {
        out().println(stackLock().check(project).render());
        out().flush();
        return 0;
      });
    }
  }

  /** {@code lock acquire HOLDER PROJECT [MAX_WAIT]}: exit 0 when acquired, 1 on timeout. */
  @Command(name = "acquire",
      description = "Wait for the lock (at most MAX_WAIT seconds, default 3600) and take it.")
  public static final class Acquire extends LockLeaf {
    @Parameters(index = "0", paramLabel = "HOLDER")
    String holder;

    @Parameters(index = "1", paramLabel = "PROJECT")
    String project;

    @Parameters(index = "2", arity = "0..1", paramLabel = "MAX_WAIT")
    Long maxWait;

    @Override
    public Integer call() {
      if (maxWait != null && maxWait < 0) {
        throw new CliException(Main.EXIT_USAGE, "disinto lock acquire: MAX_WAIT must be >= 0");
      }
      return guarded(() -> {
        Duration wait = maxWait != null
            ? Duration.ofSeconds(maxWait)
            : seconds("STACK_LOCK_MAX_WAIT", StackLock.MAX_WAIT);
        Duration poll = seconds("STACK_LOCK_POLL_INTERVAL", StackLock.POLL_INTERVAL);
        if (poll.isZero() || poll.isNegative()) {
          throw new CliException(Main.EXIT_USAGE, "disinto lock: STACK_LOCK_POLL_INTERVAL must be > 0");
        }
        try {
          stackLock().acquire(holder, project, wait, poll);
          return 0;
        } catch (LockTimeoutException e) {
          return 1; // the timeout line is already on stderr
        }
      });
    }
  }

  /** {@code lock heartbeat HOLDER PROJECT}: refreshes the heartbeat if HOLDER holds it; exit 0. */
  @Command(name = "heartbeat",
      description = "Refresh the heartbeat if HOLDER holds the lock (silent no-op otherwise).")
  public static final class Heartbeat extends LockLeaf {
    @Parameters(index = "0", paramLabel = "HOLDER")
    String holder;

    @Parameters(index = "1", paramLabel = "PROJECT")
    String project;

    @Override
    public Integer call() {
      return guarded(() -> {
        stackLock().heartbeat(holder, project);
        return 0;
      });
    }
  }

  /** {@code lock release PROJECT [HOLDER]}: exit 0, or 1 when HOLDER does not hold it. */
  @Command(name = "release",
      description = "Delete the lock; with HOLDER, only if HOLDER holds it (exit 1 otherwise).")
  public static final class Release extends LockLeaf {
    @Parameters(index = "0", paramLabel = "PROJECT")
    String project;

    @Parameters(index = "1", arity = "0..1", paramLabel = "HOLDER")
    String holder;

    @Override
    public Integer call() {
      return guarded(() -> {
        StackLock.ReleaseResult r = stackLock().release(project, holder == null ? "" : holder);
        return r == StackLock.ReleaseResult.NOT_OWNER ? 1 : 0;
      });
    }
  }
}
