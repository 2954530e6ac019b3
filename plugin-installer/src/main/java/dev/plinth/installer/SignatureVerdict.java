package dev.plinth.installer;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * What signature verification concluded, for trust badges in host UIs and the install record.
 *
 * @param verified true when a signature was checked and matched the policy
 * @param method {@code sigstore}, {@code cosign-key}, {@code pgp} or {@code none}
 * @param identity the signer identity (certificate SAN, key fingerprint), or null
 * @param issuer the OIDC issuer for keyless signatures, or null
 * @param mode the trust mode applied: {@code ignore}, {@code warn} or {@code require}
 * @param matchedPolicy the {@code [[authors]]} entry that matched (its index or name), or null
 * @param enforcement {@code policy_applied}, {@code request_required} or {@code request_skipped}
 * @param warning a human-readable warning under {@code warn}, or null
 */
@API(status = STABLE, since = "0.1")
public record SignatureVerdict(
    boolean verified,
    String method,
    @Nullable String identity,
    @Nullable String issuer,
    String mode,
    @Nullable String matchedPolicy,
    String enforcement,
    @Nullable String warning) {
  public SignatureVerdict {
    requireNonNull(method, "method");
    requireNonNull(mode, "mode");
    requireNonNull(enforcement, "enforcement");
  }

  /** The verdict for a bundle whose signature was not checked because the request skipped it. */
  public static SignatureVerdict skipped() {
    return new SignatureVerdict(false, "none", null, null, "ignore", null, "request_skipped", null);
  }

  /** The verdict under {@code ignore} with no signature checked. */
  public static SignatureVerdict ignored() {
    return new SignatureVerdict(false, "none", null, null, "ignore", null, "policy_applied", null);
  }
}
