package dev.plinth.testkit.server;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * One injected fault sequence; {@link #remove()} takes it away so the path answers normally.
 * Thread-safe (it takes the server's lock).
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class FaultHandle {
  private final Runnable remover;

  FaultHandle(Runnable remover) {
    this.remover = remover;
  }

  /** Removes the fault's stubs. Removing twice does nothing more. */
  public void remove() {
    remover.run();
  }
}
