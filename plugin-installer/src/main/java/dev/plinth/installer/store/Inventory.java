package dev.plinth.installer.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds {@link PluginInfo} views from the files of a home. Read-only. */
final class Inventory {
  private Inventory() {}

  static List<PluginInfo> list(StoreContext ctx) {
    Map<String, PluginState> state = StateFile.read(ctx.layout());
    List<PluginInfo> out = new ArrayList<>();
    for (String id : ctx.layout().pluginIds()) {
      info(ctx, id, state).ifPresent(out::add);
    }
    return out;
  }

  static Optional<PluginInfo> info(StoreContext ctx, String id) {
    StoreLayout.checkId(id);
    return info(ctx, id, StateFile.read(ctx.layout()));
  }

  private static Optional<PluginInfo> info(StoreContext ctx, String id, Map<String, PluginState> state) {
    StoreLayout layout = ctx.layout();
    if (!layout.pluginDir(id).toFile().isDirectory()) {
      return Optional.empty();
    }
    String current = ctx.current(id).orElse(null);
    List<PluginInfo.Version> versions = new ArrayList<>();
    for (String v : layout.versions(id)) {
      InstallRecord.read(layout.versionDir(id, v)).ifPresent(r -> versions.add(new PluginInfo.Version(
          r.version(), r.version().equals(current), r.source(), r.archiveSha256(), r.treeSha256(),
          r.signature(), r.installedAtInstant(), r.dependencies(), r.audit())));
    }
    versions.sort(Comparator.comparing(PluginInfo.Version::installedAt).reversed());
    boolean committed = versions.stream().anyMatch(PluginInfo.Version::current);
    return Optional.of(new PluginInfo(id, committed ? current : null, versions,
        state.getOrDefault(id, PluginState.DEFAULT)));
  }
}
