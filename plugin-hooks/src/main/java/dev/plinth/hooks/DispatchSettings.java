package dev.plinth.hooks;

import static org.apiguardian.api.API.Status.STABLE;

import java.time.Duration;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A dispatcher's settings, fixed when it is built ({@link HookDispatcher#builder()}). Immutable.
 *
 * @param handlerTimeout timeout of a handler that sets none (default 1500 ms)
 * @param chainBudget time all handlers of one dispatch may take together (default 8000 ms)
 * @param minimumSlice when set, a handler starts if at least this much budget is left (it then
 *     runs with the smaller of its timeout and what is left); when null (the default) a handler
 *     starts only if its whole timeout still fits in the budget
 * @param bulkheadLimit abandoned, still-running isolated calls a plugin may have before its
 *     handlers are skipped (default 4)
 * @param virtualThreads run isolated handlers on virtual threads when the JDK has them (default true)
 * @param platformThreads size limit of the daemon pool used without virtual threads (default 64)
 * @param receiptQueueCapacity dispatches whose receipts may wait for delivery (default 1024)
 * @param preciseInlineTiming time inline handlers with {@code System.nanoTime()} instead of the
 *     shared millisecond clock (default false: durations and overrun checks of inline handlers are
 *     exact to about a millisecond)
 */
@API(status = STABLE, since = "0.1")
public record DispatchSettings(
    Duration handlerTimeout,
    Duration chainBudget,
    @Nullable Duration minimumSlice,
    int bulkheadLimit,
    boolean virtualThreads,
    int platformThreads,
    int receiptQueueCapacity,
    boolean preciseInlineTiming) {

  public static final Duration DEFAULT_HANDLER_TIMEOUT = Duration.ofMillis(1500);
  public static final Duration DEFAULT_CHAIN_BUDGET = Duration.ofMillis(8000);
  public static final int DEFAULT_BULKHEAD_LIMIT = 4;
  public static final int DEFAULT_PLATFORM_THREADS = 64;
  public static final int DEFAULT_RECEIPT_QUEUE_CAPACITY = 1024;
}
