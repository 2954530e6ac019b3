package dev.plinth.installer.store;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.plinth.manifest.PluginManifest;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * What boot needs of one committed plugin version, computed once when the version became current
 * and kept in the home's install-time index ({@code <home>/index.json}).
 *
 * @param id the plugin id
 * @param version the version the {@code current} pointer named when the entry was written
 * @param treeSha256 the version's tree digest from its install record
 * @param manifestSha256 the sha256 of the version's {@code plugin.toml} the manifest was read from
 * @param manifestSize that file's size in bytes
 * @param manifestModified that file's last-modified time in milliseconds since the epoch
 * @param manifest the parsed and validated manifest
 * @param bootFacts what loading needs of the version's files, when the store had a provider and the
 *     bundle has facts; null otherwise
 * @param manifestStamp that file's identity on disk (device, inode and change time), which boot
 *     compares through the {@code current} link instead of reading the link; null where the file
 *     system does not tell it
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record IndexEntry(
    String id, String version, String treeSha256, String manifestSha256, long manifestSize, long manifestModified,
    PluginManifest manifest, @Nullable BootFacts bootFacts, @Nullable String manifestStamp) {
  /** An entry without a file stamp. */
  public IndexEntry(
      String id, String version, String treeSha256, String manifestSha256, long manifestSize, long manifestModified,
      PluginManifest manifest, @Nullable BootFacts bootFacts) {
    this(id, version, treeSha256, manifestSha256, manifestSize, manifestModified, manifest, bootFacts, null);
  }

  /** An entry without boot facts. */
  public IndexEntry(
      String id, String version, String treeSha256, String manifestSha256, long manifestSize, long manifestModified,
      PluginManifest manifest) {
    this(id, version, treeSha256, manifestSha256, manifestSize, manifestModified, manifest, null, null);
  }

  public IndexEntry {
    requireNonNull(id, "id");
    requireNonNull(version, "version");
    requireNonNull(treeSha256, "treeSha256");
    requireNonNull(manifestSha256, "manifestSha256");
    requireNonNull(manifest, "manifest");
  }
}
