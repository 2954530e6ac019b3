package dev.plinth.installer.store;

import dev.plinth.api.PlinthException;
import dev.plinth.installer.InstallErrorCode;
import dev.plinth.installer.InstallException;
import dev.plinth.installer.Phase;
import dev.plinth.installer.ProgressListener;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Operator rollback to a kept version, through the same transaction machinery as an install
 * (deactivate, switch, activate, health, commit; a failure rolls the rollback back).
 */
final class Reverts {
  private Reverts() {}

  /**
   * Switches {@code id} to {@code version}, or, when null, to the most recently installed kept
   * version other than the current one.
   */
  static InstallOutcome revert(StoreContext ctx, String id, @Nullable String version, ProgressListener progress) {
    Journal.Entry e = Journal.begin(Journal.newTxId(), Journal.Operation.SWITCH, id, false);
    String target;
    InstallRecord record;
    try {
      StoreLayout.checkId(id);
      String current = ctx.current(id).orElseThrow(() -> notInstalled(id));
      target = version != null ? version : previous(ctx, id, current).orElseThrow(() ->
          new InstallException(InstallErrorCode.VERSION_NOT_INSTALLED, Phase.PREPARE,
              "plugin.versions has no version to roll back to besides the current " + current + ": " + id,
              "Install the version you want with allowDowngrade instead (plinth install SPEC --allow-downgrade).",
              Map.of("plugin", id, "current", current), null));
      StoreLayout.checkVersion(target);
      Path dir = ctx.layout().versionDir(id, target);
      record = InstallRecord.read(dir).orElseThrow(() -> new InstallException(
          InstallErrorCode.VERSION_NOT_INSTALLED, Phase.PREPARE,
          "plugin.version is not a kept version of " + id + ": " + target,
          "Choose one of: " + ctx.layout().versions(id) + " (see info " + id + ").",
          Map.of("plugin", id, "version", target, "kept", ctx.layout().versions(id)), null));
      if (target.equals(current)) {
        return new InstallOutcome.AlreadyInstalled(id, target);
      }
      DamagedVersions.requireIntact(dir, record);
      PluginState prior = StateFile.read(ctx.layout()).get(id);
      e = Activation.enter(ctx, e.forPlugin(id, current, target, true, prior), Phase.PREPARE, progress);
      ctx.faults().beforePhase(Phase.PREPARE, id);
      Dependencies.check(ctx, id, record.dependencies(), List.of(), source -> false, false);
    } catch (PlinthException ex) {
      if (ctx.journal().files().contains(ctx.layout().journalFile(e.tx()))) {
        Undo.rollBack(ctx, e, false);
      }
      ctx.emit("rolled_back", id, version, e.tx(), Map.of("phase", Phase.PREPARE.jsonName(),
          "code", ex.code().code(), "cause", String.valueOf(ex.getMessage()), "store_changed", false));
      return new InstallOutcome.Failed(id, Phase.PREPARE, InstallOutcome.Cause.of(ex));
    }
    Path dir = ctx.layout().versionDir(id, target);
    return Activation.run(ctx, e, Manifests.load(dir, record), null, null, progress, committed -> {
      String from = Objects.requireNonNull(committed.fromVersion());
      ctx.emit("reverted", id, target, committed.tx(), Map.of("from", from));
      return new InstallOutcome.Reverted(id, from, target);
    });
  }

  /** The most recently installed kept version other than {@code current}. */
  static Optional<String> previous(StoreContext ctx, String id, String current) {
    return ctx.layout().versions(id).stream()
        .filter(v -> !v.equals(current))
        .flatMap(v -> InstallRecord.read(ctx.layout().versionDir(id, v)).stream())
        .max(Comparator.comparing(InstallRecord::installedAtInstant))
        .map(InstallRecord::version);
  }

  static InstallException notInstalled(String id) {
    return new InstallException(InstallErrorCode.PLUGIN_NOT_INSTALLED, Phase.PREPARE,
        "plugin.id is not installed: " + id, "Check the id with list; install it first.",
        Map.of("plugin", id), null);
  }
}
