package dev.plinth.installer.store;

import dev.plinth.installer.Activator;
import dev.plinth.installer.BundleStager;
import dev.plinth.installer.events.EventSink;
import dev.plinth.installer.events.PlinthEvent;
import dev.plinth.manifest.HostProfile;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything a transaction needs, fixed when the store is built. Immutable; the collaborators it
 * holds are required to be thread-safe.
 */
record StoreContext(
    StoreLayout layout,
    CurrentPointer pointer,
    Journal journal,
    BundleStager stager,
    Activator activator,
    Supplier<HostProfile> hostProfile,
    EventSink events,
    FaultInjector faults,
    DependencyResolver dependencies,
    int retention,
    Duration healthTimeout,
    @Nullable BootFactsProvider bootFacts) {

  private static final Logger LOG = LoggerFactory.getLogger(PluginStore.class);

  void emit(String type, String pluginId, @Nullable String version, String tx, Map<String, ?> detail) {
    try {
      events.emit(PlinthEvent.of(type, pluginId, version == null ? "" : version, tx, withoutNulls(detail)));
    } catch (RuntimeException e) {
      LOG.warn("event sink failed on {} for {}: {}", type, pluginId, e.toString());
    }
  }

  /** The version {@code current} names for a plugin. */
  Optional<String> current(String id) {
    return CurrentPointer.read(layout.pluginDir(id));
  }

  /** The install record of a plugin's current version. */
  Optional<InstallRecord> currentRecord(String id) {
    return current(id).flatMap(v -> InstallRecord.read(layout.versionDir(id, v)));
  }

  /** Every plugin with a committed current version, by id. */
  Map<String, InstallRecord> installed() {
    Map<String, InstallRecord> out = new TreeMap<>();
    for (String id : layout.pluginIds()) {
      currentRecord(id).ifPresent(r -> out.put(id, r));
    }
    return out;
  }

  /** The host profile with the installed plugins filled in, for preflight. */
  HostProfile profileWithInstalled() {
    Map<String, String> versions = new TreeMap<>();
    installed().forEach((id, r) -> versions.put(id, r.version()));
    return hostProfile.get().withInstalledPlugins(versions);
  }

  static Logger log() {
    return LOG;
  }

  private static Map<String, Object> withoutNulls(Map<String, ?> detail) {
    Map<String, Object> out = new LinkedHashMap<>();
    detail.forEach((k, v) -> {
      if (v != null) {
        out.put(k, v);
      }
    });
    return out;
  }
}
