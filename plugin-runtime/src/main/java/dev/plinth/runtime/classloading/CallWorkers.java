package dev.plinth.runtime.classloading;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The daemon threads {@link PluginCalls#call} runs plugin code on: a cached pool that keeps at most
 * {@link #MAX_IDLE} idle workers for {@link #KEEP_ALIVE_SECONDS} seconds and starts a new one when
 * none is idle, so a busy or stuck worker never delays another plugin's call.
 *
 * <p>What a worker may keep of a plugin, and when it ends:
 *
 * <ul>
 *   <li>Before a call's result is handed over, the worker has reset its name to {@value #IDLE_NAME},
 *       its context classloader to the host's, its uncaught-exception handler and its priority, and
 *       has dropped the call: an idle worker never keeps a plugin's loader reachable through those.
 *   <li>A worker whose call was {@link Pending#abandon() abandoned} (timeout, interrupted caller) is
 *       interrupted and never handed another call; it ends when the plugin code returns.
 *   <li>Thread-locals plugin code set stay on the thread, and Java offers no way to clear them. Each
 *       worker therefore remembers (weakly) the plugin loaders whose code ran on it, and {@link
 *       #retire} ends every worker that ran a loader's code, so the thread-locals die with it.
 *       Workers are created without inheriting thread-locals.
 * </ul>
 *
 * <p>Thread-safe; one instance per JVM.
 */
final class CallWorkers {
  static final int MAX_IDLE = 8;
  static final long KEEP_ALIVE_SECONDS = 30;
  static final String IDLE_NAME = "plinth-call-idle";

  static final CallWorkers SHARED = new CallWorkers();

  /**
   * How long a caller spins for its call's result before it parks. Waking a parked thread can take
   * tens of microseconds (seen: some 35 on a 2-processor VM), more than a plugin's {@code start}
   * often runs, and a boot makes one such call per plugin. On one processor spinning only delays
   * the worker, so nothing spins there. (Workers do not spin for their next call: on two
   * processors that took time from the boot thread and lost more than it saved.)
   */
  static final long SPIN_NANOS = Runtime.getRuntime().availableProcessors() > 1 ? 50_000 : 0;

  /**
   * How long a thread that serves a {@link Mailbox} waits for a call before it looks for posted
   * work again: the most a lazy activation asked for by that call waits to begin.
   */
  static final long SERVE_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private static final ClassLoader HOST = CallWorkers.class.getClassLoader();
  private static final AtomicLong SEQUENCE = new AtomicLong();

  /** Idle workers, most recently used first; guarded by itself. */
  private final Deque<Worker> idle = new ArrayDeque<>();
  /** Every live worker, idle or busy (few: at most MAX_IDLE idle plus the calls running); guarded by {@link #idle}. */
  private final Set<Worker> live = new HashSet<>();

  private CallWorkers() {}

  /**
   * Runs {@code body} on an idle worker, or on a new one, named {@code name} and with {@code loader}
   * as context classloader while the body runs.
   */
  <T> Pending<T> submit(String name, ClassLoader loader, Callable<T> body) {
    Pending<T> call = new Pending<>(name, loader, body);
    Worker w;
    synchronized (idle) {
      w = idle.pollFirst();
    }
    if (w == null) {
      w = new Worker(call);
      synchronized (idle) {
        live.add(w);
      }
      try {
        w.thread.start();
      } catch (RuntimeException | Error e) {
        ended(w);
        throw e;
      }
    } else {
      w.calls.add(call);
    }
    return call;
  }

  /** Ends every worker that ran code of {@code loader}: idle ones now, busy ones when their call returns. */
  void retire(ClassLoader loader) {
    synchronized (idle) {
      for (Worker w : live) {
        if (w.ran(loader)) {
          w.retiring = true; // a busy worker sees it before it would go idle again
          if (idle.remove(w)) {
            w.calls.add(Pending.STOP);
          }
        }
      }
    }
  }

  private boolean offerIdle(Worker w) {
    synchronized (idle) {
      if (idle.size() >= MAX_IDLE || w.retiring) {
        live.remove(w);
        return false;
      }
      idle.addFirst(w);
      return true;
    }
  }

  /** True when {@code w} was idle and now ends; false when a call was just handed to it. */
  private boolean removeIdle(Worker w) {
    synchronized (idle) {
      boolean wasIdle = idle.remove(w);
      if (wasIdle) {
        live.remove(w);
      }
      return wasIdle;
    }
  }

  private void ended(Worker w) {
    synchronized (idle) {
      idle.remove(w);
      live.remove(w);
    }
  }

  /** One call: its body until a worker takes it, then its outcome. */
  static final class Pending<T> {
    static final Pending<Void> STOP = new Pending<>("", HOST, () -> null);

    private final String name;
    private final CountDownLatch done = new CountDownLatch(1);
    private @Nullable ClassLoader loader;
    private @Nullable Callable<T> body;
    private @Nullable Thread runner; // guarded by this
    private boolean abandoned; // guarded by this
    private @Nullable T value;
    private @Nullable Throwable failure;

    private Pending(String name, ClassLoader loader, Callable<T> body) {
      this.name = name;
      this.loader = loader;
      this.body = body;
    }

    /** The body's result, waiting until {@code deadline} ({@link System#nanoTime()} time) at most. */
    T get(long deadline) throws InterruptedException, TimeoutException, ExecutionException {
      // Most calls of a boot end within microseconds: spinning first saves waking this thread.
      long now = System.nanoTime();
      long spinUntil = deadline - now < SPIN_NANOS ? deadline : now + SPIN_NANOS;
      while (done.getCount() != 0 && System.nanoTime() - spinUntil < 0) {
        Thread.onSpinWait();
      }
      Mailbox mailbox = Mailbox.served();
      if (mailbox == null) {
        if (!done.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
          throw new TimeoutException();
        }
      } else {
        // This thread holds a lock others may need for the call it waits for: it runs what they
        // hand it (a lazy activation the call asked for) between slices of the wait.
        Thread before = mailbox.awaiting(null);
        try {
          while (true) {
            mailbox.runPosted(this::runner);
            long left = deadline - System.nanoTime();
            if (left <= 0) {
              throw new TimeoutException();
            }
            if (done.await(Math.min(left, SERVE_SLICE_NANOS), TimeUnit.NANOSECONDS)) {
              break;
            }
          }
        } finally {
          mailbox.awaiting(before);
        }
      }
      if (failure != null) {
        throw new ExecutionException(failure);
      }
      return value;
    }

    private synchronized @Nullable Thread runner() {
      return runner;
    }

    /** The caller walks away: the worker running the body is interrupted and not reused. */
    synchronized void abandon() {
      abandoned = true;
      body = null;
      if (runner != null) {
        runner.interrupt();
      }
    }

    /** Runs the body on {@code worker}; true when the worker may serve another call. */
    private boolean run(Thread worker) {
      Callable<T> b;
      ClassLoader l;
      synchronized (this) {
        b = body;
        l = loader;
        body = null;
        loader = null;
        if (abandoned || b == null || l == null) {
          return true; // walked away from before it began: no plugin code ran here
        }
        runner = worker;
      }
      Thread.interrupted(); // no interrupt meant for an earlier call reaches this one
      worker.setName(name);
      worker.setContextClassLoader(l);
      boolean reusable;
      try {
        value = b.call();
      } catch (Throwable t) {
        failure = t;
      } finally {
        worker.setContextClassLoader(HOST);
        worker.setName(IDLE_NAME);
        worker.setUncaughtExceptionHandler(null);
        worker.setPriority(Thread.NORM_PRIORITY);
        synchronized (this) {
          runner = null;
          reusable = !abandoned;
        }
        if (reusable) {
          Thread.interrupted();
        }
      }
      return reusable;
    }

    private void complete() {
      done.countDown();
    }
  }

  private final class Worker implements Runnable {
    final BlockingQueue<Pending<?>> calls = new ArrayBlockingQueue<>(1);
    final Thread thread;
    /** Plugin loaders whose code ran here, or was on the stack that created this thread; weak. */
    private final Set<ClassLoader> ran =
        Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
    /** Set (under the pool's lock) when a loader this worker ran was retired. */
    boolean retiring;

    Worker(Pending<?> first) {
      calls.add(first);
      // A new thread keeps its creator's access-control context, which holds the protection domains
      // (so the loaders) of the frames on the creating stack: those loaders count as run here.
      StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).forEach(f -> {
        if (f.getDeclaringClass().getClassLoader() instanceof PluginClassLoader l) {
          ran.add(l);
        }
      });
      this.thread = new Thread(null, this, IDLE_NAME + "-" + SEQUENCE.incrementAndGet(), 0, false);
      thread.setDaemon(true);
      thread.setContextClassLoader(HOST);
    }

    boolean ran(ClassLoader loader) {
      return ran.contains(loader);
    }

    @Override
    public void run() {
      try {
        while (true) {
          Pending<?> call = next();
          if (call == null || call == Pending.STOP) {
            return;
          }
          ClassLoader loader = call.loader;
          if (loader != null) {
            ran.add(loader);
          }
          loader = null;
          // Going idle before the result is handed over lets the caller's next call find this worker.
          boolean again = call.run(thread) && offerIdle(this);
          call.complete();
          call = null; // an idle worker holds no call
          if (!again) {
            return;
          }
        }
      } catch (InterruptedException e) {
        // Nothing interrupts an idle worker on purpose; end it.
      } finally {
        ended(this);
      }
    }

    /** The next call; null when the keep-alive ran out while idle. */
    private @Nullable Pending<?> next() throws InterruptedException {
      Pending<?> call = calls.poll(KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
      if (call == null && !removeIdle(this)) {
        call = calls.take(); // taken from the idle list at the last moment: its call is on the way
      }
      return call;
    }
  }
}
