package dev.plinth.installer.store;

import dev.plinth.installer.InstallErrorCode;
import dev.plinth.installer.InstallException;
import dev.plinth.installer.Phase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code state.json}: {@code {"plugins": {"<id>": {"enabled": .., "acknowledged_permissions": ..,
 * "pinned_version": ..}}}}. Whole-file atomic rewrites under the store lock.
 */
final class StateFile {
  /** The file's shape. */
  record Content(int stateVersion, Map<String, PluginState> plugins) {
    Content {
      plugins = new TreeMap<>(plugins);
    }
  }

  private StateFile() {}

  static Map<String, PluginState> read(StoreLayout layout) {
    Path file = layout.stateFile();
    if (!Files.exists(file)) {
      return new TreeMap<>();
    }
    try {
      return new TreeMap<>(Json.read(file, Content.class).plugins());
    } catch (IOException | RuntimeException e) {
      InstallErrorCode denied = InstallErrorCode.ofIoFailure(e, InstallErrorCode.STORE_CORRUPT);
      if (denied == InstallErrorCode.STORE_NOT_WRITABLE) {
        throw new InstallException(denied, Phase.PREPARE, "state.json must be readable by this user: " + file,
            denied.ioNextStep(file.toString(), ""), Map.of("path", file.toString()), e);
      }
      throw new InstallException(InstallErrorCode.STORE_CORRUPT, Phase.PREPARE,
          "state.json is not valid JSON: " + file, "Restore state.json from a backup or delete it "
              + "(plugins then start disabled and need acknowledging again).",
          Map.of("path", file.toString()), e);
    }
  }

  static void write(StoreLayout layout, Map<String, PluginState> plugins) {
    Json.writeAtomically(layout.stateFile(), new Content(1, plugins));
  }

  /** Creates an empty state file if none exists, so the file set of a home does not change on first install. */
  static void ensureExists(StoreLayout layout) {
    if (!Files.exists(layout.stateFile())) {
      write(layout, Map.of());
    }
  }
}
