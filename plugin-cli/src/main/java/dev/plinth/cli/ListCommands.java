package dev.plinth.cli;

import dev.plinth.installer.store.IndexCheck;
import dev.plinth.installer.store.IndexEntry;
import dev.plinth.installer.store.PluginInfo;
import dev.plinth.installer.store.PluginStore;
import dev.plinth.manifest.PluginManifest;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code list} and {@code info}: what is installed, with versions, source and signature verdict. */
final class ListCommands {
  private ListCommands() {}

  /**
   * The plugin's activation as its indexed manifest declares it: {@code eager}, {@code lazy},
   * {@code default} (the host decides) or {@code ?} when the index has no valid entry. Whether it
   * is loaded is a running host's to say ({@code PluginSystem.list()}, {@code doctor()}).
   */
  static String activation(IndexCheck index, String id) {
    IndexEntry e = index.entries().get(id);
    if (e == null) {
      return "?";
    }
    PluginManifest.Activation a = e.manifest().runtime().activation();
    return a == null ? "default" : a.text();
  }

  @Command(name = "list", description = "List installed plugins.")
  static final class ListPlugins extends CliCommand {
    @Override
    int execute(CliOutput out) {
      PluginStore store = StoreAccess.open(global().home);
      List<PluginInfo> plugins = store.list();
      if (plugins.isEmpty()) {
        out.summary("no plugins installed in " + global().home);
      }
      IndexCheck index = store.checkIndex();
      for (PluginInfo p : plugins) {
        var current = p.current();
        out.summary(String.format(Locale.ROOT, "%-24s %-12s %-9s %-8s %-10s %s", p.id(),
            p.currentVersion() == null ? "-" : p.currentVersion(),
            p.state().enabled() ? "enabled" : "disabled",
            activation(index, p.id()),
            current.map(v -> v.signature().verified() ? "signed" : "unsigned").orElse("-"),
            current.map(PluginInfo.Version::source).orElse("")));
      }
      return out.ok(plugins);
    }
  }

  @Command(name = "info", description = "Show one plugin: versions, current, source, digests, signature verdict, state.")
  static final class Info extends CliCommand {
    @Parameters(index = "0", paramLabel = "ID") String id;

    @Override
    int execute(CliOutput out) {
      PluginStore store = StoreAccess.open(global().home);
      PluginInfo p = StateCommands.requireInstalled(store, id);
      out.summary(p.id() + "  current " + p.currentVersion() + "  " + (p.state().enabled() ? "enabled" : "disabled")
          + "  activation " + activation(store.checkIndex(), p.id())
          + (p.state().pinnedVersion() == null ? "" : "  pinned " + p.state().pinnedVersion()));
      for (PluginInfo.Version v : p.versions()) {
        out.summary(String.format(Locale.ROOT, "  %s %-10s installed %s from %s", v.current() ? "*" : " ", v.version(),
            v.installedAt(), v.source()));
        out.summary("      archive sha256 " + (v.archiveSha256() == null ? "-" : v.archiveSha256()) + ", tree " + v.treeSha256());
        out.summary("      signature " + (v.signature().verified() ? "verified" : "not verified") + " (" + v.signature().method()
            + (v.signature().identity() == null ? "" : ", " + v.signature().identity()) + ", mode " + v.signature().mode()
            + ", " + v.signature().enforcement() + ")");
      }
      return out.ok(p);
    }
  }
}
