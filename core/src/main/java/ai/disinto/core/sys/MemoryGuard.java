package ai.disinto.core.sys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks that the host has enough available memory before an agent starts.
 *
 * <p>Mirrors {@code memory_guard} in {@code lib/env.sh}: {@code MemAvailable} from
 * {@code /proc/meminfo} in kB, divided by 1024 and truncated, must be at least the minimum (equal
 * is enough). It never exits the process: the caller logs {@link MemoryCheck#message()} and exits
 * 0 when the check fails. Improvement over the original: when the value cannot be read (no
 * {@code /proc/meminfo}, as on macOS), memory counts as sufficient, with a warning, instead of
 * always skipping.
 */
public final class MemoryGuard {
  /** The minimum callers pass unless they say otherwise (review passes 1500). */
  public static final long DEFAULT_MIN_MB = 2000;

  /** Where Linux reports memory. */
  public static final Path PROC_MEMINFO = Path.of("/proc/meminfo");

  private static final Logger LOG = LoggerFactory.getLogger(MemoryGuard.class);

  /**
   * The outcome of one check.
   *
   * @param sufficient whether the agent may run
   * @param availableMb the available memory in MB, or empty when it could not be read
   * @param requiredMb the minimum asked for
   * @param message for an insufficient check, the original's skip text
   *     {@code SKIP: only <avail>MB available (need <min>MB)}; for an unreadable value, the
   *     warning; otherwise a short statement of both numbers
   */
  public record MemoryCheck(
      boolean sufficient, OptionalLong availableMb, long requiredMb, String message) {}

  private MemoryGuard() {}

  /**
   * Reads {@code MemAvailable} from {@code /proc/meminfo}.
   *
   * @return megabytes, or empty when the file or the line is missing or unreadable
   */
  public static OptionalLong availableMb() {
    return availableMb(PROC_MEMINFO);
  }

  static OptionalLong availableMb(Path meminfo) {
    try {
      for (String line : Files.readAllLines(meminfo)) {
        if (line.contains("MemAvailable")) {
          String[] fields = line.trim().split("\\s+");
          if (fields.length < 2) {
            return OptionalLong.empty();
          }
          return OptionalLong.of(Long.parseLong(fields[1]) / 1024);
        }
      }
    } catch (IOException | NumberFormatException e) {
      return OptionalLong.empty();
    }
    return OptionalLong.empty();
  }

  /**
   * Checks available memory against a minimum, reading {@code /proc/meminfo}.
   *
   * @param minMb the minimum in MB
   * @return the outcome
   */
  public static MemoryCheck check(long minMb) {
    return check(minMb, PROC_MEMINFO);
  }

  /**
   * Checks available memory against a minimum, reading the given meminfo file.
   *
   * @param minMb the minimum in MB
   * @param meminfo a file in {@code /proc/meminfo} format
   * @return the outcome
   */
  public static MemoryCheck check(long minMb, Path meminfo) {
    OptionalLong avail = availableMb(meminfo);
    if (avail.isEmpty()) {
      String warning = "WARNING: cannot read MemAvailable from " + meminfo
          + "; assuming enough memory (need " + minMb + "MB)";
      LOG.warn(warning);
      return new MemoryCheck(true, avail, minMb, warning);
    }
    long mb = avail.getAsLong();
    if (mb < minMb) {
      return new MemoryCheck(
          false, avail, minMb, "SKIP: only " + mb + "MB available (need " + minMb + "MB)");
    }
    return new MemoryCheck(true, avail, minMb, mb + "MB available (need " + minMb + "MB)");
  }
}
