package dev.plinth.hooks;

import dev.plinth.api.hook.HookContext;
import dev.plinth.api.hook.HookResult;
import java.lang.invoke.MethodHandles;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One handler call handed to the executor, and the dispatching thread's wait for it. Cheaper than
 * a {@code FutureTask} plus a {@code CompletableFuture}: the worker publishes the outcome with one
 * CAS and unparks the waiter.
 *
 * <p>States: {@code NEW -> RUNNING -> DONE} normally; {@code NEW -> CANCELLED} when the waiter
 * gave up before a thread picked the call up (it then never runs); {@code RUNNING -> INTERRUPTING
 * -> ABANDONED} when the waiter gave up while it ran: the worker is interrupted, counted against
 * the plugin's bulkhead until it ends, and its late outcome is discarded. The INTERRUPTING state
 * keeps a pooled worker from carrying that interrupt into its next task.
 */
final class IsolatedCall<T> implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(IsolatedCall.class);
  private static final VarHandle STATE;
  /** Per-thread CPU time, where the JVM measures it (it returns -1 on virtual threads). */
  private static final @Nullable ThreadMXBean CPU = cpuClock();

  static final int NEW = 0;
  static final int RUNNING = 1;
  static final int DONE = 2;
  static final int CANCELLED = 3;
  static final int INTERRUPTING = 4;
  static final int ABANDONED = 5;

  /** How long a waiter spins before parking. */
  private static final long SPIN_NANOS = 20_000;

  /** Outcomes of {@link #await}. */
  static final int COMPLETED = 0;
  static final int TIMED_OUT = 1;
  static final int INTERRUPTED = 2;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(IsolatedCall.class, "state", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final RegisteredHandler<T> handler;
  private final HookContext<T> context;
  private final Thread waiter;
  private volatile int state;
  // Written by the worker before its DONE CAS; read by the waiter after seeing DONE.
  private @Nullable Thread runner;
  private @Nullable HookResult<T> result;
  private @Nullable Throwable error;
  private long cpuNanos = -1;

  IsolatedCall(RegisteredHandler<T> handler, HookContext<T> context, Thread waiter) {
    this.handler = handler;
    this.context = context;
    this.waiter = waiter;
  }

  @Override
  public void run() {
    Thread self = Thread.currentThread();
    runner = self;
    if (!STATE.compareAndSet(this, NEW, RUNNING)) {
      return;
    }
    ClassLoader previous = self.getContextClassLoader();
    self.setContextClassLoader(handler.loader);
    ThreadMXBean cpu = CPU;
    long cpuStart = cpu == null ? -1 : cpu.getCurrentThreadCpuTime();
    try {
      result = handler.handler.handle(context);
    } catch (Throwable t) {
      // Includes VirtualMachineError: the waiter rethrows it on its own thread.
      error = t;
    } finally {
      self.setContextClassLoader(previous);
    }
    if (cpu != null && cpuStart >= 0) {
      long cpuEnd = cpu.getCurrentThreadCpuTime();
      cpuNanos = cpuEnd >= cpuStart ? cpuEnd - cpuStart : -1;
    }
    if (STATE.compareAndSet(this, RUNNING, DONE)) {
      LockSupport.unpark(waiter);
      return;
    }
    // Abandoned: wait until the waiter's interrupt has landed, then clear it for the next task.
    while (state == INTERRUPTING) {
      Thread.onSpinWait();
    }
    Thread.interrupted();
    handler.slot.release();
    if (LOG.isDebugEnabled()) {
      LOG.debug("late outcome of {} discarded: {}", handler, error != null ? error.toString() : "returned");
    }
  }

  /** Waits until the call completes, the deadline passes, or the waiter is interrupted. */
  int await(long deadlineNanos) {
    // A short spin catches fast handlers without the cost of parking and being unparked (a
    // futex round trip of several microseconds); it is bounded in time, then the waiter parks.
    long spinUntil = System.nanoTime() + SPIN_NANOS;
    for (int i = 1; state != DONE; i++) {
      Thread.onSpinWait();
      if ((i & 63) == 0 && System.nanoTime() - spinUntil > 0) {
        break;
      }
    }
    while (true) {
      if (state == DONE) {
        return COMPLETED;
      }
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        return TIMED_OUT;
      }
      if (Thread.interrupted()) {
        return INTERRUPTED;
      }
      LockSupport.parkNanos(this, left);
    }
  }

  /**
   * Gives up on the call. Returns true when it had started and is still running (now abandoned
   * and counted in the bulkhead), false when it never started or finished just now.
   */
  boolean abandon() {
    if (STATE.compareAndSet(this, NEW, CANCELLED)) {
      return false;
    }
    handler.slot.acquire();
    if (STATE.compareAndSet(this, RUNNING, INTERRUPTING)) {
      Thread r = runner;
      if (r != null) {
        r.interrupt();
      }
      state = ABANDONED;
      return true;
    }
    handler.slot.release();
    return false;
  }

  @Nullable HookResult<T> result() {
    return result;
  }

  @Nullable Throwable error() {
    return error;
  }

  /** CPU time of a completed call, or -1 when not measured. */
  long cpuNanos() {
    return cpuNanos;
  }

  private static @Nullable ThreadMXBean cpuClock() {
    try {
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      return threads.isCurrentThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled() ? threads : null;
    } catch (RuntimeException | LinkageError e) {
      return null; // no java.management module in this runtime image
    }
  }
}
