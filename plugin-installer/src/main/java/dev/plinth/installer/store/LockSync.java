package dev.plinth.installer.store;

import dev.plinth.installer.InstallErrorCode;
import dev.plinth.installer.InstallException;
import dev.plinth.installer.InstallRequest;
import dev.plinth.installer.Phase;
import dev.plinth.installer.ProgressListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@link PluginStore#installFromLock}: brings the store to a lock file's versions, entry by entry. */
final class LockSync {
  private LockSync() {}

  static LockSyncResult apply(StoreContext ctx, LockFile lock) {
    Map<String, LockFile.Entry> pending = new LinkedHashMap<>(lock.plugins());
    Map<String, InstallOutcome> outcomes = new LinkedHashMap<>();
    boolean progress = true;
    while (!pending.isEmpty() && progress) {
      progress = false;
      for (Map.Entry<String, LockFile.Entry> item : List.copyOf(pending.entrySet())) {
        InstallOutcome o = applyOne(ctx, item.getKey(), item.getValue());
        outcomes.put(item.getKey(), o);
        if (!waitsOnDependency(o)) {
          pending.remove(item.getKey());
          progress = true;
        }
      }
    }
    List<String> extraneous = new ArrayList<>(ctx.installed().keySet());
    extraneous.removeAll(lock.plugins().keySet());
    List<InstallOutcome> ordered = new ArrayList<>(outcomes.values());
    return new LockSyncResult(ordered, extraneous);
  }

  private static InstallOutcome applyOne(StoreContext ctx, String id, LockFile.Entry entry) {
    Optional<InstallRecord> current = ctx.currentRecord(id);
    if (current.isPresent() && LockFile.Entry.of(current.get()).equals(normalised(entry, current.get()))) {
      // The record matches the lock; the files must still match the record.
      try {
        DamagedVersions.requireIntact(ctx.layout().versionDir(id, entry.version()), current.get());
      } catch (InstallException ex) {
        return new InstallOutcome.Failed(id, Phase.PREPARE, InstallOutcome.Cause.of(ex));
      }
      return new InstallOutcome.AlreadyInstalled(id, entry.version());
    }
    InstallRequest request = InstallRequest.of(SourceSpecs.pinned(entry.source(), entry.version())).withAllowDowngrade(true);
    return new InstallTransaction(ctx, request, ProgressListener.NONE, entry, List.of(), id).run();
  }

  /** The lock entry as the installed record would write it (a null archive digest means "not locked"). */
  private static LockFile.Entry normalised(LockFile.Entry e, InstallRecord r) {
    return new LockFile.Entry(e.version(), r.source(),
        e.archiveSha256() == null ? r.archiveSha256() : e.archiveSha256(), e.treeSha256(), e.signer());
  }

  private static boolean waitsOnDependency(InstallOutcome o) {
    return o instanceof InstallOutcome.Failed f
        && Objects.equals(f.cause().code(), InstallErrorCode.DEPENDENCY_MISSING.code());
  }
}
