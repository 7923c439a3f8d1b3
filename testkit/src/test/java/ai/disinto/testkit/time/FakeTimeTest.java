package ai.disinto.testkit.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FakeTimeTest {
  @Test
  void startsAtTheDefaultOrTheGivenInstant() {
    assertThat(new FakeTime().instant()).isEqualTo(Instant.parse("2026-04-03T14:00:00Z"));
    assertThat(FakeTime.at("2000-01-01T00:00:00Z").instant())
        .isEqualTo(Instant.parse("2000-01-01T00:00:00Z"));
  }

  @Test
  void sleepingRecordsTheWaitAndAdvancesTheClockWithoutBlocking() {
    FakeTime time = new FakeTime();
    long start = System.nanoTime();
    time.sleep(Duration.ofHours(1));
    time.sleep(Duration.ofSeconds(30));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(time.sleeps()).containsExactly(Duration.ofHours(1), Duration.ofSeconds(30));
    assertThat(time.instant()).isEqualTo(FakeTime.DEFAULT_START.plusSeconds(3630));
    assertThat(time.slept()).isEqualTo(Duration.ofSeconds(3630));
  }

  @Test
  void aNegativeWaitIsRecordedButDoesNotMoveTheClock() {
    FakeTime time = new FakeTime();
    time.sleep(Duration.ofSeconds(-5));
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(-5));
    assertThat(time.instant()).isEqualTo(FakeTime.DEFAULT_START);
  }

  @Test
  void advanceAndSetMoveTheClockWithoutRecordingASleep() {
    FakeTime time = new FakeTime();
    time.advance(Duration.ofMinutes(2));
    assertThat(time.instant()).isEqualTo(FakeTime.DEFAULT_START.plusSeconds(120));
    time.set(Instant.EPOCH);
    assertThat(time.instant()).isEqualTo(Instant.EPOCH);
    assertThat(time.sleeps()).isEmpty();
    assertThatThrownBy(() -> time.advance(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void actionsRunAfterEachSleepOnceTheClockMoved() {
    FakeTime time = new FakeTime();
    List<Instant> seen = new ArrayList<>();
    time.afterEachSleep(() -> seen.add(time.instant()));
    time.sleep(Duration.ofSeconds(10));
    time.sleep(Duration.ofSeconds(10));
    assertThat(seen).containsExactly(
        FakeTime.DEFAULT_START.plusSeconds(10), FakeTime.DEFAULT_START.plusSeconds(20));
  }

  @Test
  void sleepsFromManyThreadsAreAllCounted() throws Exception {
    FakeTime time = new FakeTime();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    for (int i = 0; i < 400; i++) {
      pool.execute(() -> time.sleep(Duration.ofSeconds(1)));
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    assertThat(time.sleeps()).hasSize(400);
    assertThat(time.instant()).isEqualTo(FakeTime.DEFAULT_START.plusSeconds(400));
  }

  @Test
  void itsZoneIsUtcInEveryView() {
    FakeTime time = new FakeTime();
    assertThat(time.withZone(java.time.ZoneId.of("Europe/Berlin"))).isSameAs(time);
    assertThat(time.getZone()).isEqualTo(java.time.ZoneOffset.UTC);
  }
}
