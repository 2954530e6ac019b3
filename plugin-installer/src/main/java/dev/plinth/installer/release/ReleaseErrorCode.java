package dev.plinth.installer.release;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.plinth.api.ErrorCode;
import org.apiguardian.api.API;

/** Errors of packing and signing a bundle. Documented in {@code docs/error-codes.md}. */
@API(status = EXPERIMENTAL, since = "0.1")
public enum ReleaseErrorCode implements ErrorCode {
  /** The folder to pack has no {@code plugin.toml}, or it does not validate. */
  PACK_MANIFEST_INVALID,
  /** The folder holds a symbolic link, which a bundle must not carry. */
  PACK_LINK_REFUSED,
  /** The signing key is not an unencrypted PEM ECDSA (P-256/P-384) or Ed25519 private key. */
  SIGN_KEY_INVALID;

  @Override
  public String code() {
    return name();
  }
}
