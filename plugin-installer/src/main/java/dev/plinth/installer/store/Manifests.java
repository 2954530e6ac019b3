package dev.plinth.installer.store;

import dev.plinth.manifest.ManifestParser;
import dev.plinth.manifest.PluginManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Reads the manifest of a committed version for the activator. */
final class Manifests {
  private Manifests() {}

  /**
   * The manifest in {@code versionDir/plugin.toml}; if it cannot be read, a minimal one from the
   * install record (id, version, dependencies), so a rollback can still re-activate a version the
   * current parser rejects.
   */
  static PluginManifest load(Path versionDir, InstallRecord record) {
    Path toml = versionDir.resolve("plugin.toml");
    if (Files.isRegularFile(toml)) {
      var parsed = ManifestParser.parse(toml).manifest();
      if (parsed.isPresent()) {
        return parsed.get();
      }
    }
    return new PluginManifest(record.id(), record.version(), record.id(), "", List.of(), null,
        PluginManifest.Engine.NONE, PluginManifest.Runtime.DEFAULT, record.dependencies(),
        PluginManifest.Contributes.NONE, List.of(), PluginManifest.Permissions.NONE, Map.of());
  }
}
