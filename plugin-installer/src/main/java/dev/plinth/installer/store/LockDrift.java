package dev.plinth.installer.store;

import dev.plinth.installer.InstallErrorCode;
import dev.plinth.installer.InstallException;
import dev.plinth.installer.Phase;
import dev.plinth.installer.StagedBundle;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Compares a staged bundle with its {@code plinth.lock} entry, in PREPARE, before the store
 * changes: version, archive digest, tree digest and signer must all be as locked.
 */
final class LockDrift {
  private LockDrift() {}

  static void check(String id, LockFile.Entry locked, StagedBundle bundle) {
    String signer = bundle.signature().verified() ? bundle.signature().identity() : null;
    compare(id, "version", locked.version(), bundle.version());
    if (locked.archiveSha256() != null) {
      compare(id, "archive_sha256", locked.archiveSha256(), bundle.archiveSha256());
    }
    compare(id, "tree_sha256", locked.treeSha256(), TreeDigest.of(bundle.fileDigests()));
    compare(id, "signer", locked.signer(), signer);
  }

  private static void compare(String id, String field, @Nullable String expected, @Nullable String actual) {
    if (Objects.equals(expected, actual)) {
      return;
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("plugin", id);
    details.put("field", field);
    details.put("expected", String.valueOf(expected));
    details.put("actual", String.valueOf(actual));
    throw new InstallException(InstallErrorCode.LOCK_DRIFT, Phase.PREPARE,
        "plinth.lock " + id + "." + field + " expected " + expected + " but the source gave: " + actual,
        "Find out why the published artifact changed; if the change is intended, install it "
            + "explicitly and commit the new plinth.lock.", details, null);
  }
}
