package dev.plinth.installer.store;

import dev.plinth.installer.Phase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Ends a journalled transaction one way or the other. Both directions are idempotent (each step
 * checks before it acts and the journal is deleted last), so a crash during recovery is recovered
 * by the next open. Used by live transactions after a failure ({@code live = true}: the activator
 * is told) and by {@link Recovery} at open (nothing is loaded yet: the activator is not called).
 */
final class Undo {
  private Undo() {}

  /**
   * Rolls a transaction that did not commit back to its from-version.
   *
   * @return the version current again, or null when the plugin had none
   */
  static @Nullable String rollBack(StoreContext ctx, Journal.Entry e, boolean live) {
    StoreLayout layout = ctx.layout();
    String id = e.pluginId();
    @Nullable String restored = null;
    if (!id.isEmpty()) {
      Path pluginDir = layout.pluginDir(id);
      boolean touched = e.phase().compareTo(Phase.ACTIVATE) >= 0;
      if (live && touched) {
        quietly(ctx, id, "deactivate", () -> ctx.activator().deactivate(id));
      }
      String from = e.fromVersion();
      Optional<String> now = CurrentPointer.read(pluginDir);
      if (from != null) {
        if (!now.equals(Optional.of(from))) {
          ctx.pointer().point(pluginDir, from);
        }
        restored = from;
      } else if (now.isPresent()) {
        CurrentPointer.clear(pluginDir);
      }
      if (e.toVersion() != null && !e.versionPreexisted() && !Objects.equals(e.toVersion(), from)) {
        AtomicFiles.removeViaTrash(layout.versionDir(id, e.toVersion()), layout.staging());
      }
      removeIfEmpty(layout, id);
      if (e.phase() == Phase.COMMIT) {
        restoreState(layout, id, e.priorState());
      }
      StoreMetadata.sync(ctx);
      if (live && touched && from != null) {
        String v = from;
        quietly(ctx, id, "re-activate " + v, () -> {
          Path dir = layout.versionDir(id, v);
          InstallRecord r = InstallRecord.read(dir).orElseThrow(() -> new IOException("no install record in " + dir));
          ctx.activator().activate(Manifests.load(dir, r), dir);
        });
      }
    }
    AtomicFiles.deleteTree(layout.home().resolve(e.stagingDir()));
    ctx.journal().delete(e.tx());
    return restored;
  }

  /** Completes the clean-up of a committed transaction; returns the versions retention removed. */
  static List<String> finish(StoreContext ctx, Journal.Entry e) {
    StoreLayout layout = ctx.layout();
    String id = e.pluginId();
    List<String> pruned = List.of();
    if (e.operation() == Journal.Operation.UNINSTALL) {
      CurrentPointer.clear(layout.pluginDir(id));
      AtomicFiles.removeViaTrash(layout.pluginDir(id), layout.staging());
      if (e.purgeData()) {
        AtomicFiles.removeViaTrash(layout.dataDir(id), layout.staging());
      }
    } else {
      String to = Objects.requireNonNull(e.toVersion(), "committed transaction without a version");
      if (!CurrentPointer.read(layout.pluginDir(id)).equals(Optional.of(to))) {
        ctx.pointer().point(layout.pluginDir(id), to);
      }
      try {
        Files.createDirectories(layout.dataDir(id));
      } catch (IOException ex) {
        throw new UncheckedIOException("cannot create " + layout.dataDir(id), ex);
      }
      pruned = Retention.prune(ctx, id, to, e.fromVersion());
    }
    StoreMetadata.sync(ctx);
    AtomicFiles.deleteTree(layout.home().resolve(e.stagingDir()));
    ctx.journal().delete(e.tx());
    return pruned;
  }

  static void restoreState(StoreLayout layout, String id, @Nullable PluginState prior) {
    Map<String, PluginState> state = StateFile.read(layout);
    PluginState now = state.get(id);
    if (Objects.equals(now, prior)) {
      return;
    }
    if (prior == null) {
      state.remove(id);
    } else {
      state.put(id, prior);
    }
    StateFile.write(layout, state);
  }

  /** Removes {@code plugins/<id>} when it holds no version and no pointer (a fresh install undone). */
  static void removeIfEmpty(StoreLayout layout, String id) {
    if (layout.versions(id).isEmpty() && CurrentPointer.read(layout.pluginDir(id)).isEmpty()) {
      AtomicFiles.deleteTree(layout.pluginDir(id));
    }
  }

  /** A step that may throw anything. */
  @FunctionalInterface
  interface Step {
    void run() throws Exception;
  }

  private static void quietly(StoreContext ctx, String id, String what, Step step) {
    try {
      step.run();
    } catch (Exception ex) {
      StoreContext.log().warn("rollback of {}: {} failed: {}", id, what, ex.toString());
    }
  }
}
