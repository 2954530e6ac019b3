package dev.plinth.hooks;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The executor of isolated handlers on JDKs without virtual threads: a bounded pool of daemon
 * threads with direct hand-off and no queue (a call that finds no free thread and no room for a
 * new one is rejected at once rather than made to wait behind stuck ones).
 *
 * <p>It replaces a {@code ThreadPoolExecutor} over a {@code SynchronousQueue}, whose idle threads
 * park almost at once: every hand-off then pays for waking a parked thread, 5 to 10 µs on a
 * virtual machine, and a chain of isolated handlers pays it per handler. Here a thread that
 * finished a call stays on the idle stack spinning for {@link #SPIN_NANOS} before it parks, so the
 * next handler of the chain (or the next dispatch) is handed over without a wake-up. The stack is
 * LIFO: the most recently busy thread, the one still spinning, gets the next call, and threads
 * beyond what the load needs park and leave after the keep-alive.
 *
 * <p>Threads are daemons, inherit no thread-locals and carry this library's class loader as
 * context loader, whichever thread (a plugin's, say) made the pool start them.
 */
final class HandoffPool extends AbstractExecutorService {
  private static final Logger LOG = LoggerFactory.getLogger(HandoffPool.class);

  /** How long an idle thread spins for its next call before it parks. */
  static final long SPIN_NANOS = 50_000;

  private final int maxThreads;
  private final long keepAliveNanos;
  private final String namePrefix;
  private final ConcurrentLinkedDeque<Worker> idle = new ConcurrentLinkedDeque<>();
  private final Set<Worker> workers = ConcurrentHashMap.newKeySet();
  private final AtomicInteger threads = new AtomicInteger();
  private final AtomicInteger names = new AtomicInteger();
  private volatile boolean shutdown;

  HandoffPool(int maxThreads, long keepAlive, TimeUnit unit, String namePrefix) {
    if (maxThreads < 1) {
      throw new IllegalArgumentException("maxThreads must be >= 1: " + maxThreads);
    }
    this.maxThreads = maxThreads;
    this.keepAliveNanos = unit.toNanos(keepAlive);
    this.namePrefix = namePrefix;
  }

  @Override
  public void execute(Runnable task) {
    if (shutdown) {
      throw new RejectedExecutionException("pool is shut down");
    }
    Worker w;
    while ((w = idle.pollFirst()) != null) {
      if (w.offer(task)) {
        return;
      }
    }
    int n;
    do {
      n = threads.get();
      if (n >= maxThreads) {
        throw new RejectedExecutionException("all " + maxThreads + " threads busy");
      }
    } while (!threads.compareAndSet(n, n + 1));
    Worker fresh = new Worker(task);
    Thread t = DaemonThreads.create(fresh, namePrefix + names.incrementAndGet());
    fresh.thread = t;
    workers.add(fresh);
    if (shutdown) {
      // Lost a race with shutdownNow: run nothing.
      workers.remove(fresh);
      threads.decrementAndGet();
      throw new RejectedExecutionException("pool is shut down");
    }
    t.start();
  }

  /** Threads alive now (for tests). */
  int threadCount() {
    return threads.get();
  }

  /** Threads waiting on the idle stack (for tests). */
  int idleCount() {
    return idle.size();
  }

  @Override
  public void shutdown() {
    shutdown = true;
    for (Worker w : workers) {
      w.wakeToExit();
    }
  }

  /** Stops accepting calls and interrupts every thread; there is never a queue to return. */
  @Override
  public List<Runnable> shutdownNow() {
    shutdown = true;
    for (Worker w : workers) {
      Thread t = w.thread;
      if (t != null) {
        t.interrupt();
      }
    }
    return new ArrayList<>(0);
  }

  @Override
  public boolean isShutdown() {
    return shutdown;
  }

  @Override
  public boolean isTerminated() {
    return shutdown && threads.get() == 0;
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    while (!isTerminated()) {
      if (System.nanoTime() - deadline >= 0) {
        return false;
      }
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
      Thread.sleep(1);
    }
    return true;
  }

  /**
   * One thread. Its slot holds the next call; {@code state} says whether it is running, waiting
   * on the idle stack (spinning, then parked) or gone, so a producer that popped it from the stack
   * either hands it the call or learns that it just left.
   */
  private final class Worker implements Runnable {
    private static final int BUSY = 0;
    private static final int WAITING = 1;
    private static final int GONE = 2;

    volatile @Nullable Thread thread;
    private volatile @Nullable Runnable slot;
    private final AtomicInteger state = new AtomicInteger(BUSY);

    Worker(Runnable first) {
      this.slot = first;
    }

    /** Hands over a call; false when the thread has left (the caller tries another). */
    boolean offer(Runnable task) {
      if (!state.compareAndSet(WAITING, BUSY)) {
        return false;
      }
      slot = task;
      LockSupport.unpark(thread);
      return true;
    }

    void wakeToExit() {
      LockSupport.unpark(thread);
    }

    @Override
    public void run() {
      try {
        Runnable task;
        while ((task = takeTask()) != null) {
          try {
            task.run();
          } catch (Throwable t) {
            // The calls handed here catch everything themselves; this is a last guard.
            LOG.warn("isolated call escaped its own error handling", t);
          }
          Thread.interrupted(); // never carry an interrupt into the next call
        }
      } finally {
        workers.remove(this);
        threads.decrementAndGet();
      }
    }

    /** The next call: the slot when filled, else wait on the idle stack; null to exit. */
    private @Nullable Runnable takeTask() {
      Runnable task = slot;
      if (task != null) {
        slot = null;
        return task;
      }
      if (shutdown) {
        state.set(GONE);
        return null;
      }
      state.set(WAITING);
      idle.offerFirst(this);
      long spinUntil = System.nanoTime() + SPIN_NANOS;
      for (int i = 1; state.get() == WAITING; i++) {
        Thread.onSpinWait();
        if ((i & 63) == 0 && System.nanoTime() - spinUntil > 0) {
          break;
        }
      }
      long deadline = System.nanoTime() + keepAliveNanos;
      while (state.get() == WAITING) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || shutdown) {
          if (state.compareAndSet(WAITING, GONE)) {
            idle.remove(this);
            return null;
          }
          break; // a producer claimed this thread just now: its call is on the way
        }
        LockSupport.parkNanos(this, left);
        Thread.interrupted(); // an interrupt meant for a finished call, or shutdownNow (checked above)
      }
      // Claimed: the producer writes the slot right after its CAS.
      while ((task = slot) == null) {
        Thread.onSpinWait();
      }
      slot = null;
      return task;
    }
  }
}
