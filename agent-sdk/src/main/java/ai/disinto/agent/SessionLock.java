package ai.disinto.agent;

import ai.disinto.core.process.ProcessResult;
import ai.disinto.core.process.ProcessRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The flock(2) session lock shared with the shell agents. The lock itself is taken by util-linux
 * {@code flock} around Claude (see {@link ClaudeProcess}); this class only probes it and says who
 * holds it, from {@code /proc/locks}.
 */
final class SessionLock {
  /** flock's exit status when the lock could not be taken in time ({@code -E}). */
  static final int CONFLICT = 75;

  private SessionLock() {}

  /** Whether the lock is free right now ({@code flock -n FILE true}). */
  static boolean isFree(Path lockFile, Map<String, String> env) {
    ProcessResult r = ProcessRunner.command(ClaudeProcess.tool("flock"), "-n", "-E", String.valueOf(CONFLICT),
        lockFile.toString(), "true").environment(env).run(Duration.ofSeconds(10));
    return r.exited() && r.exitStatus() == 0;
  }

  /** Describes the processes holding an flock on the file, such as {@code pid 12 (flock -w 9 …)}. */
  static String holders(Path lockFile) {
    long inode;
    try {
      inode = ((Number) Files.getAttribute(lockFile, "unix:ino")).longValue();
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "unknown holder";
    }
    List<String> out = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(Path.of("/proc/locks"), StandardCharsets.UTF_8)) {
        List<String> f = new ArrayList<>(List.of(line.trim().split("\\s+")));
        f.remove("->");
        if (f.size() < 6 || !f.get(1).toUpperCase(Locale.ROOT).equals("FLOCK")
            || line.contains("->")) {
          continue;
        }
        String[] dev = f.get(5).split(":");
        if (dev.length == 3 && dev[2].equals(Long.toString(inode))) {
          out.add("pid " + f.get(4) + " (" + commandOf(f.get(4)) + ")");
        }
      }
    } catch (IOException | RuntimeException e) {
      return "unknown holder";
    }
    return out.isEmpty() ? "unknown holder" : String.join(", ", out);
  }

  private static String commandOf(String pid) {
    try {
      byte[] b = Files.readAllBytes(Path.of("/proc", pid, "cmdline"));
      String cmd = new String(b, StandardCharsets.UTF_8).replace('\0', ' ').strip();
      return cmd.length() > 120 ? cmd.substring(0, 120) + "…" : cmd;
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }
}
