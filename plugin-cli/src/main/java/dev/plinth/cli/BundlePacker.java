package dev.plinth.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * Writes a plugin folder as a deterministic {@code .tar.gz} (sorted entries, fixed times, modes
 * 0644/0755, no links), so the same folder always packs to the same digest.
 */
final class BundlePacker {
  private BundlePacker() {}

  /** Writes the archive and returns its sha256 as hex. Symbolic links are refused. */
  static String writeTarGz(Path dir, Path archive) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(p -> !p.equals(dir)).sorted().toList();
    }
    MessageDigest sha = sha256();
    try (OutputStream file = Files.newOutputStream(archive);
        DigestOutputStream digest = new DigestOutputStream(file, sha);
        GzipCompressorOutputStream gz = new GzipCompressorOutputStream(digest);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      for (Path p : files) {
        if (Files.isSymbolicLink(p)) {
          throw new IOException("symbolic links cannot be packed: " + dir.relativize(p));
        }
        String name = dir.relativize(p).toString().replace('\\', '/');
        boolean isDir = Files.isDirectory(p);
        TarArchiveEntry entry = new TarArchiveEntry(isDir ? name + "/" : name);
        entry.setModTime(0L);
        entry.setUserId(0);
        entry.setGroupId(0);
        entry.setUserName("");
        entry.setGroupName("");
        entry.setMode(isDir ? 040755 : (Files.isExecutable(p) ? 0100755 : 0100644));
        if (!isDir) {
          entry.setSize(Files.size(p));
        }
        tar.putArchiveEntry(entry);
        if (!isDir) {
          Files.copy(p, tar);
        }
        tar.closeArchiveEntry();
      }
      tar.finish();
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
