package dev.plinth.testkit.bundle;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/** The archive kinds a bundle can be written as; each knows its file extension. */
@API(status = EXPERIMENTAL, since = "0.1")
public enum BundleFormat {
  /** A gzip-compressed tar archive: {@code <id>-<version>-<target>.tar.gz}. */
  TAR_GZ(".tar.gz"),
  /** A zip archive: {@code <id>-<version>-<target>.zip}. */
  ZIP(".zip"),
  /** A single jar with {@code plugin.toml} and the classes at its root. */
  JAR(".jar");

  private final String extension;

  BundleFormat(String extension) {
    this.extension = extension;
  }

  /** The file extension, with its leading dot. */
  public String extension() {
    return extension;
  }
}
