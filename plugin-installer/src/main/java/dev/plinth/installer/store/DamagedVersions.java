package dev.plinth.installer.store;

import dev.plinth.installer.InstallErrorCode;
import dev.plinth.installer.InstallException;
import dev.plinth.installer.Phase;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Version folders whose files no longer match their install record: the check made before the
 * store vouches for such a folder again (an install of the same version, a rollback to it, a lock
 * sync), and the operator's way back, which every report of damage gives. An install over a
 * damaged folder is refused rather than repaired, so the way back is a fresh install.
 */
final class DamagedVersions {
  private DamagedVersions() {}

  /**
   * Hashes the files of {@code versionDir} and compares them with {@code record}.
   *
   * @throws InstallException {@code VERSION_DAMAGED} when they differ; {@code STORE_IO} (or
   *     {@code STORE_NOT_WRITABLE}) when a file cannot be read
   */
  static void requireIntact(Path versionDir, InstallRecord record) {
    String onDisk;
    try {
      onDisk = TreeDigest.of(TreeDigest.hashFiles(versionDir, StoreLayout.INSTALL_RECORD));
    } catch (UncheckedIOException e) {
      InstallErrorCode code = InstallErrorCode.ofIoFailure(e, InstallErrorCode.STORE_IO);
      throw new InstallException(code, Phase.PREPARE,
          "plugin.version's files must be readable to be checked against their install record: " + versionDir
              + " (" + e.getCause().getMessage() + ")",
          code.ioNextStep(versionDir.toString(), "Check the version folder's permissions; plinth doctor --verify names the file."),
          Map.of("plugin", record.id(), "version", record.version(), "path", versionDir.toString()), e);
    }
    if (!onDisk.equals(record.treeSha256())) {
      throw new InstallException(InstallErrorCode.VERSION_DAMAGED, Phase.PREPARE,
          "plugin.version is installed but its files no longer match their install record: "
              + record.id() + "@" + record.version(),
          "Run plinth doctor --verify for the changed files; then " + wayBack(record.id(), record.version()) + ".",
          Map.of("plugin", record.id(), "version", record.version()), null);
    }
  }

  /** How a version's recorded files come back, as a clause: "uninstall … and install … again". */
  static String reinstall(String id, String version) {
    return "uninstall " + id + " (its data folder stays) and install " + id + "@" + version + " again";
  }

  /** {@link #reinstall}, or a rollback to another kept version, as a clause. */
  static String wayBack(String id, String version) {
    return reinstall(id, version) + ", or roll back to another kept version";
  }

  /** {@link #wayBack} as a sentence's start. */
  static String wayBackSentence(String id, String version) {
    String clause = wayBack(id, version);
    return Character.toUpperCase(clause.charAt(0)) + clause.substring(1);
  }
}
