package dev.plinth.runtime;

import dev.plinth.api.HealthStatus;
import dev.plinth.installer.store.InstallOutcome;
import dev.plinth.installer.store.PluginInfo;
import dev.plinth.installer.store.PluginState;
import dev.plinth.manifest.ManifestParser;
import dev.plinth.manifest.PluginManifest;
import dev.plinth.runtime.lifecycle.BootCandidate;
import dev.plinth.runtime.lifecycle.BootOrder;
import dev.plinth.runtime.lifecycle.BootReport;
import dev.plinth.runtime.lifecycle.PluginRuntime;
import dev.plinth.runtime.lifecycle.UnloadResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Brings the loaded plugins in line with the store, which another process (the command line) may
 * have changed: unloads what was uninstalled, disabled or is no longer acknowledged; reloads
 * plugins whose current version changed; loads what is enabled and acknowledged but not running,
 * in dependency order, each followed by its health check.
 *
 * <p>When a plugin that was not running fails to load or report healthy, a rescan
 * ({@code rollBack = true}) rolls it back through the store to its previous kept version (with the
 * governed activator, so the previous version is loaded and checked). When a changed version fails,
 * the version that was running is loaded again from its kept folder and reported stale.
 *
 * <p>Callers serialise on the facade's operation lock.
 */
final class Rescanner {
  private record Target(PluginManifest manifest, Path dir, boolean runnable) {}

  private final SystemAssembly a;

  Rescanner(SystemAssembly a) {
    this.a = a;
  }

  RescanReport reconcile(boolean rollBack) {
    PluginRuntime rt = a.runtime;
    Map<String, String> failed = new LinkedHashMap<>();
    Map<String, Target> desired = targets(failed);
    Set<String> unloaded = new LinkedHashSet<>();
    List<dev.plinth.runtime.lifecycle.PluginInfo> running = new ArrayList<>(rt.plugins());
    Collections.reverse(running);
    for (var p : running) {
      Target t = desired.get(p.pluginId());
      if (!p.builtin() && rt.isLoaded(p.pluginId()) && (t == null || !t.runnable())) {
        unloaded.addAll(unload(p.pluginId()));
      }
    }
    for (String id : rt.deferred()) {
      Target t = desired.get(id);
      if (t == null || !t.runnable() || !rt.isDeferredVersion(id, t.manifest().version())) {
        rt.forgetDeferred(id);
      }
    }
    Map<String, String> previous = new HashMap<>();
    for (var p : running) {
      Target t = desired.get(p.pluginId());
      if (t != null && t.runnable() && rt.isLoaded(p.pluginId()) && !p.version().equals(t.manifest().version())) {
        previous.put(p.pluginId(), p.version());
        unloaded.addAll(unload(p.pluginId()));
      }
    }
    List<BootCandidate> candidates = desired.values().stream()
        .map(t -> new BootCandidate(t.manifest(), t.dir(), t.runnable())).toList();
    BootOrder.Plan plan = BootOrder.plan(candidates);
    for (BootReport.Failed f : plan.failed()) {
      if (!rt.isLoaded(f.pluginId())) {
        String msg = f.error().code().code() + " " + f.error().getMessage();
        failed.put(f.pluginId(), msg);
        a.tracker.loadFailed(f.pluginId(), desired.get(f.pluginId()).manifest().version(), msg);
      }
    }
    List<String> loaded = new ArrayList<>();
    List<String> reloaded = new ArrayList<>();
    List<String> stale = new ArrayList<>();
    for (BootCandidate c : plan.order()) {
      String id = c.id();
      if (rt.isLoaded(id) || rt.isDeferred(id)) {
        continue;
      }
      if (!previous.containsKey(id) && a.settings.activationOf(c.manifest()) == PluginManifest.Activation.LAZY
          && !neededByEager(c, plan.order())) {
        a.bridge.expect(c.manifest());
        rt.defer(c);
        continue;
      }
      String error = loadChecked(c.manifest(), c.versionDir());
      if (error == null) {
        if (previous.containsKey(id)) {
          reloaded.add(id);
        } else if (!unloaded.remove(id)) {
          loaded.add(id);
        }
        continue;
      }
      failed.put(id, error);
      unloaded.remove(id);
      if (previous.containsKey(id)) {
        if (loadPrevious(id, c.versionDir(), previous.get(id))) {
          stale.add(id);
        }
      } else if (rollBack && a.store.info(id).map(i -> i.versions().size() > 1).orElse(false)) {
        InstallOutcome o = a.store.rollback(id);
        if (o instanceof InstallOutcome.Reverted r) {
          failed.put(id, error + " (rolled back to " + r.to() + ")");
          a.tracker.noted(id, failed.get(id));
        }
      }
    }
    return new RescanReport(loaded, List.copyOf(unloaded), reloaded, stale, failed);
  }

  /** Loads and health-checks; returns the error, or null when the plugin is running and healthy. */
  @Nullable String loadChecked(PluginManifest m, Path dir) {
    String id = m.id();
    a.bridge.expect(m);
    String error;
    try {
      a.runtime.load(m, dir);
      HealthStatus h = a.runtime.health(id);
      if (h.isUsable()) {
        a.tracker.loaded(id, m.version());
        return null;
      }
      error = RuntimeErrorCode.HEALTH_FAILED.code() + " plugin.health of " + id + " is not usable: " + h.detail();
    } catch (PluginRuntimeException e) {
      error = e.code().code() + " " + e.getMessage();
    }
    if (a.runtime.isLoaded(id)) {
      unload(id);
    }
    a.tracker.loadFailed(id, m.version(), error);
    return error;
  }

  /** Loads the version that ran before, from its kept folder, after the current one failed. */
  private boolean loadPrevious(String id, Path currentDir, String version) {
    Path dir = currentDir.resolveSibling(version);
    if (!Files.isRegularFile(dir.resolve(ManifestParser.FILE_NAME))) {
      return false;
    }
    PluginManifest m = ManifestParser.parse(dir.resolve(ManifestParser.FILE_NAME)).manifest().orElse(null);
    return m != null && loadChecked(m, dir) == null;
  }

  /** Unloads a plugin and its loaded dependents; returns their ids. */
  List<String> unload(String id) {
    try {
      return a.runtime.unloadWithDependents(id).stream().map(UnloadResult::pluginId).toList();
    } catch (PluginRuntimeException e) {
      return List.of();
    }
  }

  /** Whether an eager candidate depends on {@code c}, directly or through others. */
  private boolean neededByEager(BootCandidate c, List<BootCandidate> order) {
    Set<String> needed = new java.util.HashSet<>();
    for (int i = order.size() - 1; i >= 0; i--) {
      BootCandidate o = order.get(i);
      if (a.settings.activationOf(o.manifest()) == PluginManifest.Activation.EAGER || needed.contains(o.id())) {
        needed.addAll(o.manifest().dependencies().keySet());
      }
    }
    return needed.contains(c.id());
  }

  private Map<String, Target> targets(Map<String, String> failed) {
    Map<String, PluginState> states = a.store.state();
    Map<String, Target> out = new LinkedHashMap<>();
    List<PluginInfo> infos = a.store.list();
    Map<String, dev.plinth.manifest.ManifestReport> read = a.readCurrentManifests(
        infos.stream().filter(i -> i.currentVersion() != null && !a.builtins.containsKey(i.id())).map(PluginInfo::id).toList());
    for (PluginInfo info : infos) {
      String id = info.id();
      if (info.currentVersion() == null || a.builtins.containsKey(id)) {
        continue;
      }
      PluginManifest m;
      try {
        m = a.currentManifest(id, read);
      } catch (PluginRuntimeException e) {
        failed.put(id, e.code().code() + " " + e.getMessage());
        continue;
      }
      PluginState st = states.getOrDefault(id, PluginState.DEFAULT);
      boolean runnable = st.enabled() && SystemAssembly.acknowledged(m, st) && !a.settings.safeMode()
          && !a.runtime.crashGuard().isDisabled(id);
      out.put(id, new Target(m, a.store.currentDir(id).orElseThrow(), runnable));
    }
    return out;
  }
}
