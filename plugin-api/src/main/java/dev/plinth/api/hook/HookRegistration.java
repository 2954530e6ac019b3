package dev.plinth.api.hook;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * A registered handler. {@link #unregister()} (or {@link #close()}) removes it: dispatches that
 * already started finish with the snapshot they took; later ones no longer call it. Idempotent and
 * thread-safe.
 */
@API(status = STABLE, since = "0.1")
public interface HookRegistration extends AutoCloseable {

  HookPoint<?> point();

  String pluginId();

  /** False once unregistered. */
  boolean isActive();

  void unregister();

  @Override
  default void close() {
    unregister();
  }
}
