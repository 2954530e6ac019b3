package dev.plinth.installer;

import static org.apiguardian.api.API.Status.STABLE;

import dev.plinth.api.ErrorCode;
import org.apiguardian.api.API;

/**
 * Error codes of the installer. Documented in {@code docs/error-codes.md}; a test keeps the
 * catalogue and this enum in step.
 */
@API(status = STABLE, since = "0.1")
public enum InstallErrorCode implements ErrorCode {
  // resolve
  SOURCE_INVALID,
  SOURCE_NOT_FOUND,
  SOURCE_UNSUPPORTED,
  RELEASE_NOT_FOUND,
  RELEASE_TAG_INVALID,
  MANIFEST_ASSET_MISSING,
  TARGET_MISSING,
  DIGEST_MISSING,
  RATE_LIMITED,
  HTTP_ERROR,
  // catalog discovery: one source failing alone
  CATALOG_SOURCE_INVALID,
  CATALOG_SOURCE_TIMEOUT,
  // preflight
  PREFLIGHT_FAILED,
  // download
  DOWNLOAD_FAILED,
  DOWNLOAD_TOO_LARGE,
  DOWNLOAD_INTERRUPTED,
  // verify
  DIGEST_INVALID,
  DIGEST_MISMATCH,
  SIGNATURE_MISSING,
  SIGNATURE_INVALID,
  SIGNATURE_UNTRUSTED,
  SIGSTORE_UNAVAILABLE,
  TRUST_POLICY_INVALID,
  REQUEST_INVALID,
  // extract
  ARCHIVE_INVALID,
  ARCHIVE_ENTRY_UNSAFE,
  ARCHIVE_LIMIT_EXCEEDED,
  BUNDLE_LAYOUT_INVALID,
  MANIFEST_MISMATCH,
  EXTRACT_HOST_CLASSES_REFUSED,
  EXTRACT_CLASS_PATH_OUTSIDE,
  SANDBOX_CAPABILITY_UNDECLARED,
  SANDBOX_AUDIT_FAILED,
  // front half, any phase: unexpected I/O while reading or writing the staging folder
  STAGING_IO,
  // store and transactions
  STORE_LOCKED,
  STORE_IO,
  STORE_CORRUPT,
  DEPENDENCY_MISSING,
  DEPENDENCY_CYCLE,
  DEPENDENT_PLUGINS,
  DOWNGRADE_REFUSED,
  VERSION_NOT_INSTALLED,
  PLUGIN_NOT_INSTALLED,
  ACTIVATION_FAILED,
  HEALTH_CHECK_FAILED,
  LOCK_DRIFT,
  FAULT_INJECTED,
  VERSION_CONFLICT,
  /** The version is installed with the same content, but its files no longer match their install record. */
  VERSION_DAMAGED,
  PLUGIN_PINNED,
  STORE_PATH_UNSAFE,
  LOCK_FILE_INVALID,
  /** The file system holding the plugin home (or its staging folder) is full. */
  STORE_NO_SPACE,
  /** The plugin home is read-only, or this process may not write or read a file in it. */
  STORE_NOT_WRITABLE;

  /**
   * The code for a failed file operation: {@link #STORE_NO_SPACE} when the file system is full,
   * {@link #STORE_NOT_WRITABLE} when it is read-only or access was denied, else {@code fallback}.
   * Looks through the whole cause chain.
   */
  @API(status = org.apiguardian.api.API.Status.INTERNAL, since = "0.1")
  public static InstallErrorCode ofIoFailure(Throwable failure, InstallErrorCode fallback) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof java.nio.file.AccessDeniedException) {
        return STORE_NOT_WRITABLE;
      }
      String text = t instanceof java.nio.file.FileSystemException fse && fse.getReason() != null
          ? fse.getReason() : String.valueOf(t.getMessage());
      if (text.contains("No space left on device") || text.contains("Disk quota exceeded")) {
        return STORE_NO_SPACE;
      }
      if (text.contains("Read-only file system") || text.contains("Permission denied")
          || text.contains("Operation not permitted")) {
        return STORE_NOT_WRITABLE;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return fallback;
  }

  /** The operator's next step for {@link #ofIoFailure}'s codes; {@code fallback} for the others. */
  @API(status = org.apiguardian.api.API.Status.INTERNAL, since = "0.1")
  public String ioNextStep(String home, String fallback) {
    return switch (this) {
      case STORE_NO_SPACE -> "Free space on the file system of " + home
          + " (df " + home + "), then retry; the previous version is still active.";
      case STORE_NOT_WRITABLE -> "Make " + home + " writable by this user (mount read-write, chown or chmod), then retry.";
      default -> fallback;
    };
  }

  @Override
  public String code() {
    return name();
  }
}
