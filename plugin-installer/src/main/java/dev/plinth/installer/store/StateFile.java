package dev.plinth.installer.store;

import dev.plinth.installer.InstallErrorCode;
import dev.plinth.installer.InstallException;
import dev.plinth.installer.Phase;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

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
      return parse(Files.readAllBytes(file));
    } catch (IOException | RuntimeException e) {
      InstallErrorCode denied = InstallErrorCode.ofIoFailure(e, InstallErrorCode.STORE_CORRUPT);
      if (denied == InstallErrorCode.STORE_NOT_WRITABLE) {
        throw new InstallException(denied, Phase.PREPARE, "state.json must be readable by this user: " + file,
            denied.ioNextStep(file.toString(), ""), Map.of("path", file.toString()), e);
      }
      throw new InstallException(InstallErrorCode.STORE_CORRUPT, Phase.PREPARE,
          "state.json is not valid JSON: " + file, "Run plinth doctor --repair (or PluginStore.repair()): it "
              + "rebuilds state.json with every installed plugin disabled and keeps the damaged file beside it; "
              + "then enable and acknowledge the plugins again, or restore state.json from a backup.",
          Map.of("path", file.toString()), e);
    }
  }

  /**
   * The file's plugins, read with the streaming parser (boot reads this file, and needs no data
   * binding for it). Unknown fields are ignored; a missing or null {@code enabled} is false.
   *
   * @throws IOException for malformed JSON, a missing {@code plugins} object or a value of the wrong type
   */
  static TreeMap<String, PluginState> parse(byte[] bytes) throws IOException {
    TreeMap<String, PluginState> out = null;
    try (JsonParser p = RecordArrays.FACTORY.createParser(bytes)) {
      expect(p.nextToken(), JsonToken.START_OBJECT, "state.json");
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        if (field.equals("plugins")) {
          expect(t, JsonToken.START_OBJECT, "plugins");
          out = new TreeMap<>();
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String id = p.currentName();
            out.put(id, plugin(p, id));
          }
        } else {
          p.skipChildren();
        }
      }
      if (p.nextToken() != null) {
        throw new IOException("state.json has content after its object");
      }
    }
    if (out == null) {
      throw new IOException("state.json has no plugins object");
    }
    return out;
  }

  private static PluginState plugin(JsonParser p, String id) throws IOException {
    expect(p.nextToken(), JsonToken.START_OBJECT, "plugins." + id);
    boolean enabled = false;
    String acknowledged = null;
    String pinned = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken t = p.nextToken();
      switch (field) {
        case "enabled" -> {
          if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE && t != JsonToken.VALUE_NULL) {
            throw new IOException("plugins." + id + ".enabled must be true or false, found " + t);
          }
          enabled = t == JsonToken.VALUE_TRUE;
        }
        case "acknowledged_permissions" -> acknowledged = text(p, t, id, field);
        case "pinned_version" -> pinned = text(p, t, id, field);
        default -> p.skipChildren();
      }
    }
    return new PluginState(enabled, acknowledged, pinned);
  }

  private static @Nullable String text(JsonParser p, JsonToken t, String id, String field) throws IOException {
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t != JsonToken.VALUE_STRING) {
      throw new IOException("plugins." + id + "." + field + " must be a string or null, found " + t);
    }
    return p.getText();
  }

  private static void expect(@Nullable JsonToken found, JsonToken wanted, String what) throws IOException {
    if (found != wanted) {
      throw new IOException(what + " must be a JSON object, found " + found);
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
