package dev.plinth.runtime.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Computes results for slots {@code 0..n-1} on helper threads ahead of one consumer that takes them
 * in order, so independent work overlaps with the consumer's own sequential work. A slot the
 * consumer reaches before any helper claimed it is computed on the consumer's thread, so taking
 * never waits for a slot nobody works on. Slots the consumer never takes (it stopped early, or
 * {@link #discard discarded} them) are handed to the discard action once computed.
 *
 * <p>The consumer side ({@link #take}, {@link #discard}, {@link #close}) is one thread; helpers run
 * only the compute function, never plugin code.
 *
 * @param <R> the result of one slot
 */
final class Lookahead<R> implements AutoCloseable {
  private static final int FREE = 0;
  private static final int CLAIMED = 1;
  private static final int TAKEN = 2;

  private final IntFunction<R> compute;
  private final Consumer<R> discard;
  private final boolean[] wanted;
  private final AtomicIntegerArray state;
  private final List<CompletableFuture<R>> results;
  private final AtomicInteger cursor = new AtomicInteger();
  private final List<Thread> helpers = new ArrayList<>();
  private volatile boolean closed;

  /**
   * @param wanted which slots helpers may compute ahead; the others are only computed when taken
   * @param helperCount threads to start (none when nothing is wanted)
   * @param name the helpers' thread-name prefix
   * @param compute the work of one slot; an exception it throws is rethrown by {@link #take}
   * @param discard releases a computed result that is never taken
   */
  Lookahead(boolean[] wanted, int helperCount, String name, IntFunction<R> compute, Consumer<R> discard) {
    this.compute = compute;
    this.discard = discard;
    this.wanted = wanted.clone();
    this.state = new AtomicIntegerArray(wanted.length);
    this.results = new ArrayList<>(wanted.length);
    int ahead = 0;
    for (boolean w : wanted) {
      results.add(new CompletableFuture<>());
      ahead += w ? 1 : 0;
    }
    int threads = Math.min(helperCount, ahead);
    for (int i = 0; i < threads; i++) {
      Thread t = new Thread(null, this::help, name + "-" + (i + 1), 0, false);
      t.setDaemon(true);
      t.setContextClassLoader(Lookahead.class.getClassLoader());
      helpers.add(t);
    }
    helpers.forEach(Thread::start);
  }

  /**
   * The result of {@code slot}, computed here if no helper has claimed it. While a helper is still
   * computing it, this thread computes later slots the helpers have not reached, rather than wait.
   */
  R take(int slot) {
    if (state.compareAndSet(slot, FREE, TAKEN)) {
      return compute.apply(slot);
    }
    CompletableFuture<R> result = results.get(slot);
    while (!result.isDone() && claimAndCompute()) {
      // one slot done ahead; look again
    }
    state.set(slot, TAKEN);
    try {
      return result.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }

  /** Computes one slot no helper has claimed yet, if any is left: the consumer's spare time. */
  void computeOne() {
    claimAndCompute();
  }

  /** The consumer will not take {@code slot}: a result computed for it is discarded. */
  void discard(int slot) {
    if (state.getAndSet(slot, TAKEN) == CLAIMED) {
      results.get(slot).thenAccept(discard);
    }
  }

  /** Stops the helpers, waits for the slots they are computing and discards what was never taken. */
  @Override
  public void close() {
    closed = true;
    boolean interrupted = false;
    for (Thread t : helpers) {
      while (t.isAlive()) {
        try {
          t.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    for (int i = 0; i < wanted.length; i++) {
      discard(i);
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void help() {
    while (!closed && claimAndCompute()) {
      // next slot
    }
  }

  /** Claims the next wanted slot nobody claimed yet and computes it; false when none is left. */
  private boolean claimAndCompute() {
    int n = wanted.length;
    for (int i = cursor.getAndIncrement(); i < n; i = cursor.getAndIncrement()) {
      if (!wanted[i] || !state.compareAndSet(i, FREE, CLAIMED)) {
        continue;
      }
      CompletableFuture<R> result = results.get(i);
      try {
        result.complete(compute.apply(i));
      } catch (RuntimeException | Error e) {
        result.completeExceptionally(e);
      }
      return true;
    }
    return false;
  }

  /** For tests: the helper threads started. */
  int helperCount() {
    return helpers.size();
  }
}
