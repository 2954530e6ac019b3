package dev.plinth.installer.store;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * How a plugin's {@code current} version is recorded. Both are switched with one atomic rename, so
 * a reader (or a crash) sees the old version or the new one, never neither.
 */
@API(status = STABLE, since = "0.1")
public enum PointerStyle {
  /** A symlink where the file system supports it, else a pointer file (the default). */
  AUTO,
  /** {@code plugins/<id>/current}: a relative symlink to {@code versions/<version>}. */
  SYMLINK,
  /**
   * {@code plugins/<id>/current.txt}: a text file holding {@code versions/<version>}, for file
   * systems or platforms without symlinks.
   */
  POINTER_FILE
}
