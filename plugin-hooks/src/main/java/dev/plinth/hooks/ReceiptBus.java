package dev.plinth.hooks;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers receipts to listeners on one daemon thread through a bounded queue, so the
 * dispatching thread only ever does a non-blocking offer (and nothing at all when no listener is
 * registered). When the queue is full the batch is dropped and counted. Thread-safe.
 */
final class ReceiptBus implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReceiptBus.class);

  private final CopyOnWriteArrayList<ReceiptListener> listeners = new CopyOnWriteArrayList<>();
  private final ArrayBlockingQueue<List<HookReceipt>> queue;
  private final AtomicLong dropped = new AtomicLong();
  private final Object startLock = new Object();
  private volatile @Nullable Thread worker;
  private volatile boolean closed;

  ReceiptBus(int capacity) {
    this.queue = new ArrayBlockingQueue<>(capacity);
  }

  void add(ReceiptListener listener) {
    listeners.add(listener);
    ensureStarted();
  }

  boolean remove(ReceiptListener listener) {
    return listeners.remove(listener);
  }

  boolean hasListeners() {
    return !listeners.isEmpty();
  }

  long dropped() {
    return dropped.get();
  }

  void publish(List<HookReceipt> receipts) {
    if (receipts.isEmpty() || listeners.isEmpty() || closed) {
      return;
    }
    if (worker == null) {
      ensureStarted();
    }
    if (!queue.offer(receipts)) {
      dropped.addAndGet(receipts.size());
    }
  }

  private void ensureStarted() {
    synchronized (startLock) {
      if (worker != null || closed) {
        return;
      }
      Thread t = DaemonThreads.create(this::deliverLoop, "plinth-hook-receipts");
      worker = t;
      t.start();
    }
  }

  private void deliverLoop() {
    try {
      while (true) {
        List<HookReceipt> batch;
        try {
          batch = queue.take();
        } catch (InterruptedException e) {
          drain();
          return;
        }
        deliver(batch);
      }
    } finally {
      synchronized (startLock) {
        worker = null;
      }
    }
  }

  private void drain() {
    List<HookReceipt> batch;
    while ((batch = queue.poll()) != null) {
      deliver(batch);
    }
  }

  private void deliver(List<HookReceipt> batch) {
    for (ReceiptListener listener : listeners) {
      for (HookReceipt receipt : batch) {
        try {
          listener.onReceipt(receipt);
        } catch (VirtualMachineError e) {
          throw e;
        } catch (Throwable t) {
          LOG.warn("receipt listener {} failed on {} receipt of {}", listener, receipt.point(), receipt.pluginId(), t);
        }
      }
    }
  }

  /** Stops delivery: what is queued is delivered first, for at most {@code waitMillis}. */
  @Override
  public void close() {
    close(1000);
  }

  void close(long waitMillis) {
    Thread t;
    synchronized (startLock) {
      closed = true;
      t = worker;
    }
    if (t == null) {
      return;
    }
    t.interrupt();
    try {
      t.join(TimeUnit.MILLISECONDS.toMillis(waitMillis));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
