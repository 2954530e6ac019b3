/**
 * Test signing keys that sign bundles the way publishers do: cosign {@code sign-blob --key} style
 * ({@code .sig} = base64 signature, {@code .pub} = PEM public key) with ECDSA P-256 or Ed25519, and
 * OpenPGP detached armored signatures ({@code .asc}) for Maven-style publishing. Keys are
 * generated fresh in memory; nothing here is fit for production keys.
 */
@NullMarked
package dev.plinth.testkit.signing;

import org.jspecify.annotations.NullMarked;
