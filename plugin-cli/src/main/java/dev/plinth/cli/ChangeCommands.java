package dev.plinth.cli;

import dev.plinth.api.PlinthException;
import dev.plinth.installer.InstallRequest;
import dev.plinth.installer.store.InstallOutcome;
import dev.plinth.installer.store.PluginInfo;
import dev.plinth.installer.store.PluginStore;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code upgrade}, {@code rollback} and {@code uninstall}: transactions on an installed plugin. */
final class ChangeCommands {
  private ChangeCommands() {}

  /** The recorded source pinned to a version, for {@code upgrade --to}. */
  static String pin(String source, String version) {
    if (source.startsWith("github:")) {
      int at = source.indexOf('@');
      return (at < 0 ? source : source.substring(0, at)) + "@v" + version;
    }
    if (source.startsWith("catalog:")) {
      int at = source.indexOf('@');
      return (at < 0 ? source : source.substring(0, at)) + "@=" + version;
    }
    if (source.startsWith("maven:")) {
      String[] parts = source.split(":");
      if (parts.length >= 4) {
        parts[3] = version;
        return String.join(":", parts);
      }
    }
    throw new PlinthException(CliErrorCode.UPGRADE_TARGET_UNSUPPORTED,
        "--to cannot pin a version of source: " + source,
        "Install the wanted version's archive or URL directly with plinth install.",
        Map.of("source", source, "version", version), null);
  }

  @Command(name = "upgrade", description = "Upgrade a plugin from its recorded source (latest, or --to V).")
  static final class Upgrade extends CliCommand {
    @Parameters(index = "0", paramLabel = "ID") String id;

    @Option(names = "--to", paramLabel = "VERSION", description = "Upgrade to this version instead of the latest.")
    @Nullable String to;

    @Mixin SourceOptions sources = new SourceOptions();

    @Override
    int execute(CliOutput out) {
      PhasePrinter printer = new PhasePrinter(out, System.console() != null);
      PluginStore store = StoreAccess.openForInstall(global().home, sources, printer);
      PluginInfo info = StateCommands.requireInstalled(store, id);
      if (to == null) {
        return Outcomes.report(out, store.upgrade(id));
      }
      String source = info.current().map(PluginInfo.Version::source).orElseThrow();
      InstallOutcome outcome = store.install(InstallRequest.of(pin(source, to)).withEnable(info.state().enabled()), printer);
      return Outcomes.report(out, outcome);
    }
  }

  @Command(name = "rollback", description = "Roll a plugin back to the previous kept version (or --to V).")
  static final class Rollback extends CliCommand {
    @Parameters(index = "0", paramLabel = "ID") String id;

    @Option(names = "--to", paramLabel = "VERSION", description = "A kept version to make current.")
    @Nullable String to;

    @Override
    int execute(CliOutput out) {
      PluginStore store = StoreAccess.open(global().home);
      return Outcomes.report(out, to == null ? store.rollback(id) : store.rollback(id, to));
    }
  }

  @Command(name = "uninstall", description = "Remove a plugin's versions; its data folder stays unless --purge-data.")
  static final class Uninstall extends CliCommand {
    @Parameters(index = "0", paramLabel = "ID") String id;

    @Option(names = "--purge-data", description = "Also delete data/<id>/.")
    boolean purgeData;

    @Option(names = "--force", description = "Uninstall even though other installed plugins depend on it.")
    boolean force;

    @Override
    int execute(CliOutput out) {
      PluginStore store = StoreAccess.open(global().home);
      return Outcomes.report(out, store.uninstall(id, purgeData, force));
    }
  }
}
