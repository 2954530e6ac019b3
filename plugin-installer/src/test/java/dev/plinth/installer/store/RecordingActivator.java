package dev.plinth.installer.store;

import dev.plinth.api.HealthStatus;
import dev.plinth.installer.Activator;
import dev.plinth.manifest.PluginManifest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real activator for tests: records every call, and reports chosen versions unhealthy. */
final class RecordingActivator implements Activator {
  final List<String> calls = new CopyOnWriteArrayList<>();
  final Set<String> unhealthy = ConcurrentHashMap.newKeySet();
  final Set<String> failActivate = ConcurrentHashMap.newKeySet();
  /** Versions whose health check throws. */
  final Set<String> throwingHealth = ConcurrentHashMap.newKeySet();
  /** Versions whose health check blocks until {@link #release} opens. */
  final Set<String> hangingHealth = ConcurrentHashMap.newKeySet();
  final CountDownLatch release = new CountDownLatch(1);
  private final ConcurrentHashMap<String, String> loaded = new ConcurrentHashMap<>();

  @Override
  public void activate(PluginManifest manifest, Path versionDir) {
    String key = manifest.id() + "@" + manifest.version();
    calls.add("activate " + key);
    if (!versionDir.endsWith(Path.of("versions", manifest.version()))) {
      throw new IllegalStateException("activated from " + versionDir);
    }
    if (failActivate.contains(key)) {
      throw new IllegalStateException("cannot load " + key);
    }
    loaded.put(manifest.id(), manifest.version());
  }

  @Override
  public HealthStatus health(String pluginId, Duration timeout) {
    String key = pluginId + "@" + loaded.get(pluginId);
    calls.add("health " + key);
    if (throwingHealth.contains(key)) {
      throw new IllegalStateException("probe crashed for " + key);
    }
    if (hangingHealth.contains(key)) {
      try {
        release.await();
      } catch (InterruptedException e) {
        calls.add("health interrupted " + key);
        Thread.currentThread().interrupt();
      }
    }
    return unhealthy.contains(key) ? HealthStatus.unhealthy("probe failed") : HealthStatus.healthy();
  }

  @Override
  public void deactivate(String pluginId) {
    String v = loaded.remove(pluginId);
    calls.add("deactivate " + pluginId + "@" + v);
  }
}
