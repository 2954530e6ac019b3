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
 * @param cleanedUp what the plugin left in JVM-wide registries and the runtime cleared before
 *     closing its loader: JDBC drivers (deregistered), {@code java.security} providers (removed),
 *     MBeans (unregistered) and JVM-wide defaults such as {@code
 *     Thread.defaultUncaughtExceptionHandler} or {@code java.net.ProxySelector} (set back), and
 *     {@code java.util.logging} handlers (removed)
 * @param leak the leak report when the loader was still reachable after the wait, or null
 */
@API(status = STABLE, since = "0.1")
public record UnloadResult(
    String pluginId,
    String version,
    @Nullable PluginRuntimeException stopError,
    List<LeakReport.Holder> cleanedUp,
    @Nullable LeakReport leak) {
  public UnloadResult {
    requireNonNull(pluginId, "pluginId");
    requireNonNull(version, "version");
    cleanedUp = List.copyOf(cleanedUp);
  }

  /** The names of what was cleared of one kind, such as the JDBC drivers deregistered. */
  public List<String> cleanedUp(LeakReport.Kind kind) {
    return cleanedUp.stream().filter(h -> h.kind() == kind).map(LeakReport.Holder::name).toList();
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
