package dev.plinth.installer.store;

import dev.plinth.api.PlinthException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@link PluginStore#checkUpdates()}: one {@link UpdateCheck} per installed plugin. */
final class UpdateChecks {
  private UpdateChecks() {}

  static List<UpdateCheck> check(StoreContext ctx, UpdateChecker checker) {
    Map<String, PluginState> state = StateFile.read(ctx.layout());
    List<UpdateCheck> out = new ArrayList<>();
    ctx.installed().forEach((id, record) -> {
      String source = SourceSpecs.unpinned(record.source());
      String pin = state.getOrDefault(id, PluginState.DEFAULT).pinnedVersion();
      try {
        String latest = checker.latestVersion(id, source);
        boolean newer = Versions.compare(latest, record.version()) > 0;
        out.add(new UpdateCheck(id, record.version(), source, latest, newer, pin, null));
      } catch (PlinthException e) {
        out.add(new UpdateCheck(id, record.version(), source, null, false, pin, InstallOutcome.Cause.of(e)));
      }
    });
    return out;
  }
}
