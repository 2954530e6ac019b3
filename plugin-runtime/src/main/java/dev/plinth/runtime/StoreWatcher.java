package dev.plinth.runtime;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rescans when the store changes under the running system: watches the plugin home for new
 * versions of {@code plinth.lock} and {@code state.json}, which every store operation of any process
 * (the command line, another host) writes, and once no such change has come for the quiet period,
 * runs the rescan and hands a report that changed something to the listener.
 *
 * <p>One daemon thread ({@value #THREAD_NAME}) that never runs plugin code itself: the rescan loads
 * and starts plugins through the runtime as an explicit {@code rescan()} does. Changes this process
 * makes also wake it; the rescan then finds nothing to do and the listener is not called.
 */
final class StoreWatcher implements AutoCloseable {
  static final String THREAD_NAME = "plinth-store-watch";
  static final Set<String> STORE_FILES = Set.of("plinth.lock", "state.json");

  private static final Logger LOG = LoggerFactory.getLogger(StoreWatcher.class);

  private final WatchService watch;
  private final long quietNanos;
  private final Supplier<RescanReport> rescan;
  private final Consumer<RescanReport> listener;
  private final Thread thread;
  private volatile boolean closed;

  private StoreWatcher(WatchService watch, Duration quiet, Supplier<RescanReport> rescan, Consumer<RescanReport> listener) {
    this.watch = watch;
    this.quietNanos = quiet.toNanos();
    this.rescan = rescan;
    this.listener = listener;
    this.thread = new Thread(null, this::run, THREAD_NAME, 0, false);
    thread.setDaemon(true);
    thread.setContextClassLoader(StoreWatcher.class.getClassLoader());
  }

  /** Starts watching {@code home}. */
  static StoreWatcher start(Path home, Duration quiet, Supplier<RescanReport> rescan, Consumer<RescanReport> listener)
      throws IOException {
    WatchService watch = home.getFileSystem().newWatchService();
    try {
      home.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
          StandardWatchEventKinds.ENTRY_DELETE);
    } catch (IOException | RuntimeException e) {
      watch.close();
      throw e;
    }
    StoreWatcher w = new StoreWatcher(watch, quiet, rescan, listener);
    w.thread.start();
    return w;
  }

  private void run() {
    try {
      while (!closed) {
        if (!storeChanged(watch.take())) {
          continue;
        }
        // Wait until the store has been quiet for the whole period: one install writes several files.
        long deadline = System.nanoTime() + quietNanos;
        for (long left = quietNanos; left > 0; left = deadline - System.nanoTime()) {
          WatchKey more = watch.poll(left, TimeUnit.NANOSECONDS);
          if (more != null && storeChanged(more)) {
            deadline = System.nanoTime() + quietNanos;
          }
        }
        if (!closed) {
          rescanAndReport();
        }
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // closing
    }
  }

  /** Drains the key; true when one of its events is a store file (or events were lost). */
  private static boolean storeChanged(WatchKey key) {
    boolean changed = false;
    for (WatchEvent<?> e : key.pollEvents()) {
      changed |= e.kind() == StandardWatchEventKinds.OVERFLOW
          || (e.context() instanceof Path p && STORE_FILES.contains(p.toString()));
    }
    key.reset();
    return changed;
  }

  private void rescanAndReport() {
    RescanReport report;
    try {
      report = rescan.get();
    } catch (PluginRuntimeException e) {
      if (e.code() != RuntimeErrorCode.SYSTEM_CLOSED) {
        LOG.warn("rescan after a store change failed: {}", e.getMessage());
      }
      return;
    } catch (RuntimeException e) {
      LOG.warn("rescan after a store change failed: {}", e.toString());
      return;
    }
    if (!report.unchanged()) {
      try {
        listener.accept(report);
      } catch (RuntimeException e) {
        LOG.warn("store watch listener failed: {}", e.toString());
      }
    }
  }

  /**
   * Stops watching and waits (up to 10 s) for a rescan in progress to finish. Call it without
   * holding the system's operation lock, which that rescan may be waiting for.
   */
  @Override
  public void close() {
    closed = true;
    try {
      watch.close();
    } catch (IOException e) {
      LOG.debug("closing the store watch: {}", e.toString());
    }
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** For tests: whether the watching thread still runs. */
  boolean isAlive() {
    return thread.isAlive();
  }
}
