package dev.plinth.runtime.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.runtime.RecordingSink;
import dev.plinth.runtime.RuntimeErrorCode;
import dev.plinth.runtime.events.RuntimeEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class CrashGuardTest {
  private final RecordingSink sink = new RecordingSink();
  private final List<AutoDisable> trips = new CopyOnWriteArrayList<>();
  private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
  private final CrashGuard guard = CrashGuard.create(3, Duration.ofMinutes(1), clock, sink, trips::add);

  /** A clock tests move by hand. */
  static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private boolean fail() {
    return guard.recordFailure("acme", "1.0.0", RuntimeErrorCode.START_FAILED, "boom");
  }

  @Test
  void recordFailure_thresholdInsideWindow_disablesOnceWithEventAndCallback() {
    assertThat(fail()).isFalse();
    clock.advance(Duration.ofSeconds(20));
    assertThat(fail()).isFalse();
    clock.advance(Duration.ofSeconds(20));
    assertThat(fail()).isTrue();
    assertThat(fail()).isFalse();

    assertThat(guard.isDisabled("acme")).isTrue();
    assertThat(trips).singleElement().satisfies(t -> {
      assertThat(t.pluginId()).isEqualTo("acme");
      assertThat(t.failures()).isEqualTo(3);
      assertThat(t.lastCode()).isEqualTo("START_FAILED");
      assertThat(t.at()).isEqualTo(Instant.parse("2025-01-01T00:00:40Z"));
    });
    assertThat(sink.ofType(RuntimeEvents.AUTO_DISABLED)).singleElement()
        .satisfies(e -> assertThat(e.detail()).containsEntry("failures", 3).containsEntry("code", "START_FAILED"));
  }

  @Test
  void recordFailure_failuresSpreadBeyondWindow_neverTrip() {
    for (int i = 0; i < 10; i++) {
      assertThat(fail()).isFalse();
      clock.advance(Duration.ofSeconds(31));
    }

    assertThat(guard.isDisabled("acme")).isFalse();
    assertThat(guard.state("acme").failuresInWindow()).isEqualTo(1);
    assertThat(trips).isEmpty();
  }

  @Test
  void recordSuccess_clearsCount() {
    fail();
    fail();
    guard.recordSuccess("acme");

    assertThat(fail()).isFalse();
    assertThat(guard.state("acme").failuresInWindow()).isEqualTo(1);
  }

  @Test
  void reset_afterDisable_reenablesAndStartsCountingAgain() {
    fail();
    fail();
    fail();
    guard.reset("acme");

    assertThat(guard.isDisabled("acme")).isFalse();
    assertThat(guard.state("acme")).isEqualTo(new GuardState("acme", 0, false, null, null));
    assertThat(fail()).isFalse();
    assertThat(fail()).isFalse();
    assertThat(fail()).isTrue();
    assertThat(trips).hasSize(2);
  }

  @Test
  void recordFailure_otherPlugins_countedSeparately() {
    fail();
    fail();
    guard.recordFailure("other", "2.0.0", RuntimeErrorCode.HEALTH_FAILED, "sick");

    assertThat(guard.state("other").failuresInWindow()).isEqualTo(1);
    assertThat(guard.state("acme").lastCode()).isEqualTo("START_FAILED");
    assertThat(guard.isDisabled("acme")).isFalse();
  }

  @Test
  void limits_pluginAsksForFewerFailuresAndALongerWindow_tripsSooner() {
    guard.limits("acme", 1, Duration.ofMinutes(10));

    assertThat(guard.threshold("acme")).isEqualTo(1);
    assertThat(guard.window("acme")).isEqualTo(Duration.ofMinutes(10));
    assertThat(fail()).isTrue();
    assertThat(trips).singleElement().satisfies(t -> assertThat(t.window()).isEqualTo(Duration.ofMinutes(10)));
    assertThat(guard.threshold("other")).isEqualTo(3);
  }

  @Test
  void limits_pluginAsksForMoreFailuresOrAShorterWindow_keepsTheHostsGuard() {
    guard.limits("acme", 50, Duration.ofSeconds(1));

    assertThat(guard.threshold("acme")).isEqualTo(3);
    assertThat(guard.window("acme")).isEqualTo(Duration.ofMinutes(1));
    fail();
    clock.advance(Duration.ofSeconds(20));
    fail();
    clock.advance(Duration.ofSeconds(20));
    assertThat(fail()).as("third failure inside the host's minute still trips").isTrue();
  }

  @Test
  void limits_longerWindow_keepsOldFailuresCounting() {
    guard.limits("acme", null, Duration.ofMinutes(5));
    fail();
    clock.advance(Duration.ofMinutes(2));
    fail();
    clock.advance(Duration.ofMinutes(2));

    assertThat(fail()).as("all three fall inside the plugin's 5 minutes").isTrue();
  }
}
