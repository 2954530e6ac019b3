package dev.plinth.cli;

import dev.plinth.installer.catalog.CatalogResult;
import dev.plinth.installer.store.PluginStore;
import dev.plinth.installer.store.UpdateCheck;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code outdated}: asks each installed plugin's source for its newest version and changes nothing.
 * A GitHub release, a Maven repository or a catalog answers without its archive being downloaded;
 * a URL or local source is staged in a scratch folder and removed.
 */
@Command(name = "outdated", description = "Show the newest version each installed plugin's source offers; changes nothing.")
final class OutdatedCommand extends CliCommand {
  @Mixin SourceOptions sources = new SourceOptions();
  @Mixin CatalogAccess catalog = new CatalogAccess();

  @Option(names = "--catalogs", description = "Compare with what every catalog source offers (--catalog, --source) instead of each plugin's own source.")
  boolean fromCatalogs;

  @Override
  int execute(CliOutput out) {
    if (fromCatalogs) {
      CatalogResult r = catalog.open(global().home, sources).outdated();
      CatalogAccess.print(out, r);
      return out.ok(r);
    }
    PluginStore store = StoreAccess.openForInstall(global().home, sources, event -> { });
    List<UpdateCheck> checks = store.checkUpdates();
    if (checks.isEmpty()) {
      out.summary("no plugins installed in " + global().home);
    }
    for (UpdateCheck c : checks) {
      out.summary(String.format(Locale.ROOT, "%-24s %-12s %-12s %s", c.pluginId(), c.currentVersion(),
          c.latestVersion() == null ? "-" : c.latestVersion(), status(c)));
    }
    return out.ok(checks);
  }

  private static String status(UpdateCheck c) {
    if (c.error() != null) {
      return "check failed: " + c.error().code() + ": " + c.error().message();
    }
    String pin = c.pinnedVersion() == null ? "" : " (pinned at " + c.pinnedVersion() + ")";
    return (c.updateAvailable() ? "update available" : "up to date") + pin;
  }
}
