package dev.plinth.hooks;

import static dev.plinth.hooks.TestPoints.GATE;
import static dev.plinth.hooks.TestPoints.HELLO;
import static dev.plinth.hooks.TestPoints.OBSERVE;
import static dev.plinth.hooks.TestPoints.append;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.api.hook.ExecutionMode;
import dev.plinth.api.hook.HookHandler;
import dev.plinth.api.hook.HookOptions;
import dev.plinth.api.hook.HookPoint;
import dev.plinth.api.hook.HookResult;
import dev.plinth.hooks.TestPoints.Msg;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real threads and real time. Bounds are correctness bounds (the caller is not held past the
 * timeout), with generous slack for a loaded machine; they are not performance assertions.
 */
class DispatchTimeoutTest {
  private static final long SLACK_MS = 500;
  private final List<HookDispatcher> open = new ArrayList<>();
  private volatile boolean released;

  @AfterEach
  void close() {
    released = true;
    open.forEach(HookDispatcher::close);
  }

  private HookDispatcher dispatcher(HookDispatcher.Builder builder) {
    HookDispatcher d = builder.build();
    open.add(d);
    return d;
  }

  private static <T> void add(HookDispatcher d, String plugin, HookPoint<T> point, HookOptions options, HookHandler<T> h) {
    d.registry().register(HandlerSpec.of(plugin, point, options, h));
  }

  private static long millisSince(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }

  /** Sleeps until released, swallowing interrupts: a handler that cannot be stopped. */
  private HookHandler<Msg> stuck(CountDownLatch started) {
    return ctx -> {
      started.countDown();
      while (!released) {
        try {
          Thread.sleep(10);
        } catch (InterruptedException ignored) {
          // deliberately ignores interruption
        }
      }
      return HookResult.proceed(ctx.data().withText("late"));
    };
  }

  @ParameterizedTest(name = "virtualThreads={0}")
  @ValueSource(booleans = {true, false})
  void isolated_sleepsPastTimeout_timeoutReceiptCallerFreedAndHandlerInterrupted(boolean virtual) throws Exception {
    HookDispatcher d = dispatcher(HookDispatcher.builder().virtualThreads(virtual));
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    add(d, "sleepy", OBSERVE, HookOptions.DEFAULTS.withTimeout(Duration.ofMillis(300)), ctx -> {
      started.countDown();
      try {
        Thread.sleep(10_000);
      } catch (InterruptedException e) {
        interrupted.countDown();
      }
      return HookResult.proceed(ctx.data().withText("late"));
    });
    add(d, "after", OBSERVE, HookOptions.DEFAULTS.withPriority(-1), append("[after]"));

    long start = System.nanoTime();
    DispatchResult<Msg> r = d.dispatch(OBSERVE, HELLO);
    long elapsed = millisSince(start);

    assertThat(elapsed).isBetween(290L, 300 + SLACK_MS);
    HookReceipt receipt = r.receipts().get(0);
    assertThat(receipt.status()).isEqualTo(ReceiptStatus.TIMEOUT);
    assertThat(r.data().text()).isEqualTo("hello[after]");
    assertStartedAndInterruptedOrNeverRan(receipt, started, interrupted, "timeout: exceeded 300 ms");
  }

  /**
   * A call abandoned while running says {@code stillRunning} and is interrupted; on a machine so
   * loaded that no thread picked the call up before its timeout, it is cancelled and never runs.
   */
  private static void assertStartedAndInterruptedOrNeverRan(
      HookReceipt receipt, CountDownLatch started, CountDownLatch interrupted, String timeout) throws Exception {
    String policy = "; fail-open: chain continues with the data as it was";
    if (receipt.stillRunning()) {
      assertThat(receipt.detail()).isEqualTo(timeout + ", still running" + policy);
      assertThat(started.await(5, TimeUnit.SECONDS)).as("abandoned call had started").isTrue();
      assertThat(interrupted.await(5, TimeUnit.SECONDS)).as("abandoned call interrupted").isTrue();
    } else {
      assertThat(receipt.detail()).isEqualTo(timeout + policy);
      assertThat(started.getCount()).as("cancelled call never ran").isEqualTo(1);
    }
  }

  @Test
  void isolated_timeoutOnGateWithDefaultPolicy_blocks() {
    HookDispatcher d = dispatcher(HookDispatcher.builder().handlerTimeout(Duration.ofMillis(100)));
    add(d, "slow_gate", GATE, HookOptions.DEFAULTS, ctx -> {
      Thread.sleep(10_000);
      return HookResult.unchanged();
    });

    DispatchResult<Msg> r = d.dispatch(GATE, HELLO);

    assertThat(r.blocked()).isTrue();
    assertThat(r.blockedBy()).isEqualTo("slow_gate");
    assertThat(r.blockReason())
        .startsWith("fail-closed: handler of slow_gate did not complete (timeout: exceeded 100 ms");
    assertThat(r.receipts().get(0).status()).isEqualTo(ReceiptStatus.TIMEOUT);
  }

  @Test
  void executorSaturated_isolatedHandlerSkipped_failOpenContinuesFailClosedBlocks() throws Exception {
    HookDispatcher d = dispatcher(HookDispatcher.builder()
        .handlerTimeout(Duration.ofMillis(200)).virtualThreads(false).platformThreads(1));
    CountDownLatch started = new CountDownLatch(1);
    add(d, "hog", OBSERVE, HookOptions.DEFAULTS.withPriority(3), stuck(started));
    add(d, "late", OBSERVE, HookOptions.DEFAULTS.withPriority(2), append("[late]"));
    add(d, "inline", OBSERVE, HookOptions.DEFAULTS.withPriority(1).withMode(ExecutionMode.INLINE), append("[inline]"));
    add(d, "guard", GATE, HookOptions.DEFAULTS, append("[guard]"));

    DispatchResult<Msg> open = d.dispatch(OBSERVE, HELLO);

    assertThat(started.await(5, TimeUnit.SECONDS)).as("the hog holds the only thread").isTrue();
    assertThat(open.receipts().get(0).status()).isEqualTo(ReceiptStatus.TIMEOUT);
    assertThat(open.receipts().get(0).stillRunning()).isTrue();
    HookReceipt skipped = open.receipts().get(1);
    assertThat(skipped.pluginId()).isEqualTo("late");
    assertThat(skipped.status()).isEqualTo(ReceiptStatus.SKIPPED);
    assertThat(skipped.detail()).isEqualTo("executor saturated: no thread free for isolated handlers;"
        + " fail-open: chain continues with the data as it was");
    assertThat(open.receipts().get(2).status()).as("inline handlers need no thread").isEqualTo(ReceiptStatus.OK);
    assertThat(open.data().text()).isEqualTo("hello[inline]");
    assertThat(open.receipts()).allSatisfy(r -> assertThat(r.durationNanos()).isNotNegative());

    DispatchResult<Msg> closed = d.dispatch(GATE, HELLO);

    assertThat(closed.blocked()).isTrue();
    assertThat(closed.blockedBy()).isEqualTo("guard");
    assertThat(closed.receipts().get(0).status()).isEqualTo(ReceiptStatus.SKIPPED);
    assertThat(closed.blockReason()).startsWith("fail-closed: handler of guard did not complete");
  }

  @Test
  void isolated_neverReturnsAndIgnoresInterrupts_callerFreedAndLateResultDiscarded() throws Exception {
    HookDispatcher d = dispatcher(HookDispatcher.builder().handlerTimeout(Duration.ofMillis(300)));
    CountDownLatch started = new CountDownLatch(1);
    add(d, "stuck", OBSERVE, HookOptions.DEFAULTS, stuck(started));

    long start = System.nanoTime();
    DispatchResult<Msg> r = d.dispatch(OBSERVE, HELLO);

    assertThat(millisSince(start)).isLessThan(300 + SLACK_MS);
    HookReceipt receipt = r.receipts().get(0);
    assertThat(receipt.status()).isEqualTo(ReceiptStatus.TIMEOUT);
    assertThat(r.data()).isSameAs(HELLO);
    if (receipt.stillRunning()) {
      assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
    } else {
      assertThat(started.getCount()).as("cancelled call never ran").isEqualTo(1);
    }
  }

  @Test
  void bulkhead_pluginAtAbandonedLimit_skippedUntilItsCallsEnd() throws Exception {
    HookDispatcher d = dispatcher(HookDispatcher.builder()
        .handlerTimeout(Duration.ofMillis(400)).bulkheadLimit(2).virtualThreads(false));
    add(d, "stuck", OBSERVE, HookOptions.DEFAULTS.withPriority(1), stuck(new CountDownLatch(1)));
    add(d, "healthy", OBSERVE, HookOptions.DEFAULTS, append("[healthy]"));

    DispatchResult<Msg> first = d.dispatch(OBSERVE, HELLO);
    DispatchResult<Msg> second = d.dispatch(OBSERVE, HELLO);
    DispatchResult<Msg> third = d.dispatch(OBSERVE, HELLO);

    assertThat(first.receipts().get(0).status()).isEqualTo(ReceiptStatus.TIMEOUT);
    assertThat(second.receipts().get(0).status()).isEqualTo(ReceiptStatus.TIMEOUT);
    assertThat(first.receipts().get(0).stillRunning() && second.receipts().get(0).stillRunning())
        .as("both calls started before their 400 ms timeout").isTrue();
    HookReceipt skipped = third.receipts().get(0);
    assertThat(skipped.status()).isEqualTo(ReceiptStatus.SKIPPED);
    assertThat(skipped.detail()).isEqualTo("bulkhead: 2 abandoned calls of plugin stuck still running (limit 2);"
        + " fail-open: chain continues with the data as it was");
    assertThat(skipped.durationNanos()).isLessThan(TimeUnit.MILLISECONDS.toNanos(50));
    assertThat(third.receipts().get(1).status()).isEqualTo(ReceiptStatus.OK);
    assertThat(third.data().text()).isEqualTo("hello[healthy]");

    released = true;
    ReceiptStatus status = ReceiptStatus.SKIPPED;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (status == ReceiptStatus.SKIPPED && System.nanoTime() < deadline) {
      Thread.sleep(20);
      status = d.dispatch(OBSERVE, HELLO).receipts().get(0).status();
    }
    assertThat(status).as("runs again once abandoned calls ended").isEqualTo(ReceiptStatus.OK);
  }

  @Test
  void chainBudget_sixTimeoutsAgainstScaledBudget_sixthSkippedAndCallerBounded() {
    HookDispatcher d = dispatcher(HookDispatcher.builder()
        .handlerTimeout(Duration.ofMillis(150)).chainBudget(Duration.ofMillis(800)));
    for (int i = 0; i < 6; i++) {
      add(d, "slow" + i, OBSERVE, HookOptions.DEFAULTS, ctx -> {
        Thread.sleep(10_000);
        return HookResult.unchanged();
      });
    }

    long start = System.nanoTime();
    DispatchResult<Msg> r = d.dispatch(OBSERVE, HELLO);

    assertThat(millisSince(start)).isLessThan(800 + SLACK_MS);
    assertThat(r.receipts()).extracting(HookReceipt::status).containsExactly(
        ReceiptStatus.TIMEOUT, ReceiptStatus.TIMEOUT, ReceiptStatus.TIMEOUT, ReceiptStatus.TIMEOUT,
        ReceiptStatus.TIMEOUT, ReceiptStatus.SKIPPED);
    assertThat(r.receipts().get(5).detail()).matches(
        "budget: \\d+ ms left in the chain budget, handler needs 150 ms; fail-open: .*");
  }

  @ParameterizedTest(name = "minimumSlice={0}")
  @ValueSource(booleans = {true, false})
  void chainBudget_handlerNeedsMoreThanLeft_runsWithRestOnlyWhenSliceSet(boolean slice) {
    HookDispatcher.Builder builder =
        HookDispatcher.builder().handlerTimeout(Duration.ofMillis(150)).chainBudget(Duration.ofMillis(800));
    HookDispatcher d = dispatcher(slice ? builder.minimumSlice(Duration.ofMillis(10)) : builder);
    AtomicReference<Duration> lastRemaining = new AtomicReference<>();
    for (int i = 0; i < 3; i++) {
      add(d, "slow" + i, OBSERVE, HookOptions.DEFAULTS.withPriority(10), ctx -> {
        Thread.sleep(10_000);
        return HookResult.unchanged();
      });
    }
    // About 350 ms of the budget are left for a handler whose own timeout is 600 ms.
    add(d, "last", OBSERVE, HookOptions.DEFAULTS.withMode(ExecutionMode.INLINE).withTimeout(Duration.ofMillis(600)),
        ctx -> {
          lastRemaining.set(ctx.remaining());
          return HookResult.unchanged();
        });

    DispatchResult<Msg> r = d.dispatch(OBSERVE, HELLO);

    HookReceipt last = r.receipts().get(3);
    if (slice) {
      assertThat(last.status()).isEqualTo(ReceiptStatus.OK);
      assertThat(lastRemaining.get()).isGreaterThan(Duration.ofMillis(10)).isLessThanOrEqualTo(Duration.ofMillis(350));
    } else {
      assertThat(last.status()).isEqualTo(ReceiptStatus.SKIPPED);
      assertThat(last.detail()).contains("handler needs 600 ms");
      assertThat(lastRemaining.get()).isNull();
    }
  }

  @Test
  void chainBudget_skipOnGate_failsClosedAndBlocks() {
    HookDispatcher d = dispatcher(HookDispatcher.builder()
        .handlerTimeout(Duration.ofMillis(100)).chainBudget(Duration.ofMillis(150)));
    add(d, "slow", GATE, HookOptions.DEFAULTS.withPriority(1).withFailure(dev.plinth.api.hook.FailurePolicy.OPEN),
        ctx -> {
          Thread.sleep(10_000);
          return HookResult.unchanged();
        });
    add(d, "gate", GATE, HookOptions.DEFAULTS, ctx -> HookResult.unchanged());

    DispatchResult<Msg> r = d.dispatch(GATE, HELLO);

    assertThat(r.receipts()).extracting(HookReceipt::status).containsExactly(ReceiptStatus.TIMEOUT, ReceiptStatus.SKIPPED);
    assertThat(r.blocked()).isTrue();
    assertThat(r.blockedBy()).isEqualTo("gate");
    assertThat(r.blockReason()).startsWith("fail-closed: handler of gate did not complete (budget: ");
  }

  @Test
  void chainBudget_realDefaults_sixthOfSixSlowHandlersSkipped() {
    HookDispatcher d = dispatcher(HookDispatcher.builder());
    for (int i = 0; i < 6; i++) {
      add(d, "slow" + i, OBSERVE, HookOptions.DEFAULTS, ctx -> {
        Thread.sleep(60_000);
        return HookResult.unchanged();
      });
    }

    long start = System.nanoTime();
    DispatchResult<Msg> r = d.dispatch(OBSERVE, HELLO);

    assertThat(millisSince(start)).isBetween(7_500L, 8_000 + SLACK_MS);
    assertThat(r.receipts()).extracting(HookReceipt::status).containsExactly(
        ReceiptStatus.TIMEOUT, ReceiptStatus.TIMEOUT, ReceiptStatus.TIMEOUT, ReceiptStatus.TIMEOUT,
        ReceiptStatus.TIMEOUT, ReceiptStatus.SKIPPED);
  }

  @ParameterizedTest(name = "preciseInlineTiming={0}")
  @ValueSource(booleans = {true, false})
  void inline_overrunsTimeout_judgedAfterTheFactAndResultDiscarded(boolean precise) {
    HookDispatcher d = dispatcher(HookDispatcher.builder().preciseInlineTiming(precise));
    add(d, "trusted", OBSERVE, HookOptions.DEFAULTS.withMode(ExecutionMode.INLINE).withTimeout(Duration.ofMillis(50)),
        ctx -> {
          Thread.sleep(150);
          return HookResult.proceed(ctx.data().withText("too late"));
        });

    long start = System.nanoTime();
    DispatchResult<Msg> r = d.dispatch(OBSERVE, HELLO);

    assertThat(millisSince(start)).as("inline cannot be preempted").isGreaterThanOrEqualTo(150);
    HookReceipt receipt = r.receipts().get(0);
    assertThat(receipt.status()).isEqualTo(ReceiptStatus.TIMEOUT);
    assertThat(receipt.stillRunning()).isFalse();
    assertThat(receipt.detail()).startsWith("timeout: exceeded 50 ms; fail-open");
    // Either clock measures the 150 ms sleep: the coarse one to within its lag on a loaded machine.
    assertThat(receipt.durationNanos()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
    assertThat(r.data()).isSameAs(HELLO);
  }

  @Test
  void dispatchingThreadInterrupted_chainStopsGateBlocksFlagKept() throws Exception {
    HookDispatcher d = dispatcher(HookDispatcher.builder());
    CountDownLatch started = new CountDownLatch(1);
    add(d, "slow", GATE, HookOptions.DEFAULTS.withPriority(1).withFailure(dev.plinth.api.hook.FailurePolicy.OPEN),
        ctx -> {
          started.countDown();
          Thread.sleep(10_000);
          return HookResult.unchanged();
        });
    add(d, "next", GATE, HookOptions.DEFAULTS, append("[next]"));
    AtomicReference<DispatchResult<Msg>> result = new AtomicReference<>();
    AtomicReference<Boolean> flagAfter = new AtomicReference<>();
    Thread caller = new Thread(() -> {
      result.set(d.dispatch(GATE, HELLO));
      flagAfter.set(Thread.currentThread().isInterrupted());
    });

    caller.start();
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
    caller.interrupt();
    caller.join(5_000);

    DispatchResult<Msg> r = result.get();
    assertThat(r.receipts()).hasSize(1);
    assertThat(r.receipts().get(0).status()).isEqualTo(ReceiptStatus.ERROR);
    assertThat(r.receipts().get(0).errorType()).isEqualTo("java.lang.InterruptedException");
    assertThat(r.blocked()).isTrue();
    assertThat(r.blockReason()).isEqualTo("fail-closed: handler of slow did not complete (dispatch interrupted)");
    assertThat(flagAfter.get()).isTrue();
  }
}
