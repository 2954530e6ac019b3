package dev.plinth.maven;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.plinth.api.ErrorCode;
import org.apiguardian.api.API;

/**
 * Errors the Maven goals raise themselves; packing, signing and manifest problems keep the codes of
 * the module that found them. Documented in {@code docs/error-codes.md}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public enum MavenErrorCode implements ErrorCode {
  /** Preflight found error-severity issues (or warnings with {@code failOnWarning}). */
  BUNDLE_PREFLIGHT_FAILED,
  /** The capability audit found uses an install would refuse (or warnings with {@code failOnWarning}). */
  BUNDLE_AUDIT_FAILED,
  /** The project's {@code plugin.toml} is not where the goal looks for it. */
  MANIFEST_NOT_FOUND,
  /** The {@code plugin.toml} version differs from the project version, so a {@code maven:} source would refuse it. */
  VERSION_MISMATCH,
  /** {@code sign} found no archive: {@code pack} has not run. */
  ARCHIVE_MISSING,
  /** {@code sign} found no key file and may not generate one. */
  SIGN_KEY_MISSING,
  /** Reading or writing the bundle's files failed. */
  BUNDLE_IO;

  @Override
  public String code() {
    return name();
  }
}
