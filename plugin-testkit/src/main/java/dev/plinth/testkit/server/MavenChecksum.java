package dev.plinth.testkit.server;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/** Checksum files a Maven repository serves beside an artifact ({@code <file>.<extension>}). */
@API(status = EXPERIMENTAL, since = "0.1")
public enum MavenChecksum {
  SHA256("sha256", "SHA-256"),
  SHA512("sha512", "SHA-512"),
  /** Weak: an installer should not accept it alone. */
  SHA1("sha1", "SHA-1"),
  /** Weak: an installer should not accept it alone. */
  MD5("md5", "MD5");

  private final String extension;
  private final String algorithm;

  MavenChecksum(String extension, String algorithm) {
    this.extension = extension;
    this.algorithm = algorithm;
  }

  /** The file extension without its dot, e.g. {@code sha256}. */
  public String extension() {
    return extension;
  }

  /** The JCA {@code MessageDigest} algorithm name. */
  public String algorithm() {
    return algorithm;
  }
}
