package dev.plinth.runtime;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * What {@link PluginSystem#rescan()} changed to bring the loaded plugins in line with the store.
 *
 * @param loaded plugins newly loaded (installed or enabled elsewhere), in load order
 * @param unloaded plugins unloaded (uninstalled, disabled or unacknowledged elsewhere)
 * @param reloaded plugins whose current version changed and that now run it
 * @param stale plugins still running a version that is no longer current, because loading the
 *     current one failed (the reason is in {@code failed})
 * @param failed plugin id to the error that kept it from loading
 */
@API(status = STABLE, since = "0.1")
public record RescanReport(
    List<String> loaded,
    List<String> unloaded,
    List<String> reloaded,
    List<String> stale,
    Map<String, String> failed) {
  public RescanReport {
    loaded = List.copyOf(loaded);
    unloaded = List.copyOf(unloaded);
    reloaded = List.copyOf(reloaded);
    stale = List.copyOf(stale);
    failed = Map.copyOf(failed);
  }

  /** True when nothing changed and nothing failed. */
  public boolean unchanged() {
    return loaded.isEmpty() && unloaded.isEmpty() && reloaded.isEmpty() && stale.isEmpty() && failed.isEmpty();
  }
}
