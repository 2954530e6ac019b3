/**
 * Signature verification under a trust policy ({@code trust.toml}): keyless Sigstore bundles
 * (sigstore-java, optional and fully offline), cosign key-based signatures (ECDSA P-256/P-384,
 * Ed25519), and OpenPGP detached signatures, against keys and identities pinned in the policy only.
 */
@NullMarked
package dev.plinth.installer.trust;

import org.jspecify.annotations.NullMarked;
