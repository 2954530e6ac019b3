package dev.plinth.runtime.lifecycle;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import dev.plinth.runtime.PluginRuntimeException;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What boot did with every candidate: each appears exactly once, as loaded, skipped or failed.
 *
 * @param correlationId ties the boot's events together
 * @param loaded plugins loaded and started, in load order
 * @param skipped plugins not attempted, with the reason
 * @param failed plugins that failed, with their error
 */
@API(status = STABLE, since = "0.1")
public record BootReport(
    String correlationId, List<PluginInfo> loaded, List<Skipped> skipped, List<Failed> failed) {
  public BootReport {
    requireNonNull(correlationId, "correlationId");
    loaded = List.copyOf(loaded);
    skipped = List.copyOf(skipped);
    failed = List.copyOf(failed);
  }

  /** Why boot did not attempt a plugin. */
  public enum SkipReason {
    /** The operator has not enabled it. */
    DISABLED,
    /** Safe mode is on and it is a third-party plugin. */
    SAFE_MODE,
    /** The crash guard disabled it; re-enable it to load it again. */
    AUTO_DISABLED,
    /** It was already loaded. */
    ALREADY_LOADED,
    /** Its activation is lazy: registered from the index, it starts on first use. */
    LAZY
  }

  /** A plugin boot did not attempt. */
  public record Skipped(String pluginId, SkipReason reason) {
    public Skipped {
      requireNonNull(pluginId, "pluginId");
      requireNonNull(reason, "reason");
    }
  }

  /** A plugin that failed to load, with the error (which names the dependency or cycle at fault). */
  public record Failed(String pluginId, PluginRuntimeException error) {
    public Failed {
      requireNonNull(pluginId, "pluginId");
      requireNonNull(error, "error");
    }
  }

  /** The ids loaded, in order. */
  public List<String> loadedIds() {
    return loaded.stream().map(PluginInfo::pluginId).toList();
  }

  /** The failure of one plugin, if it failed. */
  public Optional<Failed> failure(String pluginId) {
    return failed.stream().filter(f -> f.pluginId().equals(pluginId)).findFirst();
  }

  /** True when nothing failed. */
  public boolean ok() {
    return failed.isEmpty();
  }
}
