package dev.plinth.testkit.signing;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.nio.file.Path;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The files a signing key wrote next to a signed file.
 *
 * @param signature {@code <file>.sig} (cosign style) or {@code <file>.asc} (OpenPGP)
 * @param publicKey {@code <file>.pub} for cosign-style keys; null for OpenPGP, whose key is pinned
 *     in the trust policy rather than published beside the artifact
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record SignatureFiles(Path signature, @Nullable Path publicKey) {
  public SignatureFiles {
    requireNonNull(signature, "signature");
  }
}
