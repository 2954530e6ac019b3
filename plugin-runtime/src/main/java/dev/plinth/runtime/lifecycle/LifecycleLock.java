package dev.plinth.runtime.lifecycle;

import dev.plinth.runtime.PluginRuntimeException;
import dev.plinth.runtime.RuntimeErrorCode;
import dev.plinth.runtime.classloading.Mailbox;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The runtime's lifecycle lock: load, unload, boot and lazy activation hold it. While a thread holds
 * it, that thread serves the lock's {@link Mailbox}: when it waits for a plugin call (a start, a
 * stop), it runs the activations other threads could not take the lock for. A plugin whose start
 * calls a host service that dispatches to a lazy plugin is such a case: the thread that began the
 * start holds this lock and waits for it, and without help the activation would wait for the
 * start's timeout.
 *
 * <p>Reentrant, like the {@link ReentrantLock} it is.
 */
@SuppressWarnings("serial") // never serialised
final class LifecycleLock extends ReentrantLock implements LazyPlugins.Lifecycle {
  private final transient Mailbox mailbox = new Mailbox();

  @Override
  public void lock() {
    super.lock();
    entered();
  }

  @Override
  public boolean tryLock() {
    if (!super.tryLock()) {
      return false;
    }
    entered();
    return true;
  }

  @Override
  public boolean tryLock(long timeout, TimeUnit unit) throws InterruptedException {
    if (!super.tryLock(timeout, unit)) {
      return false;
    }
    entered();
    return true;
  }

  @Override
  public void unlock() {
    if (getHoldCount() == 1) {
      mailbox.leave();
    }
    super.unlock();
  }

  @Override
  public boolean awaits(Thread thread) {
    return mailbox.awaits(thread);
  }

  private void entered() {
    if (getHoldCount() == 1) {
      mailbox.enter();
    }
  }

  /**
   * Runs {@code work} holding this lock. When another thread holds it, the work is also handed to
   * that thread's mailbox, and whichever comes first runs it: the owner while it waits for a plugin
   * call, or this thread as soon as the lock is free. Returns when it has run; what it threw is
   * thrown here.
   *
   * @throws PluginRuntimeException {@code START_FAILED} when this thread is interrupted meanwhile
   */
  @Override
  public void run(Runnable work) {
    if (tryLock()) {
      try {
        work.run();
      } finally {
        unlock();
      }
      return;
    }
    FutureTask<Void> task = new FutureTask<>(work, null);
    mailbox.post(task);
    try {
      while (!task.isDone()) {
        if (tryLock(1, TimeUnit.MILLISECONDS)) {
          try {
            task.run(); // a no-op when the owner ran it meanwhile
          } finally {
            unlock();
          }
        }
      }
      task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PluginRuntimeException(RuntimeErrorCode.START_FAILED, "",
          "thread must not be interrupted while it waits for a plugin's activation",
          "Retry the call; the plugin stays deferred until its activation runs.", Map.of(), e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    } finally {
      mailbox.withdraw(task);
    }
  }
}
