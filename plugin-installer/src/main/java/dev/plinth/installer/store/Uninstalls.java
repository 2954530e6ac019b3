package dev.plinth.installer.store;

import dev.plinth.api.PlinthException;
import dev.plinth.installer.InstallErrorCode;
import dev.plinth.installer.InstallException;
import dev.plinth.installer.Phase;
import dev.plinth.installer.ProgressListener;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

/**
 * Uninstall as a transaction: PREPARE (installed? dependents?), ACTIVATE (deactivate, remove the
 * pointer), COMMIT (state, lock, then the folders). Before commit a failure or crash restores the
 * pointer; after it, recovery finishes the removal.
 */
final class Uninstalls {
  private Uninstalls() {}

  static InstallOutcome uninstall(StoreContext ctx, String id, boolean purgeData, boolean force, ProgressListener progress) {
    Journal.Entry e = Journal.begin(Journal.newTxId(), Journal.Operation.UNINSTALL, id, purgeData);
    String current;
    try {
      StoreLayout.checkId(id);
      current = ctx.current(id).orElse(null);
      if (current == null && !Files.isDirectory(ctx.layout().pluginDir(id))) {
        throw Reverts.notInstalled(id);
      }
      PluginState prior = StateFile.read(ctx.layout()).get(id);
      e = Activation.enter(ctx, e.forPlugin(id, current, null, true, prior), Phase.PREPARE, progress);
      ctx.faults().beforePhase(Phase.PREPARE, id);
      List<String> dependents = Dependencies.dependents(ctx, id);
      if (!dependents.isEmpty() && !force) {
        throw new InstallException(InstallErrorCode.DEPENDENT_PLUGINS, Phase.PREPARE,
            "plugin.dependencies of installed plugins name " + id + ": " + String.join(", ", dependents),
            "Uninstall " + String.join(", ", dependents) + " first, or uninstall with force "
                + "(they will fail to load until " + id + " is back).",
            Map.of("plugin", id, "dependents", dependents), null);
      }
    } catch (PlinthException ex) {
      if (!e.pluginId().isEmpty() && ctx.layout().journalFile(e.tx()).toFile().exists()) {
        Undo.rollBack(ctx, e, false);
      }
      return new InstallOutcome.Failed(id, Phase.PREPARE, InstallOutcome.Cause.of(ex));
    }
    Journal.Entry cur = e;
    try {
      cur = Activation.enter(ctx, cur, Phase.ACTIVATE, progress);
      ctx.faults().beforePhase(Phase.ACTIVATE, id);
      try {
        ctx.activator().deactivate(id);
      } catch (Exception ex) {
        if (!force) {
          throw new InstallException(InstallErrorCode.ACTIVATION_FAILED, Phase.ACTIVATE,
              "activator deactivate failed for " + id + ": " + ex, "Stop the plugin by hand, or uninstall with force.",
              Map.of("plugin", id), ex);
        }
      }
      CurrentPointer.clear(ctx.layout().pluginDir(id));
      cur = Activation.enter(ctx, cur, Phase.COMMIT, progress);
      ctx.faults().beforePhase(Phase.COMMIT, id);
      Map<String, PluginState> state = StateFile.read(ctx.layout());
      if (state.remove(id) != null) {
        StateFile.write(ctx.layout(), state);
      }
      StoreMetadata.sync(ctx);
      cur = cur.committedNow();
      ctx.journal().write(cur);
    } catch (Exception ex) {
      return Activation.rollBack(ctx, cur, ex);
    }
    Undo.finish(ctx, cur);
    String v = current == null ? "" : current;
    ctx.emit("uninstalled", id, v, cur.tx(), Map.of("data_purged", purgeData, "forced", force));
    return new InstallOutcome.Uninstalled(id, v, purgeData);
  }
}
