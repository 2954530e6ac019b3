package dev.plinth.testkit.signing;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Generates fresh test keys. Each call makes a new key pair in memory; nothing is cached or read
 * from disk. Thread-safe.
 *
 * <pre>{@code
 * CosignTestKey key = TestKeys.ecdsaP256();
 * Path pub = key.writePem(tempDir.resolve("cosign.pub"));   // pin this in trust.toml
 * BuiltBundle b = PluginBundle.builder("acme_x", "1.0.0").signWith(key).writeTarGz(tempDir);
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class TestKeys {
  private TestKeys() {}

  /** An ECDSA P-256 key signing with SHA256withECDSA (DER), as {@code cosign generate-key-pair}. */
  public static CosignTestKey ecdsaP256() {
    return CosignTestKey.generateEcdsaP256();
  }

  /** An Ed25519 key signing with pure Ed25519 (cosign's form without a transparency log). */
  public static CosignTestKey ed25519() {
    return CosignTestKey.generateEd25519();
  }

  /** An OpenPGP key (ECDSA P-256, SHA-256) for detached armored {@code .asc} signatures. */
  public static PgpTestKey pgp() {
    return PgpTestKey.generate("Plinth Test Signer <test-signer@plinth.invalid>");
  }
}
