package dev.plinth.installer.store;

import static org.apiguardian.api.API.Status.STABLE;

import dev.plinth.installer.InstallErrorCode;
import dev.plinth.installer.InstallException;
import dev.plinth.installer.Phase;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apiguardian.api.API;

/**
 * A test seam: consulted at the start of every phase of every transaction (the stager's phases
 * RESOLVE..EXTRACT just before the stager runs; PREPARE..COMMIT inside the store), it may throw to
 * make that phase fail. The test kit uses it to prove that a failure in any phase leaves the
 * previous state. Implementations must be thread-safe.
 *
 * <pre>{@code
 * PluginStore store = PluginStore.builder().home(home).stager(stager)
 *     .faultInjector(FaultInjector.failAt(Phase.HEALTH)).build();
 * }</pre>
 */
@API(status = STABLE, since = "0.1")
@FunctionalInterface
public interface FaultInjector {
  /** Never fails. */
  FaultInjector NONE = (phase, subject) -> {};

  /**
   * Called as {@code phase} starts.
   *
   * @param subject the plugin id, or the source string before the id is known
   */
  void beforePhase(Phase phase, String subject);

  /** Fails every transaction at {@code phase} with {@code FAULT_INJECTED}. */
  static FaultInjector failAt(Phase phase) {
    return failAt(phase, Integer.MAX_VALUE);
  }

  /** Fails the first {@code times} transactions that reach {@code phase}, then lets them pass. */
  static FaultInjector failAt(Phase phase, int times) {
    AtomicInteger left = new AtomicInteger(times);
    return (p, subject) -> {
      if (p == phase && left.getAndDecrement() > 0) {
        throw injected(p, subject);
      }
    };
  }

  /** The exception the factories throw, for custom injectors. */
  static InstallException injected(Phase phase, String subject) {
    return new InstallException(InstallErrorCode.FAULT_INJECTED, phase,
        "phase " + phase.jsonName() + " failed by fault injection: " + subject,
        "Remove the fault injector; it is for tests only.", Map.of("subject", subject), null);
  }
}
