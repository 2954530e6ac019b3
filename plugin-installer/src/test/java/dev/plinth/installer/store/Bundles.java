package dev.plinth.installer.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Writes real bundle folders for tests: plugin.toml, a class-like payload and a lib file. */
final class Bundles {
  private Bundles() {}

  static Path write(Path dir, String id, String version) {
    return write(dir, id, version, Map.of(), "payload of " + id + " " + version);
  }

  static Path write(Path dir, String id, String version, Map<String, String> deps, String payload) {
    Path root = dir.resolve(id + "-" + version);
    StringBuilder toml = new StringBuilder()
        .append("[plugin]\nid = \"").append(id).append("\"\nversion = \"").append(version).append("\"\n");
    if (!deps.isEmpty()) {
      toml.append("\n[plugin.dependencies]\n");
      deps.forEach((k, v) -> toml.append(k).append(" = \"").append(v).append("\"\n"));
    }
    toml.append("\n[plugin.permissions]\nnetwork = [\"api.").append(id).append(".example\"]\n");
    try {
      Files.createDirectories(root.resolve("classes/com/example"));
      Files.createDirectories(root.resolve("lib"));
      Files.writeString(root.resolve("plugin.toml"), toml);
      Files.writeString(root.resolve("classes/com/example/Main.class"), payload);
      Files.write(root.resolve("lib/dep.jar"), new byte[] {'P', 'K', 3, 4, (byte) version.hashCode()});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return root;
  }
}
