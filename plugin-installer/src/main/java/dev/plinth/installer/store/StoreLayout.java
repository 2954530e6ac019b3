package dev.plinth.installer.store;

import dev.plinth.installer.InstallErrorCode;
import dev.plinth.installer.InstallException;
import dev.plinth.installer.Phase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where everything lives under the plugin home (DESIGN.md section 3, "Store layout"). Only this
 * class builds store paths, and it refuses ids and versions that could escape their folder.
 * Immutable and thread-safe.
 */
record StoreLayout(Path home) {
  static final String INSTALL_RECORD = ".install.json";
  private static final Pattern ID = Pattern.compile("^[a-z][a-z0-9_]{1,47}$");
  private static final Pattern VERSION = Pattern.compile("^[0-9A-Za-z][0-9A-Za-z.+\\-]{0,127}$");

  StoreLayout {
    home = home.toAbsolutePath().normalize();
  }

  Path plugins() {
    return home.resolve("plugins");
  }

  Path data() {
    return home.resolve("data");
  }

  Path staging() {
    return home.resolve("staging");
  }

  Path journal() {
    return home.resolve("journal");
  }

  Path stateFile() {
    return home.resolve("state.json");
  }

  Path lockFile() {
    return home.resolve("plinth.lock");
  }

  /** The install-time index boot reads instead of every {@code plugin.toml}. */
  Path indexFile() {
    return home.resolve("index.json");
  }

  Path eventsFile() {
    return home.resolve("events.jsonl");
  }

  Path storeLock() {
    return home.resolve(".store.lock");
  }

  Path pluginDir(String id) {
    return plugins().resolve(checkId(id));
  }

  Path versionsDir(String id) {
    return pluginDir(id).resolve("versions");
  }

  Path versionDir(String id, String version) {
    return versionsDir(id).resolve(checkVersion(version));
  }

  Path dataDir(String id) {
    return data().resolve(checkId(id));
  }

  Path stagingDir(String txId) {
    return staging().resolve(txId);
  }

  Path journalFile(String txId) {
    return journal().resolve(txId + ".json");
  }

  /** Creates the top-level folders; idempotent. */
  void createFolders() {
    try {
      for (Path p : List.of(plugins(), data(), staging(), journal())) {
        Files.createDirectories(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create store folders under " + home, e);
    }
  }

  /** Ids of every plugin folder, sorted. */
  List<String> pluginIds() {
    return listNames(plugins(), true).stream().filter(StoreLayout::isId).toList();
  }

  /** Version folder names of a plugin, sorted by name (not by semver). */
  List<String> versions(String id) {
    return listNames(versionsDir(id), true).stream().filter(StoreLayout::isVersionName).toList();
  }

  /** Whether {@code name} is a valid plugin id (as a name under {@code plugins/}). */
  static boolean isId(String name) {
    // ID, as a loop: every store path goes through here, a few times per plugin at boot.
    int n = name.length();
    if (n < 2 || n > 48 || !lower(name.charAt(0))) {
      return false;
    }
    for (int i = 1; i < n; i++) {
      char c = name.charAt(i);
      if (!lower(c) && !digit(c) && c != '_') {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code name} is a valid version folder name ({@link #VERSION}, as a loop). */
  static boolean isVersionName(String name) {
    int n = name.length();
    if (n < 1 || n > 128 || !alnum(name.charAt(0))) {
      return false;
    }
    for (int i = 1; i < n; i++) {
      char c = name.charAt(i);
      if (!alnum(c) && c != '.' && c != '+' && c != '-') {
        return false;
      }
    }
    return true;
  }

  private static boolean lower(char c) {
    return c >= 'a' && c <= 'z';
  }

  private static boolean digit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean alnum(char c) {
    return lower(c) || digit(c) || c >= 'A' && c <= 'Z';
  }

  static List<String> listNames(Path dir, boolean foldersOnly) {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      List<String> out = new ArrayList<>();
      s.filter(p -> !foldersOnly || Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
          .forEach(p -> out.add(p.getFileName().toString()));
      out.sort(null);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  static String checkId(String id) {
    if (!isId(id)) {
      throw new InstallException(InstallErrorCode.STORE_PATH_UNSAFE, Phase.PREPARE,
          "plugin.id must match " + ID.pattern() + ": " + id,
          "Use a plugin id of lower-case letters, digits and underscores.");
    }
    return id;
  }

  static String checkVersion(String version) {
    if (!isVersionName(version)) {
      throw new InstallException(InstallErrorCode.STORE_PATH_UNSAFE, Phase.PREPARE,
          "plugin.version must be a plain semantic version: " + version,
          "Use a semantic version such as 1.4.2 without slashes or spaces.");
    }
    return version;
  }
}
