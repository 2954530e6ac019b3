package dev.plinth.installer.extract;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Locale;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The archive formats a bundle may come in. The format is always taken from the file name, never
 * sniffed from the content, so only these parsers ever see untrusted bytes.
 */
@API(status = STABLE, since = "0.1")
public enum ArchiveFormat {
  /** {@code .tar.gz} or {@code .tgz}. */
  TAR_GZ(".tar.gz"),
  /** An uncompressed {@code .tar}. */
  TAR(".tar"),
  /** {@code .zip}. */
  ZIP(".zip"),
  /** A single {@code .jar} with {@code plugin.toml} at its root; staged as {@code lib/<name>.jar}. */
  JAR(".jar");

  private final String extension;

  ArchiveFormat(String extension) {
    this.extension = extension;
  }

  /** The canonical file extension, with its dot. */
  public String extension() {
    return extension;
  }

  /** The format a file name ends with (case-insensitive), if any. */
  public static Optional<ArchiveFormat> fromFileName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".tar.gz") || lower.endsWith(".tgz")) {
      return Optional.of(TAR_GZ);
    }
    if (lower.endsWith(".tar")) {
      return Optional.of(TAR);
    }
    if (lower.endsWith(".zip")) {
      return Optional.of(ZIP);
    }
    if (lower.endsWith(".jar")) {
      return Optional.of(JAR);
    }
    return Optional.empty();
  }
}
