package dev.plinth.hooks;

import static dev.plinth.hooks.TestPoints.HELLO;
import static dev.plinth.hooks.TestPoints.OBSERVE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.api.hook.ExecutionMode;
import dev.plinth.api.hook.HookOptions;
import dev.plinth.api.hook.HookResult;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ReceiptListenerTest {
  private static final HookOptions INLINE = HookOptions.DEFAULTS.withMode(ExecutionMode.INLINE);

  @Test
  void listener_blockedForever_doesNotDelayDispatchAndOverflowIsCounted() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch firstArrived = new CountDownLatch(1);
    try (HookDispatcher d = HookDispatcher.builder().receiptQueueCapacity(2).receiptListener(r -> {
      firstArrived.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }).build()) {
      d.registry().register(HandlerSpec.of("p", OBSERVE, INLINE, ctx -> HookResult.unchanged()));

      d.dispatch(OBSERVE, HELLO);
      assertThat(firstArrived.await(5, TimeUnit.SECONDS)).isTrue();
      long start = System.nanoTime();
      for (int i = 0; i < 10; i++) {
        d.dispatch(OBSERVE, HELLO);
      }
      long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

      // One batch is held by the listener, two wait in the queue, the other eight are dropped.
      assertThat(d.droppedReceipts()).isEqualTo(8);
      assertThat(elapsedMs).as("dispatch never waits for listeners").isLessThan(1_000);
      release.countDown();
    }
  }

  @Test
  void listener_throws_othersStillReceiveEveryReceiptInOrder() throws Exception {
    List<HookReceipt> received = new CopyOnWriteArrayList<>();
    CountDownLatch all = new CountDownLatch(6);
    try (HookDispatcher d = HookDispatcher.builder()
        .receiptListener(r -> {
          throw new IllegalStateException("listener bug");
        })
        .receiptListener(r -> {
          received.add(r);
          all.countDown();
        })
        .build()) {
      d.registry().register(HandlerSpec.of("first", OBSERVE, INLINE.withPriority(1), ctx -> HookResult.unchanged()));
      d.registry().register(HandlerSpec.of("second", OBSERVE, INLINE, ctx -> {
        throw new IllegalArgumentException("bad");
      }));

      for (int i = 0; i < 3; i++) {
        d.dispatch(OBSERVE, dev.plinth.api.hook.HookScope.of("scope-" + i), HELLO);
      }

      assertThat(all.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(received).extracting(HookReceipt::scopeId)
          .containsExactly("scope-0", "scope-0", "scope-1", "scope-1", "scope-2", "scope-2");
      assertThat(received).extracting(HookReceipt::status).containsExactly(
          ReceiptStatus.OK, ReceiptStatus.ERROR, ReceiptStatus.OK, ReceiptStatus.ERROR,
          ReceiptStatus.OK, ReceiptStatus.ERROR);
      assertThat(d.droppedReceipts()).isZero();
    }
  }

  @Test
  void listener_addedLaterAndRemoved_receivesOnlyWhileRegistered() throws Exception {
    List<HookReceipt> received = new CopyOnWriteArrayList<>();
    CountDownLatch one = new CountDownLatch(1);
    HookDispatcher d = HookDispatcher.builder().build();
    d.registry().register(HandlerSpec.of("p", OBSERVE, INLINE, ctx -> HookResult.unchanged()));
    d.dispatch(OBSERVE, dev.plinth.api.hook.HookScope.of("before"), HELLO);
    ReceiptListener listener = r -> {
      received.add(r);
      one.countDown();
    };

    d.addReceiptListener(listener);
    d.dispatch(OBSERVE, dev.plinth.api.hook.HookScope.of("during"), HELLO);
    assertThat(one.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(d.removeReceiptListener(listener)).isTrue();
    d.dispatch(OBSERVE, dev.plinth.api.hook.HookScope.of("after"), HELLO);
    d.close();

    assertThat(received).extracting(HookReceipt::scopeId).containsExactly("during");
  }
}
