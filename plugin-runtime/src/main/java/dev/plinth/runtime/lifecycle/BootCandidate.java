package dev.plinth.runtime.lifecycle;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import dev.plinth.manifest.PluginManifest;
import java.nio.file.Path;
import org.apiguardian.api.API;

/**
 * An installed plugin version that boot may load.
 *
 * @param manifest its manifest
 * @param versionDir its committed version folder
 * @param enabled whether the operator enabled it
 */
@API(status = STABLE, since = "0.1")
public record BootCandidate(PluginManifest manifest, Path versionDir, boolean enabled) {
  public BootCandidate {
    requireNonNull(manifest, "manifest");
    requireNonNull(versionDir, "versionDir");
  }

  public String id() {
    return manifest.id();
  }
}
