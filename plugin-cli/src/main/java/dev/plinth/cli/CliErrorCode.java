package dev.plinth.cli;

import static org.apiguardian.api.API.Status.STABLE;

import dev.plinth.api.ErrorCode;
import org.apiguardian.api.API;

/**
 * Errors the command line raises itself. Everything else it prints carries the code of the module
 * that raised it (manifest issues, installer and store errors). Documented in
 * {@code docs/error-codes.md}.
 */
@API(status = STABLE, since = "0.1")
public enum CliErrorCode implements ErrorCode {
  USAGE_INVALID,
  HOME_NOT_FOUND,
  HOST_PROFILE_MISSING,
  ARCHIVE_MANIFEST_MISSING,
  ARCHIVE_UNREADABLE,
  PACK_NO_MANIFEST,
  PACK_IO,
  UPGRADE_TARGET_UNSUPPORTED,
  DOCTOR_PROBLEMS,
  SLO_SNAPSHOT_MISSING,
  SLO_SNAPSHOT_INVALID,
  DEMO_UNAVAILABLE,
  DEMO_FAILED,
  INTERNAL;

  @Override
  public String code() {
    return name();
  }
}
