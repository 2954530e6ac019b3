package dev.plinth.runtime.classloading;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Work handed to the thread that holds a lock, to run while that thread waits for a plugin call.
 *
 * <p>The runtime's lifecycle lock is held while a plugin's {@code start} runs on a worker. When
 * that start calls a host service that dispatches to a lazy plugin, the activation needs the same
 * lock, and its owner is waiting for the very start that asks: without help, both wait until the
 * start's timeout. The activation is therefore posted here as well; the owner, which serves this
 * mailbox while it holds the lock, runs it between the slices of its wait for the plugin call
 * ({@link CallWorkers}), and the asking thread takes it over if the lock comes free first. Posted
 * work runs once, on one thread, with the lock held.
 *
 * <p>Thread-safe. {@link #enter()} and {@link #leave()} are called by the lock's owner only.
 */
@API(status = INTERNAL, since = "0.1")
public final class Mailbox {
  /** The mailbox the current thread serves, if any. */
  private static final ThreadLocal<@Nullable Mailbox> SERVED = new ThreadLocal<>();

  private final ConcurrentLinkedQueue<Runnable> posted = new ConcurrentLinkedQueue<>();
  /** What the owner served before it entered this one (a lock of another runtime); owner only. */
  private @Nullable Mailbox outer;
  /** The thread running the plugin call the owner waits for now, if any; written by the owner only. */
  private volatile @Nullable Thread awaited;

  /** The current thread serves this mailbox from now on (it just took the lock). */
  public void enter() {
    outer = SERVED.get();
    SERVED.set(this);
  }

  /** The current thread stops serving this mailbox (it is about to release the lock). */
  public void leave() {
    Mailbox o = outer;
    outer = null;
    if (o == null) {
      SERVED.remove();
    } else {
      SERVED.set(o);
    }
  }

  /**
   * Hands {@code work} to the thread serving this mailbox; it must be safe to run more than once
   * (a {@link java.util.concurrent.FutureTask} runs its body once) and to run after it is withdrawn.
   */
  public void post(Runnable work) {
    posted.add(work);
  }

  /** Withdraws work that has run elsewhere, so that the queue does not keep it. */
  public void withdraw(Runnable work) {
    posted.remove(work);
  }

  /**
   * True when the lock's owner is waiting, right now, for a plugin call that runs on {@code thread}:
   * work that {@code thread} needs done by the owner's current activation can then never be done.
   */
  public boolean awaits(Thread thread) {
    return awaited == thread;
  }

  /** Records the thread the owner waits for (null: none); returns the one recorded before. */
  @Nullable Thread awaiting(@Nullable Thread thread) {
    Thread before = awaited;
    awaited = thread;
    return before;
  }

  /** The mailbox the current thread serves, or null. */
  static @Nullable Mailbox served() {
    return SERVED.get();
  }

  /**
   * Runs, on the current thread, everything posted so far. Before each piece it records the thread
   * of the call it waits for ({@code awaitedNow}, read after the piece was taken: its poster, if it
   * runs that call, has taken the call by then).
   */
  void runPosted(Supplier<@Nullable Thread> awaitedNow) {
    Runnable work;
    while ((work = posted.poll()) != null) {
      awaited = awaitedNow.get();
      work.run();
    }
  }
}
