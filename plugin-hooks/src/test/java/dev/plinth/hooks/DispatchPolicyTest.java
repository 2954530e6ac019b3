package dev.plinth.hooks;

import static dev.plinth.hooks.TestPoints.GATE;
import static dev.plinth.hooks.TestPoints.HELLO;
import static dev.plinth.hooks.TestPoints.OBSERVE;
import static dev.plinth.hooks.TestPoints.append;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.api.hook.ExecutionMode;
import dev.plinth.api.hook.FailurePolicy;
import dev.plinth.api.hook.HookHandler;
import dev.plinth.api.hook.HookMerge;
import dev.plinth.api.hook.HookOptions;
import dev.plinth.api.hook.HookPoint;
import dev.plinth.api.hook.HookResult;
import dev.plinth.hooks.TestPoints.Msg;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DispatchPolicyTest {
  private final HookDispatcher dispatcher = HookDispatcher.builder().build();
  private final AtomicInteger lastCalls = new AtomicInteger();

  @AfterEach
  void close() {
    dispatcher.close();
  }

  private void add(String plugin, int priority, HookPoint<Msg> point, ExecutionMode mode,
      FailurePolicy failure, HookHandler<Msg> handler) {
    HookOptions options = HookOptions.DEFAULTS.withPriority(priority).withMode(mode);
    if (failure != null) {
      options = options.withFailure(failure);
    }
    dispatcher.registry().register(HandlerSpec.of(plugin, point, options, handler));
  }

  private void addLast(HookPoint<Msg> point) {
    add("zz_last", -100, point, ExecutionMode.INLINE, null, ctx -> {
      lastCalls.incrementAndGet();
      return HookResult.proceed(ctx.data().withText(ctx.data().text() + "[last]"));
    });
  }

  private static HookHandler<Msg> failing() {
    return ctx -> {
      throw new IllegalStateException("rules file missing");
    };
  }

  @Test
  void error_failOpen_continuesWithDataAsItWas() {
    add("first", 10, GATE, ExecutionMode.INLINE, null, append("[first]"));
    add("broken", 5, GATE, ExecutionMode.ISOLATED, FailurePolicy.OPEN, failing());
    addLast(GATE);

    DispatchResult<Msg> r = dispatcher.dispatch(GATE, HELLO);

    assertThat(r.blocked()).isFalse();
    assertThat(r.data().text()).isEqualTo("hello[first][last]");
    HookReceipt broken = r.receipts().get(1);
    assertThat(broken.status()).isEqualTo(ReceiptStatus.ERROR);
    assertThat(broken.errorType()).isEqualTo("java.lang.IllegalStateException");
    assertThat(broken.errorMessage()).isEqualTo("rules file missing");
    assertThat(broken.detail()).isEqualTo("error; fail-open: chain continues with the data as it was");
    assertThat(broken.mutated()).isFalse();
    assertThat(lastCalls).hasValue(1);
  }

  @Test
  void error_failClosedOnBlockablePoint_stopsAndBlocks() {
    add("first", 10, GATE, ExecutionMode.INLINE, null, append("[first]"));
    add("broken", 5, GATE, ExecutionMode.INLINE, FailurePolicy.CLOSED, failing());
    addLast(GATE);

    DispatchResult<Msg> r = dispatcher.dispatch(GATE, HELLO);

    assertThat(r.blocked()).isTrue();
    assertThat(r.blockedBy()).isEqualTo("broken");
    assertThat(r.blockReason()).isEqualTo("fail-closed: handler of broken did not complete (error)");
    assertThat(r.data().text()).isEqualTo("hello[first]");
    assertThat(r.receipts()).extracting(HookReceipt::status)
        .containsExactly(ReceiptStatus.OK, ReceiptStatus.ERROR);
    assertThat(r.receipts().get(1).detail()).isEqualTo("error; fail-closed: chain stopped and blocked");
    assertThat(lastCalls).hasValue(0);
  }

  @Test
  void error_pointDefaultOnBlockablePoint_isClosed() {
    add("broken", 5, GATE, ExecutionMode.INLINE, null, failing());
    addLast(GATE);

    DispatchResult<Msg> r = dispatcher.dispatch(GATE, HELLO);

    assertThat(r.blocked()).isTrue();
    assertThat(lastCalls).hasValue(0);
  }

  @Test
  void error_failClosedOnObserverPoint_stopsWithoutBlocking() {
    add("first", 10, OBSERVE, ExecutionMode.INLINE, null, append("[first]"));
    add("broken", 5, OBSERVE, ExecutionMode.ISOLATED, FailurePolicy.CLOSED, failing());
    addLast(OBSERVE);

    DispatchResult<Msg> r = dispatcher.dispatch(OBSERVE, HELLO);

    assertThat(r.blocked()).isFalse();
    assertThat(r.blockedBy()).isNull();
    assertThat(r.data().text()).isEqualTo("hello[first]");
    assertThat(r.receipts()).hasSize(2);
    assertThat(r.receipts().get(1).detail()).isEqualTo("error; fail-closed: chain stopped (point not blockable)");
    assertThat(lastCalls).hasValue(0);
  }

  @Test
  void block_onBlockablePoint_stopsChainAndReportsBlocker() {
    add("first", 10, GATE, ExecutionMode.INLINE, null, append("[first]"));
    add("guard", 5, GATE, ExecutionMode.ISOLATED, null, ctx -> HookResult.block("secret in prompt"));
    addLast(GATE);

    DispatchResult<Msg> r = dispatcher.dispatch(GATE, HELLO);

    assertThat(r.blocked()).isTrue();
    assertThat(r.blockedBy()).isEqualTo("guard");
    assertThat(r.blockingPlugin()).contains("guard");
    assertThat(r.blockReason()).isEqualTo("secret in prompt");
    assertThat(r.data().text()).isEqualTo("hello[first]");
    assertThat(r.receipts().get(1).status()).isEqualTo(ReceiptStatus.BLOCKED);
    assertThat(r.receipts().get(1).detail()).isEqualTo("secret in prompt");
    assertThat(lastCalls).hasValue(0);
  }

  @Test
  void block_onObserverPoint_refusedAndChainContinues() {
    add("guard", 5, OBSERVE, ExecutionMode.INLINE, null, ctx -> HookResult.block("no"));
    addLast(OBSERVE);

    DispatchResult<Msg> r = dispatcher.dispatch(OBSERVE, HELLO);

    assertThat(r.blocked()).isFalse();
    assertThat(r.data().text()).isEqualTo("hello[last]");
    HookReceipt guard = r.receipts().get(0);
    assertThat(guard.status()).isEqualTo(ReceiptStatus.OK);
    assertThat(guard.mutated()).isFalse();
    assertThat(guard.detail()).isEqualTo("block refused: point not blockable (reason given: no)");
    assertThat(lastCalls).hasValue(1);
  }

  @Test
  void mutation_laterHandlerSeesEarlierChange_disallowedFieldRefused() {
    AtomicReference<Msg> seen = new AtomicReference<>();
    add("writer", 10, GATE, ExecutionMode.ISOLATED, null,
        ctx -> HookResult.proceed(new Msg("rewritten", "forged-tag")));
    add("reader", 5, GATE, ExecutionMode.INLINE, null, ctx -> {
      seen.set(ctx.data());
      return HookResult.proceed(ctx.data());
    });

    DispatchResult<Msg> r = dispatcher.dispatch(GATE, HELLO);

    assertThat(seen.get()).isEqualTo(new Msg("rewritten", "t1"));
    assertThat(r.data()).isEqualTo(new Msg("rewritten", "t1"));
    HookReceipt writer = r.receipts().get(0);
    assertThat(writer.mutated()).isTrue();
    assertThat(writer.changedFields()).containsExactly("text");
    assertThat(writer.refusedFields()).containsExactly("tag");
    HookReceipt reader = r.receipts().get(1);
    assertThat(reader.mutated()).isFalse();
    assertThat(reader.changedFields()).isEmpty();
    assertThat(reader.refusedFields()).isEmpty();
  }

  @Test
  void mutation_onlyDisallowedField_dataUnchangedAndRefusalReported() {
    add("forger", 0, GATE, ExecutionMode.INLINE, null, ctx -> HookResult.proceed(new Msg("hello", "forged")));

    DispatchResult<Msg> r = dispatcher.dispatch(GATE, HELLO);

    assertThat(r.data()).isSameAs(HELLO);
    assertThat(r.receipts().get(0).status()).isEqualTo(ReceiptStatus.OK);
    assertThat(r.receipts().get(0).mutated()).isFalse();
    assertThat(r.receipts().get(0).refusedFields()).containsExactly("tag");
  }

  @Test
  void result_null_isErrorReceipt() {
    add("sloppy", 0, OBSERVE, ExecutionMode.INLINE, null, ctx -> null);
    addLast(OBSERVE);

    DispatchResult<Msg> r = dispatcher.dispatch(OBSERVE, HELLO);

    HookReceipt sloppy = r.receipts().get(0);
    assertThat(sloppy.status()).isEqualTo(ReceiptStatus.ERROR);
    assertThat(sloppy.errorType()).isEqualTo("java.lang.NullPointerException");
    assertThat(sloppy.errorMessage()).isEqualTo("handler result must not be null: null");
    assertThat(r.data().text()).isEqualTo("hello[last]");
  }

  @Test
  void merge_throws_isErrorReceiptForThatHandler() {
    HookPoint<String> strict = HookPoint.<String>builder("test.strict", String.class)
        .merge((current, proposed) -> {
          throw new IllegalArgumentException("value must be lower case: " + proposed);
        })
        .build();
    dispatcher.registry().register(HandlerSpec.of("shouty", strict, HookOptions.DEFAULTS, ctx -> HookResult.proceed("LOUD")));

    DispatchResult<String> r = dispatcher.dispatch(strict, "quiet");

    assertThat(r.data()).isEqualTo("quiet");
    HookReceipt receipt = r.receipts().get(0);
    assertThat(receipt.status()).isEqualTo(ReceiptStatus.ERROR);
    assertThat(receipt.errorType()).isEqualTo("java.lang.IllegalArgumentException");
    assertThat(receipt.errorMessage()).isEqualTo("value must be lower case: LOUD");
    assertThat(receipt.detail()).startsWith("proposed data could not be merged; fail-open");
  }

  @Test
  void receipt_carriesPointScopeAndHandlerId() {
    add("first", 0, GATE, ExecutionMode.INLINE, null, ctx -> {
      assertThat(ctx.scope().id()).isEqualTo("run-42");
      assertThat(ctx.pluginId()).isEqualTo("first");
      assertThat(ctx.point()).isSameAs(GATE);
      return HookResult.unchanged();
    });

    DispatchResult<Msg> r = dispatcher.dispatch(GATE, dev.plinth.api.hook.HookScope.of("run-42"), HELLO);

    HookReceipt receipt = r.receipts().get(0);
    assertThat(receipt.status()).isEqualTo(ReceiptStatus.OK);
    assertThat(receipt.point()).isEqualTo("test.gate");
    assertThat(receipt.scopeId()).isEqualTo("run-42");
    assertThat(receipt.handlerId()).isEqualTo(dispatcher.registry().handlers(GATE).get(0).handlerId());
    // The default inline clock ticks every millisecond: a fast handler takes 0 or 1 tick, more
    // only if the clock's thread was starved and caught up during the call.
    assertThat(receipt.durationNanos()).isBetween(0L, 200 * CoarseClock.TICK_NANOS);
    assertThat(receipt.stillRunning()).isFalse();
  }

  @Test
  void handlerInOwnMerge_replaceAllPoint_acceptsWholeValue() {
    HookPoint<String> text = HookPoint.builder("test.text", String.class).merge(HookMerge.replaceAll()).build();
    dispatcher.registry().register(HandlerSpec.of("upper", text, HookOptions.DEFAULTS,
        ctx -> HookResult.proceed(ctx.data().toUpperCase(java.util.Locale.ROOT))));

    DispatchResult<String> r = dispatcher.dispatch(text, "abc");

    assertThat(r.data()).isEqualTo("ABC");
    assertThat(r.receipts().get(0).changedFields()).containsExactly("*");
  }
}
