package dev.plinth.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.api.hook.ExecutionMode;
import dev.plinth.api.hook.HookOptions;
import dev.plinth.api.hook.HookResult;
import dev.plinth.hooks.TestPoints.Msg;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The shared inline clock against System.nanoTime(), on real time. */
class CoarseClockTest {
  /** How far behind the clock may be on a loaded 2-core machine (its thread may wait to run). */
  private static final long LAG_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  @Test
  void nanoTime_tracksSystemNanoTime_neverAheadAndAtMostALagBehind() throws Exception {
    for (int i = 0; i < 50; i++) {
      long before = System.nanoTime();
      long coarse = CoarseClock.nanoTime();
      long after = System.nanoTime();
      assertThat(coarse).isLessThanOrEqualTo(after).isGreaterThan(before - LAG_NANOS);
      Thread.sleep(2);
    }
  }

  @Test
  void nanoTime_advancesWithTime_andNeverGoesBack() throws Exception {
    long first = CoarseClock.nanoTime();
    long previous = first;
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
    while (System.nanoTime() < end) {
      for (int i = 0; i < 1_000; i++) {
        long now = CoarseClock.nanoTime();
        assertThat(now).isGreaterThanOrEqualTo(previous);
        previous = now;
      }
      Thread.sleep(1);
    }
    // 300 ms passed; the clock may trail by its lag on a loaded machine, never by more.
    assertThat(previous - first).isGreaterThan(TimeUnit.MILLISECONDS.toNanos(300) - LAG_NANOS);
  }

  @Test
  void ticker_idlesWithoutReads_andTheNextReadIsPreciseAndWakesIt() throws Exception {
    CoarseClock.nanoTime();
    assertThat(CoarseClock.ticking()).isTrue();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (CoarseClock.ticking() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(CoarseClock.ticking()).as("parked after about a second without reads").isFalse();

    long before = System.nanoTime();
    long woken = CoarseClock.nanoTime();
    assertThat(woken).as("a read of an idle clock is precise").isGreaterThanOrEqualTo(before);
    assertThat(CoarseClock.nanoTime()).as("the next read does not go back before it").isGreaterThanOrEqualTo(woken);
    assertThat(CoarseClock.ticking()).isTrue();
    Thread.sleep(20);
    assertThat(CoarseClock.nanoTime()).isGreaterThan(woken);
  }

  @Test
  void tickerThread_startedFromAPluginLoader_holdsNoPluginLoader() throws Exception {
    try (URLClassLoader plugin = new URLClassLoader(new URL[0], null)) {
      Thread t = new Thread(CoarseClock::nanoTime);
      t.setContextClassLoader(plugin);
      t.start();
      t.join();
      Thread ticker = Thread.getAllStackTraces().keySet().stream()
          .filter(x -> x.getName().equals("plinth-hook-clock")).findFirst().orElseThrow();
      assertThat(ticker.isDaemon()).isTrue();
      assertThat(ticker.getContextClassLoader()).isSameAs(CoarseClock.class.getClassLoader());
    }
  }

  @Test
  void inlineChain_defaultClock_chargesASlowHandlerItsTime() {
    try (HookDispatcher d = HookDispatcher.builder().build()) {
      AtomicLong slept = new AtomicLong();
      d.registry().register(HandlerSpec.of("slow", TestPoints.OBSERVE,
          HookOptions.DEFAULTS.withMode(ExecutionMode.INLINE), ctx -> {
            long s = System.nanoTime();
            Thread.sleep(300);
            slept.set(System.nanoTime() - s);
            return HookResult.unchanged();
          }));
      DispatchResult<Msg> r = d.dispatch(TestPoints.OBSERVE, TestPoints.HELLO);
      long duration = r.receipts().get(0).durationNanos();
      // Within the clock's lag either way: a trailing start and a trailing end.
      assertThat(duration).isBetween(slept.get() - LAG_NANOS, slept.get() + LAG_NANOS);
    }
  }

  @Test
  void chain_inlineAfterIsolated_durationsNeverNegative() {
    try (HookDispatcher d = HookDispatcher.builder().build()) {
      d.registry().register(HandlerSpec.of("isolated", TestPoints.OBSERVE, HookOptions.DEFAULTS.withPriority(2),
          ctx -> HookResult.unchanged()));
      d.registry().register(HandlerSpec.of("inline", TestPoints.OBSERVE,
          HookOptions.DEFAULTS.withPriority(1).withMode(ExecutionMode.INLINE), ctx -> HookResult.unchanged()));

      for (int i = 0; i < 200; i++) {
        DispatchResult<Msg> r = d.dispatch(TestPoints.OBSERVE, TestPoints.HELLO);
        assertThat(r.receipts()).extracting(HookReceipt::pluginId).containsExactly("isolated", "inline");
        assertThat(r.receipts()).allSatisfy(receipt -> assertThat(receipt.durationNanos()).isNotNegative());
      }
    }
  }
}
