package dev.plinth.api.hook;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * A plugin's view of the hook registry: it can register handlers, only for the points its manifest
 * contributes, and can never dispatch. Everything registered is removed when the plugin stops.
 */
@API(status = STABLE, since = "0.1")
public interface HookRegistrar {

  /** Registers with default options (and the operator's policy from the manifest). */
  default <T> HookRegistration register(HookPoint<T> point, HookHandler<T> handler) {
    return register(point, HookOptions.DEFAULTS, handler);
  }

  /**
   * Registers a handler.
   *
   * @throws dev.plinth.api.PlinthException with code {@code HOOK_NOT_DECLARED} when the manifest
   *     does not contribute the point, or {@code HOOK_POINT_UNKNOWN} when the host does not offer it
   */
  <T> HookRegistration register(HookPoint<T> point, HookOptions options, HookHandler<T> handler);
}
