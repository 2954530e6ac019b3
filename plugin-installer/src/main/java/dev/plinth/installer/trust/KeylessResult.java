package dev.plinth.installer.trust;

import org.jspecify.annotations.Nullable;

/**
 * What keyless verification found.
 *
 * @param outcome verified, signed by an identity the policy does not accept, or invalid
 * @param identity the certificate SAN when it could be read
 * @param issuer the OIDC issuer when it could be read
 * @param reason why it failed (empty when verified)
 */
record KeylessResult(Outcome outcome, @Nullable String identity, @Nullable String issuer, String reason) {
  enum Outcome {
    VERIFIED,
    UNTRUSTED,
    INVALID
  }
}
