package dev.plinth.installer.download;

import static org.apiguardian.api.API.Status.STABLE;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.apiguardian.api.API;

/** The digests a published checksum may use. SHA-1 and MD5 are deliberately absent. */
@API(status = STABLE, since = "0.1")
public enum DigestAlgorithm {
  SHA256("SHA-256", "sha256", 64),
  SHA512("SHA-512", "sha512", 128);

  private final String jcaName;
  private final String label;
  private final int hexLength;

  DigestAlgorithm(String jcaName, String label, int hexLength) {
    this.jcaName = jcaName;
    this.label = label;
    this.hexLength = hexLength;
  }

  /** {@code sha256} or {@code sha512}: the file suffix and the name in messages. */
  public String label() {
    return label;
  }

  /** Hex characters in a digest of this algorithm. */
  public int hexLength() {
    return hexLength;
  }

  MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance(jcaName);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(jcaName + " is required by every Java platform", e);
    }
  }
}
