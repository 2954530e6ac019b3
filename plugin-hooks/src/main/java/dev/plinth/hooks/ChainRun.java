package dev.plinth.hooks;

import dev.plinth.api.hook.ExecutionMode;
import dev.plinth.api.hook.FailurePolicy;
import dev.plinth.api.hook.HookPoint;
import dev.plinth.api.hook.HookResult;
import dev.plinth.api.hook.HookScope;
import dev.plinth.api.hook.MergeResult;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One dispatch over one snapshot of handlers. Confined to the dispatching thread; the fields hold
 * the chain's state and the outcome of the handler call in progress, so the hot path allocates
 * one of these, one context and one receipt per handler, and reads the clock once per handler:
 * for inline handlers the {@link CoarseClock} unless the dispatcher was built with precise inline
 * timing, for isolated ones {@link System#nanoTime()} (their hand-off costs microseconds anyway).
 */
final class ChainRun<T> {
  private static final Logger LOG = LoggerFactory.getLogger(ChainRun.class);
  private static final HookReceipt[] NO_ARRAY = new HookReceipt[0];

  private final HookDispatcher engine;
  private final HookPoint<T> point;
  private final HookScope scope;
  private final RegisteredHandler<?>[] handlers;

  private T current;
  private boolean stopped;
  private boolean blocked;
  private @Nullable String blockedBy;
  private @Nullable String blockReason;
  private boolean interrupted;

  // Outcome of the call in progress.
  private long limitNanos;
  private @Nullable HookResult<T> result;
  private @Nullable Throwable error;
  private boolean timedOut;
  private boolean stillRunning;
  private boolean callInterrupted;
  private @Nullable String skip;
  private long cpuNanos;

  ChainRun(HookDispatcher engine, HookPoint<T> point, HookScope scope, T input, RegisteredHandler<?>[] handlers) {
    this.engine = engine;
    this.point = point;
    this.scope = scope;
    this.current = input;
    this.handlers = handlers;
  }

  @SuppressWarnings("unchecked")
  DispatchResult<T> run() {
    // One handler (the common case for a point) needs no array: its receipt becomes a List.of.
    HookReceipt[] receipts = handlers.length == 1 ? NO_ARRAY : new HookReceipt[handlers.length];
    @Nullable HookReceipt single = null;
    int count = 0;
    long now = time();
    long deadline = now + engine.budgetNanos;
    for (int i = 0; i < handlers.length && !stopped; i++) {
      RegisteredHandler<T> h = (RegisteredHandler<T>) handlers[i];
      result = null;
      error = null;
      timedOut = false;
      stillRunning = false;
      callInterrupted = false;
      skip = null;
      cpuNanos = -1;
      boolean inline = h.mode == ExecutionMode.INLINE;
      // An isolated call waits on System.nanoTime(): start it from a precise reading too.
      long start = inline || engine.preciseInlineTiming ? now : System.nanoTime();
      long timeout = h.timeoutNanos != 0 ? h.timeoutNanos : engine.timeoutNanos;
      long need = engine.sliceNanos != 0 ? Math.min(timeout, engine.sliceNanos) : timeout;
      long left = deadline - start;
      if (left < need) {
        skip = "budget: " + millis(left) + " left in the chain budget, handler needs " + millis(need);
        now = time();
      } else {
        limitNanos = Math.min(timeout, left);
        now = inline ? callInline(h, start) : callIsolated(h, start);
      }
      // A coarse end after a precise start (an inline handler after an isolated one) may read up to
      // a tick earlier than the start: such a call took less than a tick, reported as zero.
      long duration = Math.max(0, now - start);
      if (error instanceof VirtualMachineError) {
        HookReceipt last = receipt(h, ReceiptStatus.ERROR, duration, false, List.of(), List.of(),
            "rethrown to the dispatching thread", false);
        publishQuietly(listOf(receipts, count, single, last));
        throw (VirtualMachineError) error;
      }
      HookReceipt r = settle(h, duration);
      if (receipts == NO_ARRAY) {
        single = r;
      } else {
        receipts[count] = r;
      }
      count++;
    }
    List<HookReceipt> list = receipts == NO_ARRAY
        ? (single == null ? List.of() : List.of(single))
        : new ReceiptList(receipts, count);
    engine.bus.publish(list);
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return new DispatchResult<>(current, blocked, blockedBy, blockReason, list);
  }

  /** Runs the handler on this thread; an overrun is judged after the fact. Returns the end time. */
  private long callInline(RegisteredHandler<T> h, long start) {
    Thread self = Thread.currentThread();
    ClassLoader previous = self.getContextClassLoader();
    boolean swap = previous != h.loader;
    if (swap) {
      self.setContextClassLoader(h.loader);
    }
    try {
      result = h.handler.handle(new CallContext<>(point, current, scope, h.pluginId, start + limitNanos));
    } catch (Throwable t) {
      error = t;
    } finally {
      if (swap) {
        self.setContextClassLoader(previous);
      }
    }
    long end = time();
    if (error == null && end - start > limitNanos) {
      timedOut = true;
      result = null;
    }
    return end;
  }

  /** Hands the handler to the executor and waits at most its limit. Returns the end time. */
  private long callIsolated(RegisteredHandler<T> h, long start) {
    int abandoned = h.slot.abandoned();
    if (abandoned >= engine.bulkheadLimit) {
      skip = "bulkhead: " + abandoned + " abandoned calls of plugin " + h.pluginId
          + " still running (limit " + engine.bulkheadLimit + ")";
      return System.nanoTime();
    }
    long deadline = start + limitNanos;
    IsolatedCall<T> call =
        new IsolatedCall<>(h, new CallContext<>(point, current, scope, h.pluginId, deadline), Thread.currentThread());
    try {
      engine.executor.execute(call);
    } catch (RejectedExecutionException e) {
      if (engine.isClosed()) {
        throw HookException.closed();
      }
      skip = "executor saturated: no thread free for isolated handlers";
      return System.nanoTime();
    }
    int outcome = call.await(deadline);
    if (outcome == IsolatedCall.COMPLETED) {
      result = call.result();
      error = call.error();
      cpuNanos = call.cpuNanos();
    } else {
      stillRunning = call.abandon();
      if (outcome == IsolatedCall.INTERRUPTED) {
        callInterrupted = true;
      } else {
        timedOut = true;
      }
    }
    return System.nanoTime();
  }

  private long time() {
    return engine.preciseInlineTiming ? System.nanoTime() : CoarseClock.nanoTime();
  }

  private HookReceipt settle(RegisteredHandler<T> h, long duration) {
    FailurePolicy policy = h.failure != null ? h.failure : point.defaultFailure();
    if (skip != null) {
      return fail(h, policy, ReceiptStatus.SKIPPED, duration, null, null, skip);
    }
    if (callInterrupted) {
      interrupted = true;
      return fail(h, FailurePolicy.CLOSED, ReceiptStatus.ERROR, duration, InterruptedException.class.getName(),
          "dispatching thread was interrupted", "dispatch interrupted");
    }
    if (timedOut) {
      return fail(h, policy, ReceiptStatus.TIMEOUT, duration, null, null,
          "timeout: exceeded " + millis(limitNanos) + (stillRunning ? ", still running" : ""));
    }
    Throwable t = error;
    if (t != null) {
      LOG.debug("hook handler of {} on {} failed", h.pluginId, point.name(), t);
      return fail(h, policy, ReceiptStatus.ERROR, duration, t.getClass().getName(), t.getMessage(), "error");
    }
    HookResult<T> r = result;
    if (r == null) {
      return fail(h, policy, ReceiptStatus.ERROR, duration, NullPointerException.class.getName(),
          "handler result must not be null: null", "error");
    }
    if (r instanceof HookResult.Continue<T> c) {
      MergeResult<T> merged;
      try {
        merged = point.merge().merge(current, c.data());
      } catch (RuntimeException e) {
        return fail(h, policy, ReceiptStatus.ERROR, duration, e.getClass().getName(), e.getMessage(),
            "proposed data could not be merged");
      }
      current = merged.data();
      return receipt(h, ReceiptStatus.OK, duration, merged.mutated(), merged.changedFields(),
          merged.refusedFields(), null, false);
    }
    if (r instanceof HookResult.Block<T> b) {
      if (!point.blockable()) {
        return receipt(h, ReceiptStatus.OK, duration, false, List.of(), List.of(),
            "block refused: point not blockable (reason given: " + b.reason() + ")", false);
      }
      stop(h.pluginId, b.reason());
      return receipt(h, ReceiptStatus.BLOCKED, duration, false, List.of(), List.of(), b.reason(), false);
    }
    return receipt(h, ReceiptStatus.OK, duration, false, List.of(), List.of(), null, false);
  }

  /** A timeout, error or skip: the failure policy decides whether the chain goes on. */
  private HookReceipt fail(RegisteredHandler<T> h, FailurePolicy policy, ReceiptStatus status, long duration,
      @Nullable String errorType, @Nullable String errorMessage, String what) {
    String detail;
    if (policy == FailurePolicy.CLOSED) {
      if (point.blockable()) {
        stop(h.pluginId, "fail-closed: handler of " + h.pluginId + " did not complete (" + what + ")");
        detail = what + "; fail-closed: chain stopped and blocked";
      } else {
        stopped = true;
        detail = what + "; fail-closed: chain stopped (point not blockable)";
      }
    } else {
      detail = what + "; fail-open: chain continues with the data as it was";
    }
    return new HookReceipt(point.name(), h.pluginId, h.id, scope.id(), status, duration, false, List.of(),
        List.of(), errorType, errorMessage, detail, stillRunning, cpuNanos);
  }

  private void stop(String pluginId, String reason) {
    stopped = true;
    blocked = true;
    blockedBy = pluginId;
    blockReason = reason;
  }

  private HookReceipt receipt(RegisteredHandler<T> h, ReceiptStatus status, long duration, boolean mutated,
      List<String> changed, List<String> refused, @Nullable String detail, boolean running) {
    Throwable t = status == ReceiptStatus.ERROR ? error : null;
    return new HookReceipt(point.name(), h.pluginId, h.id, scope.id(), status, duration, mutated, changed, refused,
        t == null ? null : t.getClass().getName(), t == null ? null : t.getMessage(), detail, running, cpuNanos);
  }

  /** The receipts so far plus {@code last}. */
  private static List<HookReceipt> listOf(HookReceipt[] receipts, int count, @Nullable HookReceipt single,
      HookReceipt last) {
    if (receipts == NO_ARRAY) {
      return single == null ? List.of(last) : List.of(single, last);
    }
    receipts[count] = last;
    return new ReceiptList(receipts, count + 1);
  }

  private void publishQuietly(List<HookReceipt> receipts) {
    try {
      engine.bus.publish(receipts);
    } catch (Throwable ignored) {
      // The VirtualMachineError being rethrown matters more than its receipt.
    }
  }

  private static String millis(long nanos) {
    return (nanos / 1_000_000L) + " ms";
  }
}
