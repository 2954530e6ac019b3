package dev.plinth.cli;

import dev.plinth.api.PlinthException;
import dev.plinth.installer.store.PluginInfo;
import dev.plinth.installer.store.PluginState;
import dev.plinth.installer.store.PluginStore;
import dev.plinth.manifest.ManifestParser;
import dev.plinth.manifest.PluginManifest;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code enable}, {@code disable}: flip the persisted state; a running host applies it on rescan. */
final class StateCommands {
  private StateCommands() {}

  static PluginInfo requireInstalled(PluginStore store, String id) {
    return store.info(id).orElseThrow(() -> new PlinthException(
        dev.plinth.installer.InstallErrorCode.PLUGIN_NOT_INSTALLED,
        "plugin id is not installed: " + id, "Run plinth list to see installed plugins.",
        Map.of("plugin", id), null));
  }

  static PluginManifest currentManifest(PluginStore store, String id) {
    Path dir = store.currentDir(id).orElseThrow(() -> new PlinthException(
        dev.plinth.installer.InstallErrorCode.PLUGIN_NOT_INSTALLED,
        "plugin has no current version: " + id, "Reinstall it with plinth install.", Map.of("plugin", id), null));
    return ManifestParser.parse(dir.resolve("plugin.toml")).orThrow();
  }

  static Map<String, Object> stateDoc(String id, PluginState state) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("id", id);
    doc.put("enabled", state.enabled());
    doc.put("permissionsAcknowledged", state.acknowledgedPermissions() != null);
    doc.put("pinnedVersion", state.pinnedVersion());
    return doc;
  }

  @Command(name = "enable", description = "Enable an installed plugin (its declared permissions must be acknowledged).")
  static final class Enable extends CliCommand {
    @Parameters(index = "0", paramLabel = "ID") String id;

    @Option(names = "--ack-permissions", description = "Acknowledge the permissions the plugin declares.")
    boolean ack;

    @Override
    int execute(CliOutput out) {
      PluginStore store = StoreAccess.open(global().home);
      requireInstalled(store, id);
      PluginManifest manifest = currentManifest(store, id);
      String digest = PluginState.permissionsDigest(manifest.permissions());
      PluginState current = store.state().getOrDefault(id, PluginState.DEFAULT);
      boolean acknowledged = manifest.permissions().isEmpty() || Objects.equals(digest, current.acknowledgedPermissions());
      if (!acknowledged && !ack) {
        throw new PlinthException(dev.plinth.runtime.RuntimeErrorCode.PERMISSIONS_NOT_ACKNOWLEDGED,
            "plugin.permissions of " + id + " " + manifest.version() + " are not acknowledged: "
                + describe(manifest.permissions()),
            "Review them, then run: plinth enable " + id + " --ack-permissions",
            Map.of("plugin", id), null);
      }
      PluginState updated = store.updateState(id, s -> {
        PluginState next = s.withEnabled(true);
        return ack ? next.withAcknowledgedPermissions(digest) : next;
      });
      out.summary("enabled " + id + " (a running host applies it on its next rescan)");
      return out.ok(stateDoc(id, updated));
    }
  }

  @Command(name = "disable", description = "Disable an installed plugin; a running host unloads it on its next rescan.")
  static final class Disable extends CliCommand {
    @Parameters(index = "0", paramLabel = "ID") String id;

    @Override
    int execute(CliOutput out) {
      PluginStore store = StoreAccess.open(global().home);
      requireInstalled(store, id);
      PluginState updated = store.updateState(id, s -> s.withEnabled(false));
      out.summary("disabled " + id);
      return out.ok(stateDoc(id, updated));
    }
  }

  static String describe(PluginManifest.Permissions p) {
    StringBuilder b = new StringBuilder();
    if (!p.network().isEmpty()) {
      b.append("network=").append(p.network()).append(' ');
    }
    if (!p.secrets().isEmpty()) {
      b.append("secrets=").append(p.secrets()).append(' ');
    }
    if (!p.filesystemRead().isEmpty() || !p.filesystemWrite().isEmpty()) {
      b.append("filesystem(read=").append(p.filesystemRead()).append(", write=").append(p.filesystemWrite()).append(") ");
    }
    if (p.spawn()) {
      b.append("spawn ");
    }
    if (p.profile() != null) {
      b.append("profile=").append(p.profile());
    }
    return b.toString().trim();
  }
}
