package dev.plinth.hooks;

import static dev.plinth.hooks.TestPoints.HELLO;
import static dev.plinth.hooks.TestPoints.OBSERVE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.api.hook.ExecutionMode;
import dev.plinth.api.hook.HookOptions;
import dev.plinth.api.hook.HookResult;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReceiptCpuTimeTest {
  // Platform threads: the JVM measures CPU time per platform thread only.
  private final HookDispatcher dispatcher = HookDispatcher.builder().virtualThreads(false).build();

  @AfterEach
  void close() {
    dispatcher.close();
  }

  private HookReceipt dispatchOne(ExecutionMode mode, long busyMillis, long sleepMillis) {
    dispatcher.registry().register(HandlerSpec.of("worker", OBSERVE, HookOptions.DEFAULTS.withMode(mode), c -> {
      long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(busyMillis);
      long x = 0;
      while (System.nanoTime() < end) {
        x += Long.numberOfTrailingZeros(System.nanoTime() | 1);
      }
      Thread.sleep(sleepMillis + (x == -1 ? 1 : 0));
      return HookResult.unchanged();
    }));
    return dispatcher.dispatch(OBSERVE, HELLO).receipts().get(0);
  }

  @Test
  void isolated_busyHandler_receiptCarriesItsCpuTime() {
    HookReceipt r = dispatchOne(ExecutionMode.ISOLATED, 60, 0);

    assertThat(r.status()).isEqualTo(ReceiptStatus.OK);
    // A shared machine may run it only part of the time: it still spent CPU, at most its wall time.
    assertThat(r.cpuNanos()).isPositive().isLessThanOrEqualTo(r.durationNanos() + TimeUnit.MILLISECONDS.toNanos(5));
  }

  @Test
  void isolated_sleepingHandler_spendsLittleCpu() {
    HookReceipt r = dispatchOne(ExecutionMode.ISOLATED, 0, 80);

    assertThat(r.durationNanos()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(80));
    assertThat(r.cpuNanos()).isBetween(0L, TimeUnit.MILLISECONDS.toNanos(40));
  }

  @Test
  void inline_handler_cpuNotMeasured() {
    HookReceipt r = dispatchOne(ExecutionMode.INLINE, 1, 0);

    assertThat(r.cpuNanos()).isEqualTo(-1);
  }
}
