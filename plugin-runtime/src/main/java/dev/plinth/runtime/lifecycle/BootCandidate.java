package dev.plinth.runtime.lifecycle;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import dev.plinth.manifest.PluginManifest;
import java.nio.file.Path;
import dev.plinth.installer.store.BootFacts;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * An installed plugin version that boot may load.
 *
 * @param manifest its manifest
 * @param versionDir its committed version folder
 * @param enabled whether the operator enabled it
 * @param bootFacts what its index entry records of its files, so its loader can be created without
 *     resolving and checking them again (used only while they still match); null for none
 */
@API(status = STABLE, since = "0.1")
public record BootCandidate(PluginManifest manifest, Path versionDir, boolean enabled, @Nullable BootFacts bootFacts) {
  /** A candidate without boot facts: its files are resolved and checked when it loads. */
  public BootCandidate(PluginManifest manifest, Path versionDir, boolean enabled) {
    this(manifest, versionDir, enabled, null);
  }

  public BootCandidate {
    requireNonNull(manifest, "manifest");
    requireNonNull(versionDir, "versionDir");
  }

  public String id() {
    return manifest.id();
  }
}
