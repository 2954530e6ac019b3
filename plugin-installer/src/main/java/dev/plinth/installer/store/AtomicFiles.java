package dev.plinth.installer.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Crash-safe file primitives. A metadata write goes to a temp file beside the target, is fsynced,
 * renamed over the target with {@code ATOMIC_MOVE}, and the folder is fsynced, so a reader (or a
 * process killed at any instant) sees either the old bytes or the new ones. Temp names contain
 * {@link #TEMP_MARKER} so recovery can remove leftovers. Stateless and thread-safe.
 */
final class AtomicFiles {
  /** Every temp file or link this class creates has this in its name. */
  static final String TEMP_MARKER = ".plinth-tmp-";

  private AtomicFiles() {}

  /** Writes {@code bytes} to {@code target} atomically and durably. */
  static void write(Path target, byte[] bytes) {
    Path dir = target.toAbsolutePath().getParent();
    Path temp = tempBeside(target);
    try {
      Files.createDirectories(dir);
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      moveAtomically(temp, target);
      fsyncDir(dir);
    } catch (IOException e) {
      deleteQuietly(temp);
      throw new UncheckedIOException("write failed: " + target, e);
    }
  }

  /** A fresh temp path in the same folder as {@code target}. */
  static Path tempBeside(Path target) {
    return target.resolveSibling("." + target.getFileName() + TEMP_MARKER + randomHex());
  }

  /**
   * Eight random hex digits for a temp or trash name. The names must not collide, not be secret
   * (files are created with {@code CREATE_NEW}), so no {@code SecureRandom}: seeding one costs a cold
   * host tens of milliseconds at start-up, where the first state or {@code host.toml} write happens.
   */
  static String randomHex() {
    return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
  }

  /** Renames {@code source} to {@code target} in one step, replacing a file or link at the target. */
  static void moveAtomically(Path source, Path target) throws IOException {
    try {
      Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("atomic rename unsupported: " + source + " -> " + target
          + " (the plugin home must be on one local file system)", e);
    }
  }

  /** Forces a folder's entries to disk, so a rename inside it survives a power loss. */
  static void fsyncDir(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Some platforms (Windows) cannot open a folder as a channel; the rename is still atomic.
    }
  }

  /** Forces every regular file under {@code root} to disk (a staged bundle before it is committed). */
  static void fsyncTree(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            ch.force(true);
          }
        } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          fsyncDir(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("fsync failed under " + root, e);
    }
  }

  /** Deletes a file, link or folder tree; missing paths are fine. Never follows links. */
  static void deleteTree(Path root) {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
        Files.deleteIfExists(root);
        return;
      }
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.deleteIfExists(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
          if (exc instanceof NoSuchFileException) {
            return FileVisitResult.CONTINUE;
          }
          throw exc;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
          Files.deleteIfExists(dir);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("delete failed: " + root, e);
    }
  }

  /**
   * Removes a folder so that no reader ever sees it half-deleted: it is first renamed into
   * {@code trashDir} (atomic), then deleted. A crash in between leaves only trash, which recovery
   * removes.
   */
  static void removeViaTrash(Path dir, Path trashDir) {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Path trash = trashDir.resolve("trash-" + randomHex() + randomHex());
    try {
      Files.createDirectories(trashDir);
      moveAtomically(dir, trash);
      fsyncDir(dir.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("move to trash failed: " + dir, e);
    }
    deleteTree(trash);
  }

  static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // best effort: recovery removes temp leftovers
    }
  }
}
