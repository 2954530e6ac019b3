package dev.plinth.installer.extract;

import dev.plinth.installer.InstallErrorCode;
import dev.plinth.installer.InstallException;
import dev.plinth.installer.Phase;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Writes one checked tree under a root: folders one component at a time (each a real folder, never
 * a link), files with {@code CREATE_NEW} and {@code NOFOLLOW_LINKS}, fixed modes, counted and
 * hashed. Tracks every path it has seen to refuse duplicates and collisions. Single-threaded.
 */
final class TreeWriter {
  private static final int BUFFER = 128 * 1024;

  private final Path root;
  private final ExtractionLimits limits;
  private final boolean posix;
  private final Map<String, String> seen = new HashMap<>();
  private final Set<String> dirKeys = new HashSet<>();
  private final Set<String> fileKeys = new HashSet<>();
  private final Set<String> explicitKeys = new HashSet<>();
  private final Map<String, String> digests = new TreeMap<>();
  private final byte[] buffer = new byte[BUFFER];
  private int entries;
  private long total;

  TreeWriter(Path root, ExtractionLimits limits) {
    this.root = root;
    this.limits = limits;
    this.posix = FileTrees.posix(root);
  }

  void countEntry(String rawName) {
    entries++;
    if (entries > limits.maxEntries()) {
      throw ExtractErrors.limit("maxEntries", limits.maxEntries(), entries, rawName);
    }
  }

  /** Records a path, refusing duplicates, collisions and files used as folders. */
  void claim(String rawName, String path, boolean directory) {
    String[] parts = path.split("/");
    StringBuilder prefix = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        prefix.append('/');
      }
      prefix.append(parts[i]);
      String p = prefix.toString();
      String key = EntryNames.collisionKey(p);
      String previous = seen.get(key);
      if (previous != null && !previous.equals(p)) {
        throw ExtractErrors.unsafe(rawName, UnsafeReason.COLLISION, "with " + previous);
      }
      boolean last = i == parts.length - 1;
      if (!last) {
        if (fileKeys.contains(key)) {
          throw ExtractErrors.unsafe(rawName, UnsafeReason.PARENT_NOT_DIRECTORY, p);
        }
        dirKeys.add(key);
      } else {
        if (explicitKeys.contains(key)
            || (directory && fileKeys.contains(key))
            || (!directory && dirKeys.contains(key))) {
          throw ExtractErrors.unsafe(rawName, UnsafeReason.DUPLICATE, null);
        }
        explicitKeys.add(key);
        (directory ? dirKeys : fileKeys).add(key);
      }
      seen.put(key, p);
    }
  }

  void directory(String rawName, String path) {
    if (path.isEmpty()) {
      return;
    }
    claim(rawName, path, true);
    ensureDirectory(rawName, path);
  }

  /**
   * Writes a file from {@code in}.
   *
   * @param compressedSoFar bytes of compressed input consumed so far, or null when the input is
   *     not compressed (no ratio check)
   */
  void file(String rawName, String path, InputStream in, boolean executable, @Nullable LongSupplier compressedSoFar)
      throws IOException {
    if (path.isEmpty()) {
      throw ExtractErrors.unsafe(rawName, UnsafeReason.EMPTY_SEGMENT, null);
    }
    claim(rawName, path, false);
    int slash = path.lastIndexOf('/');
    if (slash > 0) {
      ensureDirectory(rawName, path.substring(0, slash));
    }
    Path target = inside(rawName, path);
    MessageDigest sha256 = sha256();
    long entryBytes = 0;
    try (OutputStream out = Files.newOutputStream(target,
        StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
      int n;
      while ((n = in.read(buffer)) != -1) {
        entryBytes += n;
        total += n;
        if (entryBytes > limits.maxEntryBytes()) {
          throw ExtractErrors.limit("maxEntryBytes", limits.maxEntryBytes(), entryBytes, rawName);
        }
        if (total > limits.maxTotalBytes()) {
          throw ExtractErrors.limit("maxTotalBytes", limits.maxTotalBytes(), total, rawName);
        }
        if (compressedSoFar != null && total > limits.ratioFloorBytes()) {
          long compressed = Math.max(1, compressedSoFar.getAsLong());
          if ((double) total / compressed > limits.maxRatio()) {
            throw ExtractErrors.limit("maxRatio", (long) limits.maxRatio(), total / compressed, rawName);
          }
        }
        sha256.update(buffer, 0, n);
        out.write(buffer, 0, n);
      }
    } catch (FileAlreadyExistsException e) {
      throw ExtractErrors.unsafe(rawName, UnsafeReason.DUPLICATE, null);
    }
    if (posix) {
      Files.setPosixFilePermissions(target, executable ? FileTrees.EXEC_MODE : FileTrees.FILE_MODE);
    }
    digests.put(path, HexFormat.of().formatHex(sha256.digest()));
  }

  Map<String, String> digests() {
    return digests;
  }

  int entries() {
    return entries;
  }

  long totalBytes() {
    return total;
  }

  private void ensureDirectory(String rawName, String path) {
    Path current = root;
    for (String part : path.split("/")) {
      current = current.resolve(part);
      try {
        if (Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
          if (!Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
            throw ExtractErrors.unsafe(rawName, UnsafeReason.PARENT_NOT_DIRECTORY, root.relativize(current).toString());
          }
        } else {
          Files.createDirectory(current);
          if (posix) {
            Files.setPosixFilePermissions(current, FileTrees.DIR_MODE);
          }
        }
      } catch (IOException e) {
        throw new InstallException(InstallErrorCode.ARCHIVE_INVALID, Phase.EXTRACT,
            "archive folder must be creatable in staging: " + ExtractErrors.printable(path)
                + " (" + e + ")",
            "Check free space and permissions of the staging folder.", Map.of("entry", path), e);
      }
    }
    inside(rawName, path);
  }

  /** The target path, checked component-wise to lie strictly inside the root. */
  private Path inside(String rawName, String path) {
    Path target = root.resolve(path).normalize();
    if (!target.startsWith(root) || target.equals(root)) {
      throw ExtractErrors.unsafe(rawName, UnsafeReason.PATH_TRAVERSAL, null);
    }
    return target;
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
