package dev.plinth.runtime.lifecycle;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import dev.plinth.runtime.PluginRuntimeException;
import dev.plinth.runtime.leak.LeakReport;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * What unloading a plugin found.
 *
 * @param pluginId the plugin
 * @param version the version unloaded
 * @param stopError why {@code stop()} failed or timed out, or null when it returned normally
 * @param deregisteredDrivers JDBC drivers the plugin left registered, which the runtime removed
 * @param removedSecurityProviders {@code java.security} providers the plugin left registered, which
 *     the runtime removed
 * @param unregisteredMBeans MBeans of the plugin left registered, which the runtime unregistered
 * @param restoredJvmDefaults JVM-wide defaults the plugin had set to its own objects (such as {@code
 *     Thread.defaultUncaughtExceptionHandler} or {@code java.net.ProxySelector}), which the runtime
 *     set back
 * @param leak the leak report when the loader was still reachable after the wait, or null
 */
@API(status = STABLE, since = "0.1")
public record UnloadResult(
    String pluginId,
    String version,
    @Nullable PluginRuntimeException stopError,
    List<String> deregisteredDrivers,
    List<String> removedSecurityProviders,
    List<String> unregisteredMBeans,
    List<String> restoredJvmDefaults,
    @Nullable LeakReport leak) {
  public UnloadResult {
    requireNonNull(pluginId, "pluginId");
    requireNonNull(version, "version");
    deregisteredDrivers = List.copyOf(deregisteredDrivers);
    removedSecurityProviders = List.copyOf(removedSecurityProviders);
    unregisteredMBeans = List.copyOf(unregisteredMBeans);
    restoredJvmDefaults = List.copyOf(restoredJvmDefaults);
  }

  /** The leak report, when the loader was not collected. */
  public Optional<LeakReport> leakReport() {
    return Optional.ofNullable(leak);
  }

  /** True when stop returned normally and the loader was collected (or the plugin is builtin). */
  public boolean clean() {
    return stopError == null && leak == null;
  }
}
