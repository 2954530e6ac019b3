package dev.plinth.testkit.golden;

import dev.plinth.installer.Phase;
import dev.plinth.installer.store.FaultInjector;

/** One injector given to the system at build time, switched between attempts. */
final class SwitchableFaults implements FaultInjector {
  private volatile FaultInjector current = FaultInjector.NONE;

  void failAt(Phase phase) {
    current = FaultInjector.failAt(phase);
  }

  void clear() {
    current = FaultInjector.NONE;
  }

  @Override
  public void beforePhase(Phase phase, String subject) {
    current.beforePhase(phase, subject);
  }
}
