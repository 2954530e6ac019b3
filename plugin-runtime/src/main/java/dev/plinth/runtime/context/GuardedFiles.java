package dev.plinth.runtime.context;

import dev.plinth.api.PluginFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * The plugin's data folder. A path is refused when it is absolute, when it leaves the folder after
 * normalisation, or when its deepest existing part resolves (through symbolic links) outside the
 * folder's real path.
 */
final class GuardedFiles implements PluginFiles {
  private final Path root;
  /** The folder's real path, resolved on the first {@link #resolve} (a boot starts many plugins that never ask). */
  private volatile @Nullable Path realRoot;
  private final Denials denials;

  GuardedFiles(Path root, Denials denials) throws IOException {
    if (!Files.isDirectory(root)) {
      // Checked first: on every boot after the first the folder exists, and createDirectories
      // would learn that from a failed mkdir and an exception.
      Files.createDirectories(root);
    }
    this.root = root.toAbsolutePath().normalize();
    this.denials = denials;
  }

  @Override
  public Path root() {
    return root;
  }

  @Override
  public Path resolve(String relativePath) {
    if (relativePath.indexOf('\0') >= 0 || relativePath.startsWith("/") || relativePath.startsWith("\\")) {
      throw denials.deny("filesystem", relativePath);
    }
    Path rel;
    try {
      rel = Path.of(relativePath);
    } catch (InvalidPathException e) {
      throw denials.deny("filesystem", relativePath);
    }
    Path candidate = root.resolve(rel).normalize();
    if (rel.isAbsolute() || rel.getRoot() != null || !candidate.startsWith(root)) {
      throw denials.deny("filesystem", relativePath);
    }
    Path existing = deepestExisting(candidate);
    try {
      if (existing == null || !existing.toRealPath().startsWith(realRoot())) {
        throw denials.deny("filesystem", relativePath);
      }
    } catch (IOException e) {
      // A dangling symbolic link: where it points cannot be checked, so it is refused.
      throw denials.deny("filesystem", relativePath);
    }
    return candidate;
  }

  private Path realRoot() throws IOException {
    Path r = realRoot;
    if (r == null) {
      r = root.toRealPath();
      realRoot = r;
    }
    return r;
  }

  private static @Nullable Path deepestExisting(Path p) {
    Path cur = p;
    while (cur != null && !Files.exists(cur, LinkOption.NOFOLLOW_LINKS)) {
      cur = cur.getParent();
    }
    return cur;
  }
}
