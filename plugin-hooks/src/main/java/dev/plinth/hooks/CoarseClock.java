package dev.plinth.hooks;

import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * The clock of inline handler chains: {@link System#nanoTime()} as of the last tick, read with a
 * plain volatile load instead of a clock call.
 *
 * <p>On virtual machines {@code System.nanoTime()} goes through the hypervisor's clock source
 * (kvm-clock, Hyper-V's reference page) and costs 20 to 30 ns, more than everything else an inline
 * handler call does; a chain reads the clock once per handler. Inline timeouts and chain budgets
 * are milliseconds and an inline overrun is only ever judged after the fact, so a clock that is at
 * most about one tick behind serves them equally well. This is the approximate monotonic time
 * Envoy's dispatcher keeps for its filters, and the cached clock of Agrona and Cassandra.
 *
 * <p>One daemon thread for the whole JVM stores {@code System.nanoTime()} every {@link
 * #TICK_NANOS} while chains read the clock; after {@link #IDLE_TICKS} ticks without a read it
 * parks until the next read, which wakes it and returns the precise time. The values are always
 * on {@code System.nanoTime()}'s time base, so they mix with precise readings: a duration from a
 * coarse start to a precise end is at most one tick too long, and one from a precise start to a
 * coarse end at most one tick too short (chains report such a negative duration as zero). The thread holds no context
 * classloader of a plugin and inherits no thread-locals: whichever thread starts it, no plugin
 * loader stays reachable from it.
 */
final class CoarseClock {
  /** Resolution: 1 ms. */
  static final long TICK_NANOS = 1_000_000L;
  /** Ticks without a read before the thread parks (about one second). */
  static final int IDLE_TICKS = 1_000;

  private static final Object LOCK = new Object();
  private static volatile long now = System.nanoTime();
  private static volatile boolean ticking;
  private static volatile boolean read;
  private static @Nullable Thread ticker;

  private CoarseClock() {}

  /** The time of the last tick; the precise time when the ticker was idle (and it is woken). */
  static long nanoTime() {
    if (!read) {
      read = true;
    }
    if (!ticking) {
      return wake();
    }
    return now;
  }

  /** Whether the ticker is running (for tests). */
  static boolean ticking() {
    return ticking;
  }

  private static long wake() {
    synchronized (LOCK) {
      if (!ticking) {
        // The read that wakes the clock returns the value it stores: a later read cannot go back.
        long precise = System.nanoTime();
        now = precise;
        ticking = true;
        Thread t = ticker;
        if (t == null) {
          t = DaemonThreads.create(CoarseClock::tick, "plinth-hook-clock");
          ticker = t;
          t.start();
        } else {
          LockSupport.unpark(t);
        }
        return precise;
      }
    }
    return now; // another reader woke it meanwhile
  }

  private static void tick() {
    int idle = 0;
    while (true) {
      LockSupport.parkNanos(TICK_NANOS);
      Thread.interrupted(); // nothing may stop the clock; an interrupt would only make it spin
      now = System.nanoTime();
      if (read) {
        read = false;
        idle = 0;
      } else if (++idle >= IDLE_TICKS) {
        idle = 0;
        synchronized (LOCK) {
          ticking = false;
        }
        while (!ticking) {
          LockSupport.park(CoarseClock.class);
          Thread.interrupted();
        }
      }
    }
  }
}
