package dev.plinth.runtime;

import dev.plinth.installer.InstallRequest;
import dev.plinth.installer.ProgressListener;
import dev.plinth.installer.store.IndexCheck;
import dev.plinth.installer.store.InstallOutcome;
import dev.plinth.installer.store.PluginInfo;
import dev.plinth.installer.store.PluginState;
import dev.plinth.manifest.ManifestReport;
import dev.plinth.manifest.PluginManifest;
import dev.plinth.runtime.events.RuntimeEvents;
import dev.plinth.runtime.lifecycle.BootCandidate;
import dev.plinth.runtime.lifecycle.BootReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The facade's state-changing operations: boot, the store operations followed by the operator's
 * choices and a reconciliation, and enable / disable / acknowledge. Every store operation runs with
 * the governed activator (so it loads and checks through the live runtime); afterwards the
 * {@link Rescanner} unloads what must not run and reloads dependents that deactivation took down,
 * and {@code host.toml} is rewritten.
 *
 * <p>Callers serialise on the facade's operation lock.
 */
final class Operations {
  private final SystemAssembly a;
  private final Rescanner rescanner;

  Operations(SystemAssembly a, Rescanner rescanner) {
    this.a = a;
    this.rescanner = rescanner;
  }

  /** Builtins first, then every installed plugin whose state allows it, in dependency order. */
  BootReport boot() {
    List<dev.plinth.runtime.lifecycle.PluginInfo> loaded = new ArrayList<>();
    List<BootReport.Failed> failed = new ArrayList<>();
    for (SystemAssembly.Builtin b : a.builtins.values()) {
      String id = b.manifest().id();
      if (a.runtime.isLoaded(id) || a.tracker.isBuiltinDisabled(id)) {
        continue;
      }
      try {
        loaded.add(startBuiltin(b));
      } catch (PluginRuntimeException e) {
        failed.add(new BootReport.Failed(id, e));
      }
    }
    Map<String, PluginState> states = a.store.state();
    List<BootCandidate> candidates = new ArrayList<>();
    // The index check reads every current pointer: boot needs no install record and no plugin.toml
    // for the plugins the index vouches for.
    IndexCheck index = a.store.checkIndex();
    a.writeHostProfile(index.current());
    List<String> installed = index.current().keySet().stream().filter(id -> !a.builtins.containsKey(id)).toList();
    Map<String, ManifestReport> manifests = a.readCurrentManifests(installed, index);
    for (String id : installed) {
      String version = index.current().get(id);
      try {
        // The index check read the pointer: no second read per plugin.
        java.nio.file.Path dir = a.store.versionDir(id, version);
        PluginManifest m = a.manifestIn(id, dir, manifests);
        PluginState st = states.getOrDefault(id, PluginState.DEFAULT);
        a.bridge.expect(m);
        dev.plinth.installer.store.IndexEntry entry = index.entries().get(id);
        candidates.add(new BootCandidate(m, dir,
            st.enabled() && SystemAssembly.acknowledged(m, st),
            entry != null && entry.version().equals(version) ? entry.bootFacts() : null));
      } catch (PluginRuntimeException e) {
        a.tracker.loadFailed(id, version, e.code().code() + " " + e.getMessage());
        failed.add(new BootReport.Failed(id, e));
      }
    }
    BootReport r = a.runtime.boot(candidates);
    Map<String, String> versions = new java.util.HashMap<>();
    candidates.forEach(c -> versions.put(c.id(), c.manifest().version()));
    r.loaded().forEach(p -> a.tracker.loaded(p.pluginId(), p.version()));
    r.failed().forEach(f -> a.tracker.loadFailed(f.pluginId(), versions.get(f.pluginId()),
        f.error().code().code() + " " + f.error().getMessage()));
    loaded.addAll(r.loaded());
    failed.addAll(r.failed());
    return new BootReport(r.correlationId(), loaded, r.skipped(), failed);
  }

  /**
   * Installs through the store. The store transaction never enables: the request's {@code enable}
   * is applied after the commit, and only when the new version's permissions are acknowledged (by
   * this request, earlier, or because it declares none).
   */
  InstallOutcome install(InstallRequest request, ProgressListener progress) {
    InstallOutcome o = a.store.install(request.withEnable(false), progress);
    if (o.succeeded() && request.enable()) {
      enableIfAcknowledged(o.pluginId());
    }
    return changed(o);
  }

  InstallOutcome storeChange(Supplier<InstallOutcome> operation) {
    return changed(operation.get());
  }

  PluginStatus enable(String id, StatusView status) {
    SystemAssembly.Builtin builtin = a.builtins.get(id);
    if (builtin != null) {
      a.tracker.builtinDisabled(id, false);
      a.runtime.reenable(id);
      if (!a.runtime.isLoaded(id)) {
        startBuiltin(builtin);
      }
      return status.info(id).orElseThrow();
    }
    PluginInfo info = a.store.info(id).orElseThrow(() -> SystemAssembly.notInstalled(id));
    PluginManifest m = a.currentManifest(id);
    if (!SystemAssembly.acknowledged(m, info.state())) {
      throw new PluginRuntimeException(RuntimeErrorCode.PERMISSIONS_NOT_ACKNOWLEDGED, id,
          "plugin.permissions must be acknowledged before enabling: " + id + "@" + m.version(),
          "Review the permissions (info " + id + "), acknowledge them with acknowledgePermissions(\"" + id
              + "\") or install with acknowledgePermissions, then enable again.",
          Map.of("field", "plugin.permissions", "value", id, "version", m.version()), null);
    }
    a.store.updateState(id, s -> s.withEnabled(true));
    a.runtime.reenable(id);
    a.tracker.cleared(id);
    rescanner.reconcile(false);
    return status.info(id).orElseThrow();
  }

  PluginStatus disable(String id, StatusView status) {
    if (a.builtins.containsKey(id)) {
      a.tracker.builtinDisabled(id, true);
    } else {
      a.store.info(id).orElseThrow(() -> SystemAssembly.notInstalled(id));
      a.store.updateState(id, s -> s.withEnabled(false));
    }
    a.tracker.cleared(id);
    a.runtime.forgetDeferred(id);
    if (a.runtime.isLoaded(id)) {
      rescanner.unload(id);
    }
    return status.info(id).orElseThrow();
  }

  PluginStatus acknowledgePermissions(String id, StatusView status) {
    if (!a.builtins.containsKey(id)) {
      PluginManifest m = a.currentManifest(id);
      String digest = PluginState.permissionsDigest(m.permissions());
      a.store.updateState(id, s -> s.withAcknowledgedPermissions(digest));
      RuntimeEvents.emit(a.events, RuntimeEvents.PERMISSIONS_ACKNOWLEDGED, id, m.version(), RuntimeEvents.newCorrelationId(),
          Map.of("digest", digest));
      rescanner.reconcile(false);
    }
    return status.info(id).orElseThrow(() -> SystemAssembly.notInstalled(id));
  }

  private dev.plinth.runtime.lifecycle.PluginInfo startBuiltin(SystemAssembly.Builtin b) {
    String id = b.manifest().id();
    a.bridge.expect(b.manifest());
    try {
      dev.plinth.runtime.lifecycle.PluginInfo info = a.runtime.registerBuiltin(b.manifest(), b.plugin());
      a.tracker.loaded(id, b.manifest().version());
      return info;
    } catch (PluginRuntimeException e) {
      a.tracker.loadFailed(id, b.manifest().version(), e.code().code() + " " + e.getMessage());
      throw e;
    }
  }

  private void enableIfAcknowledged(String id) {
    PluginManifest m = a.currentManifest(id);
    PluginState st = a.state(id);
    if (SystemAssembly.acknowledged(m, st)) {
      if (!st.enabled()) {
        a.store.updateState(id, s -> s.withEnabled(true));
      }
      a.runtime.reenable(id);
      a.tracker.cleared(id);
    } else {
      RuntimeEvents.emit(a.events, RuntimeEvents.ENABLE_DEFERRED, id, m.version(), RuntimeEvents.newCorrelationId(),
          Map.of("reason", "permissions not acknowledged", "code", RuntimeErrorCode.PERMISSIONS_NOT_ACKNOWLEDGED.code(),
              "nextStep", "acknowledge the permissions, then enable " + id));
    }
  }

  private InstallOutcome changed(InstallOutcome o) {
    if (o instanceof InstallOutcome.Uninstalled u) {
      a.tracker.forget(u.pluginId());
    } else if (o instanceof InstallOutcome.RolledBack r) {
      a.tracker.noted(r.pluginId(), r.cause().code() + " " + r.cause().message());
    }
    a.writeHostProfile();
    rescanner.reconcile(false);
    return o;
  }
}
