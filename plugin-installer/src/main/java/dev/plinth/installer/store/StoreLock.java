package dev.plinth.installer.store;

import dev.plinth.installer.InstallErrorCode;
import dev.plinth.installer.InstallException;
import dev.plinth.installer.Phase;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The single-writer lock of one plugin home. An OS lock on {@code <home>/.store.lock} keeps other
 * processes out; because the JVM holds OS locks per process, a static map of canonical home to
 * {@link ReentrantLock} keeps other threads of this process out. Reentrant: an operation may call
 * another (dependencies installed first) while holding it. Thread-safe.
 */
final class StoreLock {
  private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

  private final Path lockFile;
  private final ReentrantLock local;
  private final Duration timeout;
  private FileChannel channel;
  private FileLock osLock;

  StoreLock(Path home, Path lockFile, Duration timeout) {
    this.lockFile = lockFile;
    this.timeout = timeout;
    this.local = IN_PROCESS.computeIfAbsent(canonical(home), k -> new ReentrantLock());
  }

  /** A held lock; closing it releases one level. */
  interface Held extends AutoCloseable {
    /** True for the outermost hold: the only point where stale journals can be recovered. */
    boolean outermost();

    @Override
    void close();
  }

  /**
   * Waits up to the timeout for both locks.
   *
   * @throws InstallException {@code STORE_LOCKED} when another writer holds the store for longer
   */
  Held acquire(Phase phase) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      if (!local.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        throw locked(phase, "another thread of this process");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw locked(phase, "interrupted while waiting");
    }
    boolean outermost = local.getHoldCount() == 1;
    if (outermost) {
      try {
        lockFile(deadline, phase);
      } catch (RuntimeException | Error e) {
        local.unlock();
        throw e;
      }
    }
    return new Held() {
      private boolean closed;

      @Override
      public boolean outermost() {
        return outermost;
      }

      @Override
      public void close() {
        if (closed) {
          return;
        }
        closed = true;
        if (outermost) {
          releaseFile();
        }
        local.unlock();
      }
    };
  }

  private void lockFile(long deadline, Phase phase) {
    try {
      channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      while (true) {
        osLock = channel.tryLock();
        if (osLock != null) {
          return;
        }
        if (System.nanoTime() > deadline) {
          releaseFile();
          throw locked(phase, "another process");
        }
        Thread.sleep(10);
      }
    } catch (IOException e) {
      releaseFile();
      InstallErrorCode code = InstallErrorCode.ofIoFailure(e, InstallErrorCode.STORE_IO);
      throw new InstallException(code, phase,
          "store lock cannot be taken: " + lockFile + " (" + e.getMessage() + ")",
          code.ioNextStep(String.valueOf(lockFile.getParent()), "Check that the plugin home is writable."),
          Map.of("path", lockFile.toString()), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      releaseFile();
      throw locked(phase, "interrupted while waiting");
    }
  }

  private void releaseFile() {
    try {
      if (osLock != null) {
        osLock.release();
      }
      if (channel != null) {
        channel.close();
      }
    } catch (IOException e) {
      // closing the channel releases the OS lock in any case
    } finally {
      osLock = null;
      channel = null;
    }
  }

  private InstallException locked(Phase phase, String holder) {
    return new InstallException(InstallErrorCode.STORE_LOCKED, phase,
        "store lock held by " + holder + " for more than " + timeout.toMillis() + " ms: " + lockFile,
        "Wait for the other install, upgrade or uninstall to finish, then retry.",
        Map.of("path", lockFile.toString(), "timeout_ms", timeout.toMillis()), null);
  }

  private static Path canonical(Path home) {
    Path abs = home.toAbsolutePath().normalize();
    try {
      return abs.toRealPath();
    } catch (IOException e) {
      return abs;
    }
  }
}
