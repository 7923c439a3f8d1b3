package ai.disinto.core.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.disinto.core.Sleeper;
import ai.disinto.core.lock.StackLock.ReleaseResult;
import ai.disinto.log.CapturedLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Acceptance cases 1–20 of spec/core.md "lib/stack-lock.sh" (numbers in the display names). */
class StackLockTest {
  private static final String T0 = "2026-04-06T06:30:09Z";

  @TempDir Path dir;

  private final FakeClock clock = FakeClock.at(T0);
  private final RecordingSleeper sleeper = new RecordingSleeper(clock);
  private final CapturedLog log = CapturedLog.start();

  @AfterEach
  void stopCapturing() {
    log.close();
  }

  private StackLock lock() {
    return StackLock.builder(dir).clock(clock).sleeper(sleeper).build();
  }

  private String content(String project) throws IOException {
    return Files.readString(dir.resolve(project + "-stack.lock"), StandardCharsets.UTF_8);
  }

  private Path write(String project, String content, Duration mtimeAge) throws IOException {
    Path f = dir.resolve(project + "-stack.lock");
    Files.writeString(f, content + "\n", StandardCharsets.UTF_8);
    Files.setLastModifiedTime(f, FileTime.from(clock.instant().minus(mtimeAge)));
    return f;
  }

  @Test
  @DisplayName("1: an empty directory is free")
  void emptyDirectoryIsFree() {
    LockStatus status = lock().check("p1");
    assertThat(status).isEqualTo(new LockStatus.Free());
    assertThat(status.render()).isEqualTo("free");
  }

  @Test
  @DisplayName("2: acquiring a free lock writes the original's line and logs")
  void acquireOnAFreeLockWritesTheOriginalFormat() throws IOException {
    StackLock.Lease lease = lock().acquire("agent-1", "p1");
    assertThat(content("p1")).isEqualTo("{\"holder\": \"agent-1\", \"since\": \"" + T0
        + "\", \"heartbeat\": \"" + T0 + "\"}\n");
    assertThat(log.messages()).containsExactly("[stack-lock] acquired lock for p1 as agent-1");
    assertThat(lock().check("p1")).isEqualTo(new LockStatus.Held("agent-1"));
    assertThat(lease.since()).isEqualTo(Instant.parse(T0));
    assertThat(sleeper.sleeps()).isEmpty();
  }

  @Test
  @DisplayName("3: the holder's heartbeat keeps since and refreshes heartbeat")
  void heartbeatByTheHolder() throws IOException {
    lock().acquire("agent-1", "p1");
    clock.advance(Duration.ofSeconds(60));
    assertThat(lock().heartbeat("agent-1", "p1")).isTrue();
    assertThat(content("p1")).isEqualTo("{\"holder\": \"agent-1\", \"since\": \"" + T0
        + "\", \"heartbeat\": \"2026-04-06T06:31:09Z\"}\n");
  }

  @Test
  @DisplayName("4: another holder's heartbeat changes nothing")
  void heartbeatByAnotherHolder() throws IOException {
    lock().acquire("agent-1", "p1");
    String before = content("p1");
    clock.advance(Duration.ofSeconds(60));
    assertThat(lock().heartbeat("other", "p1")).isFalse();
    assertThat(content("p1")).isEqualTo(before);
  }

  @Test
  void heartbeatWithoutALockIsFalseAndCreatesNothing() {
    assertThat(lock().heartbeat("agent-1", "p1")).isFalse();
    assertThat(dir.resolve("p1-stack.lock")).doesNotExist();
  }

  @Test
  @DisplayName("5: zero wait on a held lock times out at once")
  void zeroWaitTimesOutAtOnce() {
    lock().acquire("agent-1", "p1");
    log.clear();
    assertThatThrownBy(() -> lock().acquire("agent-2", "p1", Duration.ZERO))
        .isInstanceOf(LockTimeoutException.class)
        .satisfies(e -> {
          assertThat(((LockTimeoutException) e).project()).isEqualTo("p1");
          assertThat(((LockTimeoutException) e).currentHolder()).isEqualTo("agent-1");
        });
    assertThat(log.messages())
        .containsExactly("[stack-lock] timed out waiting for lock on p1 (held by agent-1)");
    assertThat(sleeper.sleeps()).isEmpty();
  }

  @Test
  @DisplayName("6: waiting polls, then times out")
  void waitingThenTimingOut() {
    lock().acquire("agent-1", "p1");
    log.clear();
    assertThatThrownBy(() ->
            lock().acquire("agent-2", "p1", Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(LockTimeoutException.class);
    assertThat(log.messages()).containsExactly(
        "[stack-lock] p1 locked by agent-1, waiting 1s (2s left)...",
        "[stack-lock] p1 locked by agent-1, waiting 1s (1s left)...",
        "[stack-lock] timed out waiting for lock on p1 (held by agent-1)");
    assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
  }

  @Test
  void theLastPauseIsShortenedToTheTimeLeft() {
    lock().acquire("agent-1", "p1");
    log.clear();
    assertThatThrownBy(() -> lock().acquire("agent-2", "p1", Duration.ofSeconds(45)))
        .isInstanceOf(LockTimeoutException.class);
    assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(30), Duration.ofSeconds(15));
    assertThat(log.messages().get(1)).isEqualTo("[stack-lock] p1 locked by agent-1, waiting 15s (15s left)...");
  }

  @Test
  void aWaiterGetsTheLockOnceTheHolderReleases() {
    lock().acquire("agent-1", "p1");
    Sleeper releaseOnFirstPause = d -> {
      clock.advance(d);
      lock().release("p1", "agent-1");
    };
    StackLock waiter = StackLock.builder(dir).clock(clock).sleeper(releaseOnFirstPause).build();
    assertThat(waiter.acquire("agent-2", "p1").holder()).isEqualTo("agent-2");
    assertThat(waiter.check("p1")).isEqualTo(new LockStatus.Held("agent-2"));
  }

  @Test
  @DisplayName("7: a stale lock is broken and claimed without sleeping")
  void breakingAStaleLock() throws IOException {
    write("p2", "{\"holder\": \"old\", \"since\": \"2020-01-01T00:00:00Z\", "
        + "\"heartbeat\": \"2020-01-01T00:00:00Z\"}", Duration.ZERO);
    assertThat(lock().check("p2")).isEqualTo(new LockStatus.Stale("old"));
    lock().acquire("new", "p2");
    assertThat(log.messages()).containsExactly(
        "[stack-lock] breaking stale lock held by old for p2",
        "[stack-lock] acquired lock for p2 as new");
    assertThat(sleeper.sleeps()).isEmpty();
    assertThat(lock().check("p2")).isEqualTo(new LockStatus.Held("new"));
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .as("no temp or broken files left behind")
          .containsExactlyInAnyOrder("p2-stack.lock", ".p2-stack.lock.guard");
    }
  }

  @Test
  void tryAcquireTakesAFreeLockAtOnce() throws IOException {
    java.util.Optional<StackLock.Lease> lease = lock().tryAcquire("agent-1", "p1");
    assertThat(lease).isPresent();
    assertThat(lease.get().holder()).isEqualTo("agent-1");
    assertThat(lease.get().since()).isEqualTo(Instant.parse(T0));
    assertThat(content("p1")).contains("\"holder\": \"agent-1\"");
    assertThat(log.messages()).containsExactly("[stack-lock] acquired lock for p1 as agent-1");
    assertThat(sleeper.sleeps()).isEmpty();
  }

  @Test
  void tryAcquireOnAHeldLockIsEmptyWithoutWaitingOrLogging() throws IOException {
    lock().acquire("agent-1", "p1");
    String before = content("p1");
    log.clear();
    assertThat(lock().tryAcquire("agent-2", "p1")).isEmpty();
    assertThat(content("p1")).isEqualTo(before);
    assertThat(log.messages()).isEmpty();
    assertThat(sleeper.sleeps()).isEmpty();
  }

  @Test
  void tryAcquireBreaksAStaleLockAndTakesIt() throws IOException {
    write("p2", "{\"holder\": \"old\", \"since\": \"2020-01-01T00:00:00Z\", "
        + "\"heartbeat\": \"2020-01-01T00:00:00Z\"}", Duration.ZERO);
    assertThat(lock().tryAcquire("new", "p2")).isPresent();
    assertThat(log.messages()).containsExactly(
        "[stack-lock] breaking stale lock held by old for p2",
        "[stack-lock] acquired lock for p2 as new");
    assertThat(lock().check("p2")).isEqualTo(new LockStatus.Held("new"));
  }

  @Test
  void closingATriedLeaseReleasesTheLock() {
    lock().tryAcquire("agent-1", "p1").orElseThrow().close();
    assertThat(lock().check("p1")).isEqualTo(new LockStatus.Free());
  }

  @Test
  @DisplayName("8: an age of exactly 600 s is held, 601 s stale")
  void staleBoundary() throws IOException {
    write("p3", "{\"holder\": \"b\", \"since\": \"x\", \"heartbeat\": \"2026-04-06T06:20:09Z\"}",
        Duration.ZERO);
    assertThat(lock().check("p3")).isEqualTo(new LockStatus.Held("b"));
    clock.advance(Duration.ofSeconds(1));
    assertThat(lock().check("p3")).isEqualTo(new LockStatus.Stale("b"));
  }

  @Test
  @DisplayName("9: a missing heartbeat is stale")
  void missingHeartbeatIsStale() throws IOException {
    write("p4", "{\"holder\":\"h\"}", Duration.ZERO);
    assertThat(lock().check("p4")).isEqualTo(new LockStatus.Stale("h"));
  }

  @Test
  @DisplayName("10: a corrupt file is stale when old, held while young")
  void corruptFileUsesItsAge() throws IOException {
    write("p5", "not json", Duration.ofMinutes(20));
    assertThat(lock().check("p5")).isEqualTo(new LockStatus.Stale("unknown"));
    assertThat(lock().check("p5").render()).isEqualTo("stale:unknown");
    write("p5", "not json", Duration.ofSeconds(5));
    assertThat(lock().check("p5")).isEqualTo(new LockStatus.Held("unknown"));
  }

  @Test
  @DisplayName("11: an unparsable heartbeat is stale, 'tomorrow' included")
  void unparsableHeartbeatIsStale() throws IOException {
    write("p6", "{\"holder\": \"g\", \"heartbeat\": \"yesterday-ish\"}", Duration.ZERO);
    assertThat(lock().check("p6")).isEqualTo(new LockStatus.Stale("g"));
    write("p6", "{\"holder\": \"g\", \"heartbeat\": \"tomorrow\"}", Duration.ZERO);
    assertThat(lock().check("p6")).isEqualTo(new LockStatus.Stale("g"));
  }

  @Test
  @DisplayName("12: a future heartbeat is held")
  void futureHeartbeatIsHeld() throws IOException {
    write("p7", "{\"holder\": \"f\", \"heartbeat\": \"2099-01-01T00:00:00Z\"}", Duration.ZERO);
    assertThat(lock().check("p7")).isEqualTo(new LockStatus.Held("f"));
  }

  @Test
  void aHeartbeatWithoutZoneIsReadAsUtc() throws IOException {
    write("p7", "{\"holder\": \"f\", \"heartbeat\": \"2026-04-06T06:20:08\"}", Duration.ZERO);
    assertThat(lock().check("p7")).isEqualTo(new LockStatus.Stale("f"));
    write("p7", "{\"holder\": \"f\", \"heartbeat\": \"2026-04-06T06:20:09\"}", Duration.ZERO);
    assertThat(lock().check("p7")).isEqualTo(new LockStatus.Held("f"));
  }

  @Test
  @DisplayName("13: a quote in the holder is written as valid JSON and read back")
  void quoteInTheHolder() throws IOException {
    lock().acquire("we\"ird", "p8");
    assertThat(content("p8")).startsWith("{\"holder\": \"we\\\"ird\", ");
    assertThat(lock().check("p8")).isEqualTo(new LockStatus.Held("we\"ird"));
  }

  @Test
  @DisplayName("14: a non-owner cannot release")
  void releaseByANonOwner() throws IOException {
    lock().acquire("agent-1", "p1");
    log.clear();
    assertThat(lock().release("p1", "other")).isEqualTo(ReleaseResult.NOT_OWNER);
    assertThat(log.messages())
        .containsExactly("[stack-lock] refusing to release: lock held by 'agent-1', not 'other'");
    assertThat(content("p1")).contains("agent-1");
  }

  @Test
  @DisplayName("15: release deletes the lock; a second release finds nothing")
  void release() {
    lock().acquire("agent-1", "p1");
    log.clear();
    assertThat(lock().release("p1")).isEqualTo(ReleaseResult.RELEASED);
    assertThat(log.messages()).containsExactly("[stack-lock] released lock for p1");
    log.clear();
    assertThat(lock().release("p1")).isEqualTo(ReleaseResult.NOT_PRESENT);
    assertThat(log.messages()).isEmpty();
    assertThat(lock().check("p1")).isEqualTo(new LockStatus.Free());
  }

  @Test
  void closingALeaseReleasesItOnlyWhileItIsOurs() {
    try (StackLock.Lease lease = lock().acquire("agent-1", "p1")) {
      assertThat(lease.heartbeat()).isTrue();
    }
    assertThat(lock().check("p1")).isEqualTo(new LockStatus.Free());
    StackLock.Lease stolen = lock().acquire("agent-1", "p1");
    lock().release("p1");
    lock().acquire("agent-2", "p1");
    stolen.close();
    assertThat(lock().check("p1")).isEqualTo(new LockStatus.Held("agent-2"));
  }

  @Test
  @DisplayName("16: of two simultaneous acquirers exactly one wins, and the file names it")
  void concurrentAcquirers() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 100; round++) {
        String project = "race" + round;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> results = new java.util.ArrayList<>();
        for (String holder : List.of("a", "b")) {
          results.add(pool.submit(() -> {
            start.await();
            try {
              return lock().acquire(holder, project, Duration.ZERO).holder();
            } catch (LockTimeoutException lost) {
              return null;
            }
          }));
        }
        start.countDown();
        assertExactlyOneHolds(project, results);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Exactly one of the contenders got the lock, and the lock file names that one. */
  private void assertExactlyOneHolds(String project, List<Future<String>> contenders)
      throws Exception {
    List<String> winners = new java.util.ArrayList<>();
    for (Future<String> f : contenders) {
      String w = f.get(10, TimeUnit.SECONDS);
      if (w != null) {
        winners.add(w);
      }
    }
    assertThat(winners).hasSize(1);
    assertThat(lock().check(project)).isEqualTo(new LockStatus.Held(winners.get(0)));
  }

  @Test
  @DisplayName("17: of two breakers of one stale lock exactly one ends up holding it")
  void concurrentBreakers() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 100; round++) {
        String project = "stale" + round;
        write(project, "{\"holder\": \"old\", \"heartbeat\": \"2020-01-01T00:00:00Z\"}",
            Duration.ZERO);
        CountDownLatch bothSawStale = new CountDownLatch(2);
        List<Future<String>> results = new java.util.ArrayList<>();
        for (String holder : List.of("a", "b")) {
          results.add(pool.submit(() -> {
            assertThat(lock().check(project)).isEqualTo(new LockStatus.Stale("old"));
            bothSawStale.countDown();
            bothSawStale.await();
            try {
              return lock().acquire(holder, project, Duration.ZERO).holder();
            } catch (LockTimeoutException lost) {
              return null;
            }
          }));
        }
        assertExactlyOneHolds(project, results);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @DisplayName("18: a project name cannot leave the lock directory")
  void traversalIsRejected() {
    assertThatThrownBy(() -> lock().acquire("x", "../evil"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(dir.getParent().resolve("evil-stack.lock")).doesNotExist();
    assertThatThrownBy(() -> lock().check("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> lock().release("a/b")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("19: the background heartbeat refreshes every 120 s of fake time until closed")
  void backgroundHeartbeat() throws Exception {
    BlockingQueue<Duration> pauses = new LinkedBlockingQueue<>();
    BlockingQueue<Boolean> go = new LinkedBlockingQueue<>();
    Sleeper gated = d -> {
      pauses.put(d);
      go.take();
      clock.advance(d);
    };
    StackLock lock = StackLock.builder(dir).clock(clock).sleeper(gated)
        .build();
    lock.acquire("agent-1", "p1");
    ExecutorService exec = Executors.newSingleThreadExecutor();
    try {
      StackLock.HeartbeatTask task = lock.startHeartbeat("agent-1", "p1", exec);
      assertThat(pauses.poll(10, TimeUnit.SECONDS)).isEqualTo(StackLock.HEARTBEAT_EVERY);
      go.put(true);
      // The loop pauses again only after the refresh is written.
      assertThat(pauses.poll(10, TimeUnit.SECONDS)).isEqualTo(Duration.ofSeconds(120));
      assertThat(content("p1")).contains("\"heartbeat\": \"2026-04-06T06:32:09Z\"");
      go.put(true);
      assertThat(pauses.poll(10, TimeUnit.SECONDS)).isNotNull();
      assertThat(content("p1")).contains("\"heartbeat\": \"2026-04-06T06:34:09Z\"");
      task.close();
      exec.shutdown();
      assertThat(exec.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
      assertThat(content("p1")).contains("\"heartbeat\": \"2026-04-06T06:34:09Z\"");
    } finally {
      exec.shutdownNow();
    }
  }

  @Test
  void theBackgroundHeartbeatStopsAndSaysSoWhenTheLockIsLost() throws Exception {
    BlockingQueue<Boolean> go = new LinkedBlockingQueue<>();
    Sleeper gated = d -> {
      go.take();
      clock.advance(d);
    };
    StackLock lock = StackLock.builder(dir).clock(clock).sleeper(gated)
        .build();
    lock.acquire("agent-1", "p1");
    lock.release("p1");
    ExecutorService exec = Executors.newSingleThreadExecutor();
    try {
      lock.startHeartbeat("agent-1", "p1", exec);
      go.put(true);
      exec.shutdown();
      assertThat(exec.awaitTermination(10, TimeUnit.SECONDS)).as("the loop ended").isTrue();
      assertThat(log.messages()).contains(
          "[stack-lock] heartbeat stopped: agent-1 no longer holds the lock for p1");
    } finally {
      exec.shutdownNow();
    }
  }

  @Test
  @DisplayName("20: the lock file has mode 0644")
  void lockFileMode() throws IOException {
    lock().acquire("agent-1", "p1");
    assertThat(PosixFilePermissions.toString(
            Files.getPosixFilePermissions(dir.resolve("p1-stack.lock"))))
        .isEqualTo("rw-r--r--");
  }

  @Test
  void theDefaultLockDirectoryIsUnderHome() {
    assertThat(StackLock.forHome(dir).lockFile("p1"))
        .isEqualTo(dir.resolve("data/locks/p1-stack.lock"));
  }

  @Test
  void acquireCreatesTheLockDirectory() {
    Path nested = dir.resolve("data/locks");
    StackLock.builder(nested).clock(clock).sleeper(sleeper).build().acquire("a", "p1");
    assertThat(nested.resolve("p1-stack.lock")).exists();
  }

  @Test
  void aWaitListenerHearsWhoHoldsTheLockHowLongItWaitedAndTheEnd() {
    lock().acquire("agent-1", "p1");
    List<String> heard = new CopyOnWriteArrayList<>();
    ai.disinto.core.WaitListener listener = new ai.disinto.core.WaitListener() {
      @Override
      public void waiting(ai.disinto.core.WaitProgress p) {
        heard.add(p.subject() + " " + p.waited().toSeconds() + "/" + p.limit().toSeconds());
      }

      @Override
      public void waitEnded() {
        heard.add("end");
      }
    };
    StackLock waiter = StackLock.builder(dir).clock(clock).sleeper(sleeper)
        .waitListener(listener).build();

    assertThatThrownBy(() -> waiter.acquire("agent-2", "p1", Duration.ofSeconds(45)))
        .isInstanceOf(LockTimeoutException.class);

    assertThat(heard).containsExactly("lock on p1 (held by agent-1) 0/45",
        "lock on p1 (held by agent-1) 30/45", "end");
  }
}
