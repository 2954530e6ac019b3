package dev.plinth.hooks;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import dev.plinth.api.hook.HookPoint;
import dev.plinth.api.hook.HookScope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Runs the handler chain of a hook point: the host's only way to fire hooks.
 *
 * <p><b>Order</b>: priority descending, then plugin id, then registration order, over the snapshot
 * of handlers taken when the dispatch starts (handlers registered or removed meanwhile do not
 * affect it). <b>Time</b>: each handler runs with its timeout (default 1500 ms) inside the chain
 * budget (default 8000 ms); a handler starts only if its timeout (or, when set, the minimum slice)
 * still fits in what is left of the budget, else it is skipped. <b>Failures</b> (timeout, error,
 * skip): {@code OPEN} continues with the data as it was; {@code CLOSED} stops the chain and blocks
 * where the point is blockable (a gate that could not run does not let the operation through).
 * <b>Changes</b> pass through the point's merge: later handlers see earlier changes, changes to
 * fields outside the allow-list are refused and listed in the receipt. A block on a point that is
 * not blockable is refused and the chain continues.
 *
 * <p><b>Isolation</b>: {@code ISOLATED} handlers run on virtual threads (JDK 21+) or a bounded
 * daemon pool; the caller waits at most the handler's limit, then interrupts and abandons it (its
 * late result is discarded, the receipt says {@code stillRunning}). A plugin with
 * {@code bulkheadLimit} abandoned calls still running has its handlers skipped until they end.
 * {@code INLINE} handlers run on the caller's thread and cannot be preempted: an overrun is
 * detected after the fact and treated as a timeout (result discarded, policy applied).
 *
 * <p><b>Clock</b>: inline chains read a clock that a shared daemon thread refreshes every
 * millisecond while dispatches happen (reading {@code System.nanoTime()} costs 20 to 30 ns on
 * virtual machines, more than the rest of an inline call). Inline budgets, timeouts and receipt
 * durations are then exact to about a millisecond: a handler that takes 40 µs has a duration of 0
 * or 1 ms. {@link Builder#preciseInlineTiming(boolean)} trades that cost for nanosecond durations.
 * Isolated handlers are always timed with {@code System.nanoTime()}.
 *
 * <p>Every call sets the thread's context classloader to the handler's plugin loader and restores
 * it afterwards. A {@link VirtualMachineError} thrown by a handler is rethrown to the caller; every
 * other throwable becomes an {@code ERROR} receipt. Receipts reach {@link ReceiptListener}s on a
 * separate thread.
 *
 * <p>Thread-safe: any number of threads may dispatch concurrently.
 */
@API(status = STABLE, since = "0.1")
public final class HookDispatcher implements AutoCloseable {
  private final HookRegistry registry;
  private final DispatchSettings settings;
  final long timeoutNanos;
  final long budgetNanos;
  /** 0 when a handler needs its whole timeout to start. */
  final long sliceNanos;
  final int bulkheadLimit;
  final boolean preciseInlineTiming;
  final ExecutorService executor;
  final ReceiptBus bus;
  private final boolean virtual;
  private volatile boolean closed;

  private HookDispatcher(Builder b, DispatchSettings settings) {
    this.registry = b.registry != null ? b.registry : HookRegistry.create();
    this.settings = settings;
    this.timeoutNanos = settings.handlerTimeout().toNanos();
    this.budgetNanos = settings.chainBudget().toNanos();
    Duration slice = settings.minimumSlice();
    this.sliceNanos = slice == null ? 0 : slice.toNanos();
    this.bulkheadLimit = settings.bulkheadLimit();
    this.preciseInlineTiming = settings.preciseInlineTiming();
    this.executor = HookExecutors.create(settings.virtualThreads(), settings.platformThreads());
    this.virtual = !(executor instanceof HandoffPool);
    this.bus = new ReceiptBus(settings.receiptQueueCapacity());
    for (ReceiptListener l : b.listeners) {
      bus.add(l);
    }
  }

  /** A builder with every default in one place. */
  public static Builder builder() {
    return new Builder();
  }

  /** The registry this dispatcher reads (wrap it in registrars for plugins). */
  public HookRegistry registry() {
    return registry;
  }

  public DispatchSettings settings() {
    return settings;
  }

  /** Whether isolated handlers run on virtual threads (false: the platform pool). */
  public boolean usesVirtualThreads() {
    return virtual;
  }

  /**
   * Runs the chain of {@code point} over {@code data}. Never throws for a handler's failure.
   *
   * @throws HookException {@code DISPATCHER_CLOSED} after {@link #close()};
   *     {@code HOOK_POINT_CONFLICT} when the registered point of this name has another data type
   * @throws VirtualMachineError when a handler threw one
   */
  public <T> DispatchResult<T> dispatch(HookPoint<T> point, HookScope scope, T data) {
    requireNonNull(point, "point");
    requireNonNull(scope, "scope");
    requireNonNull(data, "data");
    if (closed) {
      throw HookException.closed();
    }
    RegisteredHandler<?>[] handlers = registry.snapshot(point);
    if (handlers.length != 0 && registry.hasDeferred()) {
      handlers = activateDeferred(point, handlers);
    }
    if (handlers.length == 0) {
      return DispatchResult.passThrough(data);
    }
    return new ChainRun<>(this, point, scope, data, handlers).run();
  }

  /** Runs the activations of the chain's stand-ins on this thread, then takes the chain again. */
  private RegisteredHandler<?>[] activateDeferred(HookPoint<?> point, RegisteredHandler<?>[] handlers) {
    boolean ran = false;
    for (RegisteredHandler<?> h : handlers) {
      Runnable activation = h.activation;
      if (activation != null && h.isActive()) {
        try {
          activation.run();
        } catch (RuntimeException e) {
          // The contract says activations do not throw; the stand-in stays and reports as a handler.
        }
        ran = true;
      }
    }
    return ran ? registry.snapshot(point) : handlers;
  }

  /** {@link #dispatch(HookPoint, HookScope, Object)} with {@link HookScope#NONE}. */
  public <T> DispatchResult<T> dispatch(HookPoint<T> point, T data) {
    return dispatch(point, HookScope.NONE, data);
  }

  /** Adds a listener; it receives receipts of dispatches that finish from now on. */
  public void addReceiptListener(ReceiptListener listener) {
    bus.add(requireNonNull(listener, "listener"));
  }

  public boolean removeReceiptListener(ReceiptListener listener) {
    return bus.remove(listener);
  }

  /** Receipts dropped because the delivery queue was full. */
  public long droppedReceipts() {
    return bus.dropped();
  }

  boolean isClosed() {
    return closed;
  }

  /**
   * Refuses further dispatches, interrupts running isolated handlers, shuts the executor down and
   * delivers queued receipts (waiting at most one second). Idempotent.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    executor.shutdownNow();
    bus.close();
  }

  /**
   * Collects settings; every value is checked when given, a setting given twice is refused (naming
   * the earlier value), and cross-setting rules are checked in {@link #build()}. Not thread-safe.
   */
  public static final class Builder {
    private @Nullable HookRegistry registry;
    private @Nullable Duration handlerTimeout;
    private @Nullable Duration chainBudget;
    private @Nullable Duration minimumSlice;
    private @Nullable Integer bulkheadLimit;
    private @Nullable Boolean virtualThreads;
    private @Nullable Integer platformThreads;
    private @Nullable Integer receiptQueueCapacity;
    private @Nullable Boolean preciseInlineTiming;
    private final List<ReceiptListener> listeners = new ArrayList<>();

    private Builder() {}

    /** The registry to read (default: a new, empty one). */
    public Builder registry(HookRegistry registry) {
      once("registry", this.registry);
      this.registry = requireNonNull(registry, "registry");
      return this;
    }

    public Builder handlerTimeout(Duration timeout) {
      once("handlerTimeout", handlerTimeout);
      this.handlerTimeout = positive("handlerTimeout", timeout);
      return this;
    }

    public Builder chainBudget(Duration budget) {
      once("chainBudget", chainBudget);
      this.chainBudget = positive("chainBudget", budget);
      return this;
    }

    /** Lets a handler start with less than its timeout left, down to this slice. */
    public Builder minimumSlice(Duration slice) {
      once("minimumSlice", minimumSlice);
      this.minimumSlice = positive("minimumSlice", slice);
      return this;
    }

    public Builder bulkheadLimit(int limit) {
      once("bulkheadLimit", bulkheadLimit);
      if (limit < 1) {
        throw HookException.setting("bulkheadLimit", "must be >= 1", limit);
      }
      this.bulkheadLimit = limit;
      return this;
    }

    /** Whether to use virtual threads when the JDK has them (false forces the platform pool). */
    public Builder virtualThreads(boolean use) {
      once("virtualThreads", virtualThreads);
      this.virtualThreads = use;
      return this;
    }

    public Builder platformThreads(int max) {
      once("platformThreads", platformThreads);
      if (max < 1) {
        throw HookException.setting("platformThreads", "must be >= 1", max);
      }
      this.platformThreads = max;
      return this;
    }

    public Builder receiptQueueCapacity(int capacity) {
      once("receiptQueueCapacity", receiptQueueCapacity);
      if (capacity < 1) {
        throw HookException.setting("receiptQueueCapacity", "must be >= 1", capacity);
      }
      this.receiptQueueCapacity = capacity;
      return this;
    }

    /**
     * Whether inline handlers are timed with {@code System.nanoTime()} (one clock call per
     * handler: nanosecond durations in receipts) instead of the shared millisecond clock (the
     * default: cheaper, durations and overrun checks exact to about a millisecond).
     */
    public Builder preciseInlineTiming(boolean precise) {
      once("preciseInlineTiming", preciseInlineTiming);
      this.preciseInlineTiming = precise;
      return this;
    }

    /** Adds a receipt listener (may be called several times). */
    public Builder receiptListener(ReceiptListener listener) {
      listeners.add(requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Builds the dispatcher and starts nothing until needed.
     *
     * @throws HookException {@code SETTING_INVALID} when the handler timeout or minimum slice
     *     exceeds the chain budget
     */
    public HookDispatcher build() {
      Duration timeout = handlerTimeout != null ? handlerTimeout : DispatchSettings.DEFAULT_HANDLER_TIMEOUT;
      Duration budget = chainBudget != null ? chainBudget : DispatchSettings.DEFAULT_CHAIN_BUDGET;
      if (timeout.compareTo(budget) > 0) {
        throw HookException.setting("handlerTimeout", "must be <= chainBudget " + budget, timeout);
      }
      if (minimumSlice != null && minimumSlice.compareTo(budget) > 0) {
        throw HookException.setting("minimumSlice", "must be <= chainBudget " + budget, minimumSlice);
      }
      DispatchSettings settings = new DispatchSettings(
          timeout,
          budget,
          minimumSlice,
          bulkheadLimit != null ? bulkheadLimit : DispatchSettings.DEFAULT_BULKHEAD_LIMIT,
          virtualThreads != null ? virtualThreads : true,
          platformThreads != null ? platformThreads : DispatchSettings.DEFAULT_PLATFORM_THREADS,
          receiptQueueCapacity != null ? receiptQueueCapacity : DispatchSettings.DEFAULT_RECEIPT_QUEUE_CAPACITY,
          preciseInlineTiming != null && preciseInlineTiming);
      return new HookDispatcher(this, settings);
    }

    private static void once(String field, @Nullable Object previous) {
      if (previous != null) {
        throw HookException.setting(field, "must be set only once, already set to", previous);
      }
    }

    private static Duration positive(String field, Duration value) {
      requireNonNull(value, field);
      if (value.isNegative() || value.isZero()) {
        throw HookException.setting(field, "must be > 0", value);
      }
      return value;
    }
  }
}
