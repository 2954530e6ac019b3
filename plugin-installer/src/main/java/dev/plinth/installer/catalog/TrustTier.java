package dev.plinth.installer.catalog;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * What the trust policy expects of a catalog plugin, judged before download from the signature
 * material its source publishes and the {@code trust.toml} entry that covers its id. It is a
 * forecast for people choosing a plugin: the install still verifies the signature itself.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public enum TrustTier {
  /** A Sigstore bundle is published and the policy names the keyless signer (identity and issuer). */
  VERIFIED_SIGNER,
  /** A key signature (cosign or PGP) is published and the policy pins keys for this plugin. */
  KNOWN_KEY,
  /** A signature is published, but no policy entry names a signer or key it could be checked against. */
  UNKNOWN_SIGNER,
  /** No signature is published. */
  UNSIGNED
}
