package dev.plinth.runtime.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.plinth.hooks.ReceiptStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CallWindowTest {
  private static final long MINUTE = 60_000;
  /** Minute 0 of the test, aligned to a one-minute bucket. */
  private static final long T0 = 1_700_000_040_000L;

  private static void calls(CallWindow w, long minute, int ok, int errors, int timeouts) {
    long at = T0 + minute * MINUTE + 1_000;
    for (int i = 0; i < ok; i++) {
      w.record(at, ReceiptStatus.OK, 1_000_000, false, -1);
    }
    for (int i = 0; i < errors; i++) {
      w.record(at, ReceiptStatus.ERROR, 1_000_000, false, -1);
    }
    for (int i = 0; i < timeouts; i++) {
      w.record(at, ReceiptStatus.TIMEOUT, 500_000_000, true, -1);
    }
  }

  @Test
  void burnRate_handComputedWindows_matchFiveMinuteAndOneHour() {
    CallWindow w = new CallWindow(Duration.ofHours(1), Duration.ofMinutes(1));
    for (int m = 0; m < 60; m++) {
      calls(w, m, 100, 0, 0);
    }
    calls(w, 10, 0, 50, 0); // an old incident: 50 errors in minute 10
    for (int m = 55; m < 60; m++) {
      calls(w, m, 0, 10, 10); // now: 20 failures a minute
    }
    long now = T0 + 59 * MINUTE + 30_000;
    SloObjective slo = SloObjective.DEFAULT; // budget 1 %

    WindowCounts five = w.sum(now, Duration.ofMinutes(5));
    WindowCounts hour = w.sum(now, Duration.ofHours(1));

    // 5 min: minutes 55..59 hold 5 * 120 calls, 5 * 20 failed: 100 / 600 = 16.67 %, / 1 % = 16.67
    assertThat(five.calls()).isEqualTo(600);
    assertThat(five.failed()).isEqualTo(100);
    assertThat(five.availabilityBurn(slo)).isCloseTo(16.6667, within(1e-3));
    // 1 h: 6000 + 50 + 100 calls, 150 failed: 150 / 6150 = 2.439 %, burn 2.439
    assertThat(hour.calls()).isEqualTo(6150);
    assertThat(hour.availabilityBurn(slo)).isCloseTo(2.4390, within(1e-3));
    // latency: the 50 timeouts ran over their bound: 50 / 6150 / 5 % = 0.1626
    assertThat(hour.slow()).isEqualTo(50);
    assertThat(hour.latencyBurn()).isCloseTo(0.1626, within(1e-3));
  }

  @Test
  void sum_bucketOlderThanWindow_isNotCounted() {
    CallWindow w = new CallWindow(Duration.ofHours(1), Duration.ofMinutes(1));
    calls(w, 0, 0, 7, 0);
    calls(w, 30, 3, 0, 0);

    assertThat(w.sum(T0 + 59 * MINUTE, Duration.ofHours(1)).errors()).isEqualTo(7);
    assertThat(w.sum(T0 + 60 * MINUTE, Duration.ofHours(1)).errors()).isZero();
    assertThat(w.sum(T0 + 60 * MINUTE, Duration.ofHours(1)).calls()).isEqualTo(3);
  }

  @Test
  void record_slotComesRoundAgain_oldBucketCleared() {
    CallWindow w = new CallWindow(Duration.ofMinutes(10), Duration.ofMinutes(1)); // 11 slots
    calls(w, 0, 0, 5, 0);
    calls(w, 11, 2, 0, 0); // same slot as minute 0

    WindowCounts c = w.sum(T0 + 11 * MINUTE, Duration.ofMinutes(10));

    assertThat(c.calls()).isEqualTo(2);
    assertThat(c.errors()).isZero();
  }

  @Test
  void sum_skippedCalls_spendNoBudget() {
    CallWindow w = new CallWindow(Duration.ofMinutes(5), Duration.ofMinutes(1));
    long at = T0 + 1_000;
    for (int i = 0; i < 9; i++) {
      w.record(at, ReceiptStatus.SKIPPED, 0, false, -1);
    }
    w.record(at, ReceiptStatus.ERROR, 1_000, false, -1);
    w.record(at, ReceiptStatus.BLOCKED, 1_000, false, -1);

    WindowCounts c = w.sum(at, Duration.ofMinutes(5));

    assertThat(c.calls()).isEqualTo(11);
    assertThat(c.eligible()).isEqualTo(2);
    assertThat(c.availabilityBurn(SloObjective.DEFAULT)).isCloseTo(50.0, within(1e-9)); // 1/2 / 1 %
    assertThat(w.latency(at, Duration.ofMinutes(5)).total()).isEqualTo(2);
  }

  @Test
  void burnRate_noCalls_isZero() {
    assertThat(BurnRates.burnRate(0, 0, 0.01)).isZero();
    assertThat(BurnRates.burnRate(1, 1000, 0.001)).isCloseTo(1.0, within(1e-12));
    assertThat(BurnRates.budgetLeft(2.5)).isEqualTo(-1.5);
  }
}
