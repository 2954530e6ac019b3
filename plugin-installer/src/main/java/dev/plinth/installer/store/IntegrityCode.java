package dev.plinth.installer.store;

import static org.apiguardian.api.API.Status.STABLE;

import dev.plinth.api.ErrorCode;
import org.apiguardian.api.API;

/**
 * Codes of the problems {@link StoreIntegrity} finds. Documented with the store's install codes
 * in {@code docs/error-codes.md}.
 */
@API(status = STABLE, since = "0.1")
public enum IntegrityCode implements ErrorCode {
  /** {@code current} names a version folder that does not exist. */
  POINTER_DANGLING,
  /** A plugin folder has versions but no {@code current}. */
  POINTER_MISSING,
  /** A version folder has no readable {@code .install.json}. */
  INSTALL_RECORD_MISSING,
  /** A file recorded in {@code .install.json} is missing. */
  FILE_MISSING,
  /** A file's sha256 differs from {@code .install.json}. */
  FILE_MODIFIED,
  /** A file not recorded in {@code .install.json} is present. */
  FILE_UNEXPECTED,
  /** A folder or file is left in {@code staging/}. */
  STAGING_LEFT,
  /** A journal is left: a transaction was interrupted and not yet recovered. */
  JOURNAL_LEFT,
  /** {@code plinth.lock} disagrees with the current versions. */
  LOCK_FILE_MISMATCH,
  /** {@code state.json} cannot be read. */
  STATE_UNREADABLE,
  /** {@code index.json} is missing: boot reads every {@code plugin.toml} until it is rebuilt. */
  INDEX_MISSING,
  /** {@code index.json} cannot be read, or has an unknown version. */
  INDEX_CORRUPT,
  /** An installed plugin's current version has no index entry. */
  INDEX_ENTRY_MISSING,
  /** An index entry names another version than {@code current}, or a plugin no longer installed. */
  INDEX_ENTRY_STALE,
  /** An index entry's own digest, or its {@code plugin.toml} digest, does not match. */
  INDEX_ENTRY_TAMPERED,
  /** A journal recovery could not read was moved aside as {@code journal/<tx>.json.corrupt}. */
  JOURNAL_CORRUPT,
  /** {@code events.jsonl} holds a line that is not an event (torn by a crash mid-write, or damaged). */
  EVENTS_LINE_UNREADABLE;

  @Override
  public String code() {
    return name();
  }
}
