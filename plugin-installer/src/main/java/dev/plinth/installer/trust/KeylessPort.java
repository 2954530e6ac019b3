package dev.plinth.installer.trust;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Keyless (Sigstore) verification, behind an interface so that sigstore-java stays optional: the
 * only implementation, {@code SigstoreKeylessVerifier}, is loaded reflectively by
 * {@link KeylessSupport} after a probe.
 */
interface KeylessPort {
  /**
   * @param identityRegex the SAN regex (full match) the policy pins, or null to check only that the
   *     bundle is valid (the result is then never more than untrusted to the caller)
   * @param issuer the OIDC issuer pinned with {@code identityRegex}
   */
  KeylessResult verify(Path artifact, byte[] bundleJson, @Nullable String identityRegex, @Nullable String issuer);
}
