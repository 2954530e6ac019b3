package dev.plinth.installer.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Keeps the last N versions of a plugin: the current one, the rollback target (the version that
 * was current before the last change) and the most recently installed others, up to N in all.
 * Removal goes through the trash, so a crash never leaves a half-deleted version.
 */
final class Retention {
  private Retention() {}

  /** Removes versions beyond the retention; returns the removed versions. */
  static List<String> prune(StoreContext ctx, String id, String current, @Nullable String rollbackTarget) {
    StoreLayout layout = ctx.layout();
    Set<String> keep = new HashSet<>();
    keep.add(current);
    if (rollbackTarget != null) {
      keep.add(rollbackTarget);
    }
    List<String> others = new ArrayList<>(layout.versions(id));
    others.removeAll(keep);
    others.sort(Comparator.comparing((String v) -> installedAt(ctx, id, v)).reversed());
    int room = Math.max(0, ctx.retention() - keep.size());
    List<String> removed = new ArrayList<>();
    for (int i = room; i < others.size(); i++) {
      String v = others.get(i);
      AtomicFiles.removeViaTrash(layout.versionDir(id, v), layout.staging());
      removed.add(v);
    }
    return removed;
  }

  private static Instant installedAt(StoreContext ctx, String id, String version) {
    return InstallRecord.read(ctx.layout().versionDir(id, version))
        .map(InstallRecord::installedAtInstant)
        .orElse(Instant.EPOCH);
  }
}
