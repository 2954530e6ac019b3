package dev.plinth.testkit.bundle;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * An archive written by {@link PluginBundleBuilder} or {@link HostileArchives}, with the facts a
 * release server or an installer test needs about it. Immutable.
 *
 * @param path the archive file
 * @param format its kind
 * @param id the plugin id it was built for
 * @param version the plugin version it was built for
 * @param target the release target ({@code noarch} unless set)
 * @param sha256 lower-case hex SHA-256 of the archive bytes
 * @param size the archive size in bytes
 * @param sha256File the {@code <archive>.sha256} file ({@code <hex>  <file name>\n})
 * @param manifest the {@code plugin.toml} text inside the archive, or null when it has none
 * @param signature the {@code .sig} or {@code .asc} file, or null when unsigned
 * @param publicKey the {@code .pub} file next to a {@code .sig}, or null
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record BuiltBundle(
    Path path,
    BundleFormat format,
    String id,
    String version,
    String target,
    String sha256,
    long size,
    Path sha256File,
    @Nullable String manifest,
    @Nullable Path signature,
    @Nullable Path publicKey) {

  public BuiltBundle {
    requireNonNull(path, "path");
    requireNonNull(format, "format");
    requireNonNull(id, "id");
    requireNonNull(version, "version");
    requireNonNull(target, "target");
    requireNonNull(sha256, "sha256");
    requireNonNull(sha256File, "sha256File");
  }

  /** The archive's file name, e.g. {@code acme_hello-1.0.0-noarch.tar.gz}. */
  public String fileName() {
    return path.getFileName().toString();
  }

  /** The {@code plugin.toml} text, if the archive has one. */
  public Optional<String> manifestText() {
    return Optional.ofNullable(manifest);
  }

  /** The signature file ({@code .sig} or {@code .asc}), if the archive was signed. */
  public Optional<Path> signatureFile() {
    return Optional.ofNullable(signature);
  }

  /** The public key file written next to a {@code .sig}, if any. */
  public Optional<Path> publicKeyFile() {
    return Optional.ofNullable(publicKey);
  }

  /** Reads the archive bytes (bundles built in tests are small). */
  public byte[] bytes() {
    try {
      return Files.readAllBytes(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }
}
