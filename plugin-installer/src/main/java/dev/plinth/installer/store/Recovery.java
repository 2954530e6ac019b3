package dev.plinth.installer.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Brings a home back to a consistent state after a crash, under the store lock. The rule: a
 * transaction whose journal says it committed is finished (clean-up only); any other is rolled
 * back to its from-version. Then orphan staging folders, trash and temp files are removed and
 * {@code plinth.lock} is re-derived. Every step is idempotent, so a crash during recovery is
 * recovered by the next open.
 */
final class Recovery {
  private Recovery() {}

  /** True when a quick look finds journals or staging left by a writer that is gone. */
  static boolean needed(StoreContext ctx) {
    return !ctx.journal().isEmpty() || !StoreLayout.listNames(ctx.layout().staging(), false).isEmpty();
  }

  /**
   * What opening a store checks before it may skip the full recovery: the journal and staging
   * folders hold nothing at all (not even a half-written journal), the home holds no temp file of
   * an interrupted metadata write, and {@code state.json}, {@code plinth.lock} and {@code
   * index.json} exist. Three folder listings and three stats; reads no install record.
   */
  static boolean neededAtOpen(StoreContext ctx) {
    StoreLayout layout = ctx.layout();
    return !StoreLayout.listNames(layout.journal(), false).isEmpty()
        || !StoreLayout.listNames(layout.staging(), false).isEmpty()
        || StoreLayout.listNames(layout.home(), false).stream().anyMatch(n -> n.contains(AtomicFiles.TEMP_MARKER))
        || !Files.exists(layout.stateFile()) || !Files.exists(layout.lockFile()) || !Files.exists(layout.indexFile());
  }

  /** Recovers every interrupted transaction; {@code full} also sweeps temp files and empty plugin folders. */
  static void recover(StoreContext ctx, boolean full) {
    StoreLayout layout = ctx.layout();
    layout.createFolders();
    List<Path> unreadable = new ArrayList<>();
    for (Journal.Entry e : ctx.journal().readAll(unreadable)) {
      boolean finish = e.committed();
      if (finish) {
        Undo.finish(ctx, e);
      } else {
        Undo.rollBack(ctx, e, false);
      }
      Map<String, Object> detail = new LinkedHashMap<>();
      detail.put("action", finish ? "completed" : "rolled_back");
      detail.put("operation", e.operation().name().toLowerCase(Locale.ROOT));
      detail.put("phase", e.phase().jsonName());
      detail.put("from_version", e.fromVersion());
      detail.put("to_version", e.toVersion());
      ctx.emit("recovered", e.pluginId(), finish ? e.toVersion() : e.fromVersion(), e.tx(), detail);
    }
    for (Path bad : unreadable) {
      quarantine(bad);
    }
    for (String name : StoreLayout.listNames(layout.staging(), false)) {
      AtomicFiles.deleteTree(layout.staging().resolve(name));
    }
    if (full) {
      sweepTemps(layout.home());
      sweepTemps(layout.journal());
      for (String id : layout.pluginIds()) {
        sweepTemps(layout.pluginDir(id));
        Undo.removeIfEmpty(layout, id);
      }
    }
    StateFile.ensureExists(layout);
    StoreMetadata.sync(ctx);
  }

  private static void sweepTemps(Path dir) {
    for (String name : StoreLayout.listNames(dir, false)) {
      if (name.contains(AtomicFiles.TEMP_MARKER)) {
        AtomicFiles.deleteTree(dir.resolve(name));
      }
    }
  }

  /** A journal that cannot be read is kept aside (the doctor reports it) rather than guessed at. */
  private static void quarantine(Path journalFile) {
    StoreContext.log().error("journal {} is unreadable; moved aside, check the plugins it may concern", journalFile);
    try {
      Files.move(journalFile, journalFile.resolveSibling(journalFile.getFileName() + ".corrupt"));
    } catch (IOException e) {
      StoreContext.log().error("cannot move {} aside: {}", journalFile, e.toString());
    }
  }
}
