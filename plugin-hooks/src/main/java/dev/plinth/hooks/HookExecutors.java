package dev.plinth.hooks;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the executor for isolated handlers. The code base targets Java 17, so virtual threads
 * are found at run time through a method handle: on JDK 21+ each isolated call gets its own
 * virtual thread; otherwise a {@link HandoffPool}: a bounded pool of daemon threads with direct
 * hand-off (no queue, so a saturated pool rejects at once instead of making calls wait behind
 * stuck ones) whose idle threads spin briefly before they park.
 */
final class HookExecutors {
  private static final Logger LOG = LoggerFactory.getLogger(HookExecutors.class);
  private static final @Nullable MethodHandle VIRTUAL = findVirtual();

  private HookExecutors() {}

  /** Whether this JDK offers virtual threads. */
  static boolean virtualThreadsAvailable() {
    return VIRTUAL != null;
  }

  static ExecutorService create(boolean preferVirtual, int platformThreads) {
    if (preferVirtual && VIRTUAL != null) {
      try {
        return (ExecutorService) VIRTUAL.invoke();
      } catch (UnsupportedOperationException e) {
        // JDK 19/20 without --enable-preview: fall back to the pool.
        LOG.debug("virtual threads present but not enabled; using a platform pool", e);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable e) {
        throw new IllegalStateException("cannot create the virtual-thread executor", e);
      }
    }
    return new HandoffPool(platformThreads, 30, TimeUnit.SECONDS, "plinth-hook-");
  }

  private static @Nullable MethodHandle findVirtual() {
    try {
      return MethodHandles.publicLookup()
          .findStatic(
              Executors.class, "newVirtualThreadPerTaskExecutor", MethodType.methodType(ExecutorService.class));
    } catch (NoSuchMethodException | IllegalAccessException e) {
      return null;
    }
  }
}
