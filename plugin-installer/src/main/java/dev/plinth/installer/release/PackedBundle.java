package dev.plinth.installer.release;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.nio.file.Path;
import org.apiguardian.api.API;

/**
 * A bundle archive written by {@link BundlePacker#pack}: {@code <id>-<version>-<target>.tar.gz}
 * beside its {@code .sha256} file.
 *
 * @param id the plugin id from {@code plugin.toml}
 * @param version the plugin version from {@code plugin.toml}
 * @param archive the archive file
 * @param sha256File the digest file ({@code <sha256>  <archive name>})
 * @param sha256 the archive's sha256 as lowercase hex
 * @param size the archive's size in bytes
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record PackedBundle(String id, String version, Path archive, Path sha256File, String sha256, long size) {
  public PackedBundle {
    requireNonNull(id, "id");
    requireNonNull(version, "version");
    requireNonNull(archive, "archive");
    requireNonNull(sha256File, "sha256File");
    requireNonNull(sha256, "sha256");
    if (size < 0) {
      throw new IllegalArgumentException("size must be >= 0: " + size);
    }
  }
}
