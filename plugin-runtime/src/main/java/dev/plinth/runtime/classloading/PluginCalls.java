package dev.plinth.runtime.classloading;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.INTERNAL;
import static org.apiguardian.api.API.Status.STABLE;

import dev.plinth.api.ApiErrorCode;
import dev.plinth.api.ErrorCode;
import dev.plinth.runtime.PluginRuntimeException;
import dev.plinth.runtime.RuntimeErrorCode;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apiguardian.api.API;

/**
 * Every call into plugin code goes through here: the thread's context classloader is set to the
 * plugin's loader and restored in {@code finally}, and {@link #call} runs the body on a pooled
 * daemon worker so a stuck plugin cannot hold the caller past the timeout.
 *
 * <p>A Java timeout only walks away: the worker is interrupted, but keeps running if the plugin
 * ignores interrupts; it carries the plugin's name ({@code plinth-<operation>-<id>}) while it runs,
 * so a leak report can point at it, and it is abandoned: never given another call. A worker that
 * returns is reused (a thread per call cost about 0.1 ms, a hand-off to an idle worker about 0.02 ms
 * in {@code PluginCallsBenchmark}), but between calls it holds no task and carries neither the plugin's loader nor its name. Thread-locals
 * plugin code leaves on a worker can reach later calls of other plugins through a shared library's
 * thread-local (such as a logging MDC) until that plugin is unloaded: unloading it ({@link
 * #retireWorkersOf}) ends every worker its code ran on, so they never keep its loader alive.
 *
 * <p>Thread-safe; the workers are shared by every runtime in the JVM.
 */
@API(status = STABLE, since = "0.1")
public final class PluginCalls {

  /**
   * One call into plugin code.
   *
   * @param pluginId the plugin called
   * @param operation what is called ({@code start}, {@code stop}, {@code health}), used in messages
   * @param loader the context classloader the call runs with
   * @param timeout how long the caller waits
   * @param failureCode the code reported when the body throws
   */
  public record Call(
      String pluginId, String operation, ClassLoader loader, Duration timeout, ErrorCode failureCode) {
    public Call {
      requireNonNull(pluginId, "pluginId");
      requireNonNull(operation, "operation");
      requireNonNull(loader, "loader");
      requireNonNull(failureCode, "failureCode");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be > 0: " + timeout);
      }
    }
  }

  private PluginCalls() {}

  /**
   * Runs {@code body} on a pooled daemon worker with the plugin's context classloader and waits at
   * most the call's timeout.
   *
   * @throws PluginRuntimeException {@code PLUGIN_TIMEOUT} on timeout (the thread is interrupted),
   *     the call's failure code when the body throws, {@code CALL_INTERRUPTED} when the caller is
   *     interrupted while waiting
   */
  public static <T> T call(Call call, Callable<T> body) {
    return call(call, body, NOTHING);
  }

  /**
   * Like {@link #call(Call, Callable)}, but once the body is handed to its worker the caller first
   * runs {@code meanwhile} (host work that needs nothing from the call, such as preparing the next
   * plugin during a boot), then waits for what is left of the timeout, which counts from the
   * hand-off. The result, errors and timeout are those of the body alone; {@code meanwhile} should
   * be short, since a timeout is only noticed once it returns, and what it throws is thrown after the
   * call has been waited for (or abandoned on timeout).
   */
  public static <T> T call(Call call, Callable<T> body, Runnable meanwhile) {
    Started<T> started = begin(call, body);
    return meanwhileThen(meanwhile, started::await);
  }

  /**
   * Runs {@code meanwhile}, then {@code rest} whatever {@code meanwhile} did; what {@code meanwhile}
   * threw is thrown once {@code rest} has run. For host work done while a handed-off call runs.
   */
  @API(status = INTERNAL, since = "0.1")
  public static <T> T meanwhileThen(Runnable meanwhile, java.util.function.Supplier<T> rest) {
    Throwable meanwhileFailed = null;
    try {
      meanwhile.run();
    } catch (RuntimeException | Error e) {
      meanwhileFailed = e;
    }
    try {
      return rest.get();
    } finally {
      if (meanwhileFailed instanceof RuntimeException r) {
        throw r;
      } else if (meanwhileFailed instanceof Error err) {
        throw err;
      }
    }
  }

  /**
   * Hands {@code body} to a pooled worker as {@link #call(Call, Callable)} does and returns at once;
   * the timeout counts from now. {@link Started#await()} waits for the result. A boot uses it to
   * start independent plugins side by side, waiting for each in turn.
   */
  @API(status = INTERNAL, since = "0.1")
  public static <T> Started<T> begin(Call call, Callable<T> body) {
    CallWorkers.Pending<T> task =
        CallWorkers.SHARED.submit("plinth-" + call.operation() + "-" + call.pluginId(), call.loader(), body);
    return new Started<>(call, task, System.nanoTime() + call.timeout().toNanos());
  }

  /** A call handed to its worker, whose result is not yet waited for; waited for once. */
  @API(status = INTERNAL, since = "0.1")
  public static final class Started<T> {
    private final Call call;
    private final CallWorkers.Pending<T> task;
    private final long deadline;

    private Started(Call call, CallWorkers.Pending<T> task, long deadline) {
      this.call = call;
      this.task = task;
      this.deadline = deadline;
    }

    /**
     * Waits for what is left of the timeout.
     *
     * @throws PluginRuntimeException as {@link PluginCalls#call(Call, Callable)}
     */
    public T await() {
      try {
        return task.get(deadline);
      } catch (TimeoutException e) {
        task.abandon();
        throw timeout(call);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        throw new PluginRuntimeException(
            call.failureCode(),
            call.pluginId(),
            "plugin." + call.operation() + " must complete without error: " + cause,
            "Read the cause in the event log, fix the plugin's " + call.operation()
                + ", then re-enable it.",
            Map.of("operation", call.operation(), "error", String.valueOf(cause)),
            cause);
      } catch (InterruptedException e) {
        task.abandon();
        Thread.currentThread().interrupt();
        throw new PluginRuntimeException(
            RuntimeErrorCode.CALL_INTERRUPTED,
            call.pluginId(),
            "plugin." + call.operation() + " wait was interrupted: " + call.pluginId(),
            "The host is shutting down or cancelled the operation; retry it if it should run.",
            Map.of("operation", call.operation()),
            null);
      }
    }
  }

  private static final Runnable NOTHING = () -> {};

  /**
   * Ends the workers that ran code of {@code loader}, now if idle or when their call returns, so the
   * thread-locals the plugin left on them die with them. The runtime calls this when it closes a
   * plugin's loader.
   */
  public static void retireWorkersOf(ClassLoader loader) {
    CallWorkers.SHARED.retire(requireNonNull(loader, "loader"));
  }

  /** Runs {@code body} on this thread with {@code loader} as context classloader, restoring it after. */
  public static <T> T inContext(ClassLoader loader, Callable<T> body) throws Exception {
    Thread current = Thread.currentThread();
    ClassLoader previous = current.getContextClassLoader();
    current.setContextClassLoader(loader);
    try {
      return body.call();
    } finally {
      current.setContextClassLoader(previous);
    }
  }

  private static PluginRuntimeException timeout(Call call) {
    long ms = call.timeout().toMillis();
    return new PluginRuntimeException(
        ApiErrorCode.PLUGIN_TIMEOUT,
        call.pluginId(),
        "plugin." + call.operation() + " must finish within " + ms + " ms: " + call.pluginId(),
        "Make the plugin's " + call.operation() + " return promptly (move slow work to a background"
            + " task it stops in stop()), or raise the " + call.operation() + " timeout.",
        Map.of("operation", call.operation(), "timeoutMs", ms),
        null);
  }
}
