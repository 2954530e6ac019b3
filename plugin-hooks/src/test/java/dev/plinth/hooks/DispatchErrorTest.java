package dev.plinth.hooks;

import static dev.plinth.hooks.TestPoints.HELLO;
import static dev.plinth.hooks.TestPoints.OBSERVE;
import static dev.plinth.hooks.TestPoints.append;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.api.hook.ExecutionMode;
import dev.plinth.api.hook.HookHandler;
import dev.plinth.api.hook.HookOptions;
import dev.plinth.api.hook.HookResult;
import dev.plinth.hooks.TestPoints.Msg;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DispatchErrorTest {
  private final LinkedBlockingQueue<HookReceipt> delivered = new LinkedBlockingQueue<>();
  private final HookDispatcher dispatcher = HookDispatcher.builder().receiptListener(delivered::add).build();

  @AfterEach
  void close() {
    dispatcher.close();
  }

  private void add(String plugin, ExecutionMode mode, int priority, HookHandler<Msg> handler) {
    dispatcher.registry().register(
        HandlerSpec.of(plugin, OBSERVE, HookOptions.DEFAULTS.withMode(mode).withPriority(priority), handler));
  }

  private static int recurse(int depth) {
    return recurse(depth + 1) + 1;
  }

  @ParameterizedTest
  @EnumSource(ExecutionMode.class)
  void assertionError_becomesErrorReceiptAndChainContinues(ExecutionMode mode) {
    add("asserting", mode, 1, ctx -> {
      throw new AssertionError("invariant broken");
    });
    add("after", ExecutionMode.INLINE, 0, append("[after]"));

    DispatchResult<Msg> r = dispatcher.dispatch(OBSERVE, HELLO);

    HookReceipt receipt = r.receipts().get(0);
    assertThat(receipt.status()).isEqualTo(ReceiptStatus.ERROR);
    assertThat(receipt.status().isFailure()).isTrue();
    assertThat(receipt.errorType()).isEqualTo("java.lang.AssertionError");
    assertThat(receipt.errorMessage()).isEqualTo("invariant broken");
    assertThat(r.data().text()).isEqualTo("hello[after]");
  }

  @Test
  void linkageError_becomesErrorReceipt() {
    add("linking", ExecutionMode.ISOLATED, 0, ctx -> {
      throw new NoClassDefFoundError("com/acme/Missing");
    });

    HookReceipt receipt = dispatcher.dispatch(OBSERVE, HELLO).receipts().get(0);

    assertThat(receipt.status()).isEqualTo(ReceiptStatus.ERROR);
    assertThat(receipt.errorType()).isEqualTo("java.lang.NoClassDefFoundError");
    assertThat(receipt.errorMessage()).isEqualTo("com/acme/Missing");
  }

  @Test
  void stackOverflow_inIsolatedHandler_rethrownToCallerAndReported() throws Exception {
    add("recursive", ExecutionMode.ISOLATED, 0, ctx -> {
      recurse(0);
      return HookResult.unchanged();
    });

    assertThatThrownBy(() -> dispatcher.dispatch(OBSERVE, HELLO)).isInstanceOf(StackOverflowError.class);

    HookReceipt receipt = delivered.poll(5, TimeUnit.SECONDS);
    assertThat(receipt).isNotNull();
    assertThat(receipt.status()).isEqualTo(ReceiptStatus.ERROR);
    assertThat(receipt.errorType()).isEqualTo("java.lang.StackOverflowError");
    assertThat(receipt.detail()).isEqualTo("rethrown to the dispatching thread");
  }

  @Test
  void outOfMemory_inInlineHandlerUnderFailOpen_rethrownNotSwallowed() {
    add("hungry", ExecutionMode.INLINE, 0, ctx -> {
      throw new OutOfMemoryError("Java heap space");
    });
    ClassLoader before = Thread.currentThread().getContextClassLoader();

    assertThatThrownBy(() -> dispatcher.dispatch(OBSERVE, HELLO))
        .isInstanceOf(OutOfMemoryError.class)
        .hasMessage("Java heap space");
    assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(before);
  }

  @Test
  void outOfMemory_inIsolatedHandler_rethrownToCaller() {
    add("hungry", ExecutionMode.ISOLATED, 0, ctx -> {
      throw new OutOfMemoryError("Metaspace");
    });

    assertThatThrownBy(() -> dispatcher.dispatch(OBSERVE, HELLO))
        .isInstanceOf(OutOfMemoryError.class)
        .hasMessage("Metaspace");
  }
}
