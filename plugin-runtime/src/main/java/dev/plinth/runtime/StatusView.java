package dev.plinth.runtime;

import dev.plinth.installer.store.PluginInfo;
import dev.plinth.installer.store.PluginState;
import dev.plinth.manifest.ManifestReport;
import dev.plinth.manifest.PluginManifest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Builds {@link PluginStatus} values from the store's info and state, the runtime's load state and
 * what the {@link LoadTracker} saw. Read-only; thread-safe.
 */
final class StatusView {
  private final SystemAssembly a;

  StatusView(SystemAssembly a) {
    this.a = a;
  }

  /** Builtins first, then the store's plugins, each group by id. */
  List<PluginStatus> list() {
    List<PluginStatus> out = new ArrayList<>();
    a.builtins.values().stream()
        .sorted(Comparator.comparing(b -> b.manifest().id()))
        .forEach(b -> out.add(builtin(b)));
    List<PluginInfo> infos = a.store.list();
    Map<String, ManifestReport> read = a.readCurrentManifests(infos.stream()
        .filter(i -> i.currentVersion() != null && !a.builtins.containsKey(i.id())).map(PluginInfo::id).toList());
    for (PluginInfo info : infos) {
      if (!a.builtins.containsKey(info.id())) {
        out.add(stored(info, read));
      }
    }
    return out;
  }

  Optional<PluginStatus> info(String id) {
    SystemAssembly.Builtin b = a.builtins.get(id);
    if (b != null) {
      return Optional.of(builtin(b));
    }
    return a.store.info(id).map(i -> stored(i, Map.of()));
  }

  /** Where a plugin stands in this process. */
  LoadState loadState(String id, boolean builtin) {
    if (a.runtime.isLoaded(id)) {
      return LoadState.STARTED;
    }
    if (a.runtime.isDeferred(id)) {
      return a.runtime.activationFailure(id).isPresent() ? LoadState.FAILED : LoadState.DEFERRED;
    }
    if (a.runtime.crashGuard().isDisabled(id)) {
      return LoadState.AUTO_DISABLED;
    }
    if (!builtin && a.settings.safeMode()) {
      return LoadState.SAFE_MODE;
    }
    return a.tracker.hasFailed(id) ? LoadState.FAILED : LoadState.NOT_LOADED;
  }

  /** Whether the current version's declared permissions are acknowledged (false when unreadable). */
  boolean acknowledged(String id, PluginState state) {
    return acknowledged(id, state, Map.of());
  }

  private boolean acknowledged(String id, PluginState state, Map<String, ManifestReport> read) {
    try {
      return SystemAssembly.acknowledged(a.currentManifest(id, read), state);
    } catch (PluginRuntimeException e) {
      return false;
    }
  }

  private PluginStatus stored(PluginInfo info, Map<String, ManifestReport> read) {
    String id = info.id();
    Optional<PluginInfo.Version> current = info.current();
    return new PluginStatus(
        id,
        info.currentVersion(),
        info.versions().stream().map(PluginInfo.Version::version).toList(),
        info.state().enabled(),
        info.currentVersion() != null && acknowledged(id, info.state(), read),
        loadState(id, false),
        lastError(id),
        current.map(PluginInfo.Version::signature).orElse(null),
        current.map(PluginInfo.Version::source).orElse(null),
        false);
  }

  private @Nullable String lastError(String id) {
    return a.tracker.lastError(id).orElseGet(() -> a.runtime.activationFailure(id)
        .map(e -> e.code().code() + " " + e.getMessage()).orElse(null));
  }

  private PluginStatus builtin(SystemAssembly.Builtin b) {
    PluginManifest m = b.manifest();
    return new PluginStatus(m.id(), m.version(), List.of(m.version()), !a.tracker.isBuiltinDisabled(m.id()),
        true, loadState(m.id(), true), a.tracker.lastError(m.id()).orElse(null), null, null, true);
  }
}
