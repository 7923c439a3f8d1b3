package ai.disinto.core.lock;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.core.lock.StackLock.ReleaseResult;
import ai.disinto.log.CapturedLog;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays transcripts of the original stack-lock functions (recorded under a fake clock, see
 * {@code src/test/parity-recording}) against {@link StackLock}: the same return codes, stdout,
 * stderr lines, lock file bytes and pauses, except the documented {@code port-…} lines.
 */
class StackLockParityTest {
  @TempDir Path dir;

  static Stream<Path> transcripts() throws IOException, URISyntaxException {
    Path root = Path.of(StackLockParityTest.class.getResource("/parity/stack-lock").toURI());
    return Files.list(root).filter(p -> p.toString().endsWith(".transcript")).sorted();
  }

  /** What one shell call produced. */
  private record Outcome(int rc, List<String> out, List<String> err, String file, String sleeps) {}

  @ParameterizedTest(name = "{0}")
  @MethodSource("transcripts")
  void behavesAsTheOriginalExceptDocumentedFixes(Path transcript) throws IOException {
    FakeClock clock = FakeClock.at("2000-01-01T00:00:00Z");
    RecordingSleeper sleeper = new RecordingSleeper(clock);
    try (CapturedLog log = CapturedLog.start()) {
      replay(transcript, clock, sleeper, log);
    }
  }

  private void replay(Path transcript, FakeClock clock, RecordingSleeper sleeper, CapturedLog log)
      throws IOException {
    StackLock lock = StackLock.builder(dir).clock(clock).sleeper(sleeper)
        .build();
    Duration poll = StackLock.POLL_INTERVAL;
    List<String> lines = Files.readAllLines(transcript, StandardCharsets.UTF_8);
    int i = 0;
    int runs = 0;
    while (i < lines.size()) {
      String line = lines.get(i++);
      if (line.isEmpty()) {
        continue;
      }
      String[] w = line.split(" ", 2);
      switch (w[0]) {
        case "now" -> clock.set(Instant.parse(w[1]));
        case "advance" -> clock.advance(Duration.ofSeconds(Long.parseLong(w[1])));
        case "poll" -> poll = Duration.ofSeconds(Long.parseLong(w[1]));
        case "write" -> {
          String[] p = w[1].split(" ", 3);
          Path f = dir.resolve(p[0] + "-stack.lock");
          Files.writeString(f, p[2] + "\n", StandardCharsets.UTF_8);
          Files.setLastModifiedTime(f, FileTime.from(
              clock.instant().minusSeconds(Long.parseLong(p[1]))));
        }
        case "run" -> {
          List<String> block = new ArrayList<>();
          while (i < lines.size() && !lines.get(i).startsWith("run ")
              && !List.of("now", "advance", "poll", "write").contains(lines.get(i).split(" ")[0])) {
            block.add(lines.get(i++));
          }
          log.clear();
          int sleepsBefore = sleeper.sleeps().size();
          String[] args = w[1].split(" ");
          ByteOut out = new ByteOut();
          int rc = call(lock, args, poll, out);
          String project = args[0].equals("check") || args[0].equals("release") ? args[1] : args[2];
          Path f = dir.resolve(project + "-stack.lock");
          String file = Files.exists(f)
              ? project + " " + Files.readString(f, StandardCharsets.UTF_8).stripTrailing()
              : project + " ABSENT";
          String sleeps = sleeper.sleeps().subList(sleepsBefore, sleeper.sleeps().size()).stream()
              .map(d -> Long.toString(d.getSeconds()))
              .collect(Collectors.joining(","));
          Outcome actual = new Outcome(rc, out.lines, log.messages(), file, sleeps);
          assertThat(actual).as("%s: run %s", transcript.getFileName(), w[1])
              .isEqualTo(expected(block));
          runs++;
        }
        default -> throw new IllegalStateException("unknown transcript line: " + line);
      }
    }
    assertThat(runs).isPositive();
  }

  private static final class ByteOut {
    final List<String> lines = new ArrayList<>();
  }

  /** Calls the function as the CLI does: stdout lines and the shell's return code. */
  private static int call(StackLock lock, String[] a, Duration poll, ByteOut out) {
    switch (a[0]) {
      case "check" -> {
        out.lines.add(lock.check(a[1]).render());
        return 0;
      }
      case "acquire" -> {
        Duration maxWait = a.length > 3 ? Duration.ofSeconds(Long.parseLong(a[3])) : StackLock.MAX_WAIT;
        try {
          lock.acquire(a[1], a[2], maxWait, poll);
          return 0;
        } catch (LockTimeoutException e) {
          return 1;
        }
      }
      case "heartbeat" -> {
        lock.heartbeat(a[1], a[2]);
        return 0;
      }
      case "release" -> {
        ReleaseResult r = a.length > 2 ? lock.release(a[1], a[2]) : lock.release(a[1]);
        return r == ReleaseResult.NOT_OWNER ? 1 : 0;
      }
      default -> throw new IllegalStateException(a[0]);
    }
  }

  /** The expected outcome: the original's lines, with any {@code port-<kind>} lines replacing them. */
  private static Outcome expected(List<String> block) {
    Map<String, List<String>> kinds = new TreeMap<>();
    boolean deviation = false;
    for (String l : block) {
      String[] w = l.split(" ", 2);
      if (w[0].equals("deviation")) {
        deviation = true;
        continue;
      }
      kinds.computeIfAbsent(w[0], k -> new ArrayList<>()).add(w.length > 1 ? w[1] : "");
    }
    List<String> ports = kinds.keySet().stream().filter(k -> k.startsWith("port-")).toList();
    assertThat(ports.isEmpty() || deviation).as("port lines need a deviation reason: %s", block)
        .isTrue();
    for (String p : ports) {
      String kind = p.substring("port-".length());
      assertThat(kinds.get(p)).as("a deviation really differs").isNotEqualTo(kinds.get(kind));
      kinds.put(kind, kinds.get(p));
    }
    return new Outcome(
        Integer.parseInt(kinds.get("rc").get(0)),
        kinds.getOrDefault("out", List.of()),
        kinds.getOrDefault("err", List.of()),
        kinds.get("file").get(0),
        kinds.getOrDefault("sleeps", List.of("")).get(0));
  }

  @Test
  void aLockFileWrittenByTheShellIsReadAndRefreshedByJava() throws Exception {
    Path fixture = Path.of(getClass().getResource("/parity/stack-lock/shell-written-p1-stack.lock")
        .toURI());
    Files.copy(fixture, dir.resolve("p1-stack.lock"));
    FakeClock clock = FakeClock.at("2026-04-06T06:35:00Z");
    StackLock lock = StackLock.builder(dir).clock(clock).sleeper(new RecordingSleeper(clock)).build();
    assertThat(lock.check("p1")).isEqualTo(new LockStatus.Held("agent-1"));
    assertThat(lock.heartbeat("agent-1", "p1")).isTrue();
    assertThat(Files.readString(dir.resolve("p1-stack.lock"))).isEqualTo(
        "{\"holder\": \"agent-1\", \"since\": \"2026-04-06T06:30:09Z\", "
            + "\"heartbeat\": \"2026-04-06T06:35:00Z\"}\n");
    assertThat(lock.release("p1", "agent-1")).isEqualTo(ReleaseResult.RELEASED);
  }

  @Test
  void javaWritesTheSameBytesAsTheShellSoTheShellCanReadThem() throws Exception {
    byte[] shell = Files.readAllBytes(Path.of(
        getClass().getResource("/parity/stack-lock/shell-written-p1-stack.lock").toURI()));
    FakeClock clock = FakeClock.at("2026-04-06T06:30:09Z");
    StackLock lock = StackLock.builder(dir).clock(clock).sleeper(new RecordingSleeper(clock)).build();
    lock.acquire("agent-1", "p1");
    clock.advance(Duration.ofSeconds(60));
    lock.heartbeat("agent-1", "p1");
    assertThat(Files.readAllBytes(dir.resolve("p1-stack.lock"))).isEqualTo(shell);
  }
}
