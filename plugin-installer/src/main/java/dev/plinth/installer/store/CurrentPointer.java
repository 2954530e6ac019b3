package dev.plinth.installer.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotLinkException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads and switches {@code plugins/<id>/current}. A switch creates the new link (or pointer file)
 * under a temp name and renames it over the old one, which POSIX makes atomic. Reads accept either
 * form, so a home written with one style stays readable with the other. Thread-safe (stateless
 * apart from the resolved style); callers serialise writes through the store lock.
 */
final class CurrentPointer {
  static final String LINK = "current";
  static final String FILE = "current.txt";
  private static final String PREFIX = "versions/";

  private final PointerStyle style;

  CurrentPointer(PointerStyle requested, Path probeDir) {
    this.style = requested == PointerStyle.AUTO ? probe(probeDir) : requested;
  }

  PointerStyle style() {
    return style;
  }

  /** The version {@code current} names, if any (the version folder may be missing: see integrity). */
  static Optional<String> read(Path pluginDir) {
    Path link = pluginDir.resolve(LINK);
    try {
      // Read the link straight away (one readlink; boot reads every plugin's pointer): a link that
      // is missing, or a file that is not a link, falls through to the pointer file.
      return Optional.of(strip(Files.readSymbolicLink(link).toString().replace('\\', '/')));
    } catch (NoSuchFileException | NotLinkException e) {
      // not the link form
    } catch (UnsupportedOperationException e) {
      // no links on this file system
    } catch (IOException e) {
      if (!Files.isDirectory(pluginDir, LinkOption.NOFOLLOW_LINKS)) {
        return Optional.empty(); // not a plugin folder (a stray file): no pointer
      }
      throw new UncheckedIOException("cannot read current pointer in " + pluginDir, e);
    }
    Path file = pluginDir.resolve(FILE);
    try {
      if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        return Optional.of(strip(Files.readString(file, StandardCharsets.UTF_8).trim()));
      }
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read current pointer in " + pluginDir, e);
    }
  }

  /** Points {@code current} at {@code versions/<version>} in one atomic step. */
  void point(Path pluginDir, String version) {
    String target = PREFIX + StoreLayout.checkVersion(version);
    try {
      Files.createDirectories(pluginDir);
      if (style == PointerStyle.SYMLINK) {
        Path link = pluginDir.resolve(LINK);
        Path temp = AtomicFiles.tempBeside(link);
        Files.createSymbolicLink(temp, Path.of(target));
        AtomicFiles.moveAtomically(temp, link);
        AtomicFiles.fsyncDir(pluginDir);
        AtomicFiles.deleteQuietly(pluginDir.resolve(FILE));
      } else {
        AtomicFiles.write(pluginDir.resolve(FILE), (target + "\n").getBytes(StandardCharsets.UTF_8));
        if (Files.isSymbolicLink(pluginDir.resolve(LINK))) {
          Files.delete(pluginDir.resolve(LINK));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot switch current pointer in " + pluginDir + " to " + version, e);
    }
  }

  /** Removes the pointer in either form. */
  static void clear(Path pluginDir) {
    AtomicFiles.deleteQuietly(pluginDir.resolve(LINK));
    AtomicFiles.deleteQuietly(pluginDir.resolve(FILE));
    if (Files.isDirectory(pluginDir)) {
      AtomicFiles.fsyncDir(pluginDir);
    }
  }

  private static String strip(String target) {
    String t = target.endsWith("/") ? target.substring(0, target.length() - 1) : target;
    return t.startsWith(PREFIX) ? t.substring(PREFIX.length()) : t;
  }

  private static PointerStyle probe(Path dir) {
    Path probe = dir.resolve(".symlink-probe" + AtomicFiles.TEMP_MARKER + AtomicFiles.randomHex());
    try {
      Files.createDirectories(dir);
      Files.createSymbolicLink(probe, Path.of("versions"));
      return PointerStyle.SYMLINK;
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return PointerStyle.POINTER_FILE;
    } finally {
      AtomicFiles.deleteQuietly(probe);
    }
  }
}
