package dev.plinth.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * A plugin's entry point. Every method has a default, so a plugin implements only what it needs
 * and new methods never break old plugins.
 *
 * <p>The host finds the implementation through {@link java.util.ServiceLoader} (a
 * {@code META-INF/services/dev.plinth.api.Plugin} file in the bundle) or the manifest's
 * {@code plugin.runtime.entry}. It calls {@link #start} once after loading, {@link #health} when it
 * checks the plugin, and {@link #stop} once before unloading; each call runs with a timeout and with
 * the thread's context classloader set to the plugin's own loader.
 *
 * <pre>{@code
 * public final class HelloPlugin implements Plugin {
 *   public void start(PluginContext context) {
 *     context.hooks().register(MyPoints.GREETING, ctx -> HookResult.unchanged());
 *   }
 * }
 * }</pre>
 */
@API(status = STABLE, since = "0.1")
public interface Plugin {

  /**
   * Called once when the plugin is loaded. Register hook handlers and open resources here.
   *
   * @throws Exception any failure; the host records it, stops the plugin and (during an install)
   *     rolls back to the previous version
   */
  default void start(PluginContext context) throws Exception {}

  /** Called once before the plugin is unloaded: stop threads and release everything started. */
  default void stop() throws Exception {}

  /** Reports whether the plugin can do its work. The default is healthy. */
  default HealthStatus health() {
    return HealthStatus.healthy();
  }
}
