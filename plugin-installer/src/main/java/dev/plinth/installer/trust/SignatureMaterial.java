package dev.plinth.installer.trust;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * A signature file that comes with an archive: where it is and what kind it is. It is fetched in
 * the verify phase; an {@code optional} one that turns out not to exist counts as absent.
 *
 * @param kind what the file holds
 * @param location an http(s) URL or a local path
 * @param optional true when its existence was not confirmed by the source (a guessed sibling URL)
 */
@API(status = STABLE, since = "0.1")
public record SignatureMaterial(Kind kind, String location, boolean optional) {
  public SignatureMaterial {
    requireNonNull(kind, "kind");
    requireNonNull(location, "location");
  }

  /** True when {@link #location()} is a local path rather than a URL. */
  public boolean local() {
    return !(location.startsWith("https://") || location.startsWith("http://"));
  }

  /** The kinds of signature material. */
  @API(status = STABLE, since = "0.1")
  public enum Kind {
    /** A Sigstore bundle ({@code .sigstore.json}), keyless. */
    SIGSTORE_BUNDLE,
    /** A cosign {@code sign-blob --key} signature ({@code .sig}: base64 DER ECDSA, or raw Ed25519). */
    COSIGN_SIGNATURE,
    /** An armored OpenPGP detached signature ({@code .asc}). */
    PGP_SIGNATURE,
    /**
     * A public key published next to the archive ({@code .pub}). Never trusted by itself: it only
     * tells an untrusted signer from a broken signature.
     */
    PUBLISHED_KEY
  }
}
