package dev.plinth.runtime.context;

import static org.apiguardian.api.API.Status.STABLE;

import dev.plinth.api.ApiErrorCode;
import dev.plinth.api.PlinthException;
import dev.plinth.api.PluginDescriptor;
import dev.plinth.api.hook.HookRegistrar;
import org.apiguardian.api.API;

/**
 * The seam between the runtime and the hook registry: it hands each plugin a registrar limited to
 * that plugin, and removes everything a plugin registered when it unloads. Implementations must be
 * thread-safe.
 */
@API(status = STABLE, since = "0.1")
public interface HookWiring {
  /** No hook points: every registration fails with {@code HOOK_POINT_UNKNOWN}. */
  HookWiring NONE =
      new HookWiring() {
        @Override
        public HookRegistrar registrar(PluginDescriptor plugin) {
          return new HookRegistrar() {
            @Override
            public <T> dev.plinth.api.hook.HookRegistration register(
                dev.plinth.api.hook.HookPoint<T> point,
                dev.plinth.api.hook.HookOptions options,
                dev.plinth.api.hook.HookHandler<T> handler) {
              throw new PlinthException(
                  ApiErrorCode.HOOK_POINT_UNKNOWN,
                  "hook point must be one the host offers: " + point.name(),
                  "This host offers no hook points; remove the registration or use a host that"
                      + " declares " + point.name() + ".");
            }
          };
        }

        @Override
        public void unregisterAll(String pluginId) {}
      };

  /** The registrar a plugin sees through {@code PluginContext.hooks()}. */
  HookRegistrar registrar(PluginDescriptor plugin);

  /** Removes every handler the plugin registered; idempotent. */
  void unregisterAll(String pluginId);

  /**
   * Registers a stand-in for a plugin that is not started yet on one of its declared hook points,
   * with the manifest's policy for that point: before a dispatch to the point, {@code activation}
   * runs on the dispatching thread; while the stand-in stays registered (activation failed) it
   * fails with {@code failure}'s error, so the point's failure policy applies. Empty when the host
   * offers no such point. The default registers nothing.
   */
  default java.util.Optional<dev.plinth.api.hook.HookRegistration> defer(
      dev.plinth.manifest.PluginManifest manifest, String point, Runnable activation,
      java.util.function.Supplier<? extends RuntimeException> failure) {
    return java.util.Optional.empty();
  }
}
