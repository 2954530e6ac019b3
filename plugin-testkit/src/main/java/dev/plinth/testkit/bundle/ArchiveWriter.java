package dev.plinth.testkit.bundle;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;
import org.jspecify.annotations.Nullable;

/**
 * Writes an {@link EntryTree} as a deterministic archive: sorted entries, one fixed timestamp,
 * owner 0:0 with no names, modes 0644 (files), 0755 (folders and executables). The same tree
 * gives the same bytes on every machine and in every time zone. Stateless.
 */
final class ArchiveWriter {
  /** 2020-01-01T00:00:00Z, the modification time of every tar entry. */
  static final long FIXED_EPOCH_MILLIS = 1_577_836_800_000L;
  static final int FILE_MODE = 0100644;
  static final int EXEC_MODE = 0100755;
  static final int DIR_MODE = 040755;
  private static final byte[] JAR_MANIFEST =
      "Manifest-Version: 1.0\r\nCreated-By: plinth-testkit\r\n\r\n".getBytes(StandardCharsets.UTF_8);

  private ArchiveWriter() {}

  static void write(EntryTree tree, BundleFormat format, Path out) throws IOException {
    switch (format) {
      case TAR_GZ -> writeTarGz(tree, out);
      case ZIP -> writeZip(tree, out, false);
      case JAR -> writeZip(tree, out, true);
    }
  }

  static void writeTarGz(EntryTree tree, Path out) throws IOException {
    try (TarArchiveOutputStream tar = openTarGz(out)) {
      for (String name : tree.allNames()) {
        EntryTree.Entry e = tree.files().get(name);
        if (e == null) {
          tar.putArchiveEntry(tarEntry(name, TarArchiveEntry.LF_DIR, DIR_MODE));
        } else {
          TarArchiveEntry entry =
              tarEntry(name, TarArchiveEntry.LF_NORMAL, e.executable() ? EXEC_MODE : FILE_MODE);
          entry.setSize(e.data().length);
          tar.putArchiveEntry(entry);
          tar.write(e.data());
        }
        tar.closeArchiveEntry();
      }
      tar.finish();
    }
  }

  /** A tar.gz stream with fixed gzip header fields and POSIX long names and numbers. */
  static TarArchiveOutputStream openTarGz(Path out) throws IOException {
    GzipParameters gzip = new GzipParameters();
    gzip.setModificationTime(0);
    gzip.setOperatingSystem(255);
    OutputStream file = new BufferedOutputStream(Files.newOutputStream(out));
    TarArchiveOutputStream tar =
        new TarArchiveOutputStream(new GzipCompressorOutputStream(file, gzip), "UTF-8");
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    return tar;
  }

  /** A tar entry kept exactly as named (absolute paths too), owned by 0:0, at the fixed time. */
  static TarArchiveEntry tarEntry(String name, byte linkFlag, int mode) {
    TarArchiveEntry entry = new TarArchiveEntry(name, linkFlag, true);
    entry.setMode(mode);
    entry.setModTime(FIXED_EPOCH_MILLIS);
    entry.setUserId(0);
    entry.setGroupId(0);
    entry.setUserName("");
    entry.setGroupName("");
    return entry;
  }

  static void writeZip(EntryTree tree, Path out, boolean jar) throws IOException {
    try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out)) {
      if (jar && !tree.contains("META-INF/MANIFEST.MF")) {
        putZip(zip, "META-INF/", null, DIR_MODE);
        putZip(zip, "META-INF/MANIFEST.MF", JAR_MANIFEST, FILE_MODE);
      }
      for (String name : tree.allNames()) {
        if (jar && name.equals("META-INF/") && !tree.contains("META-INF/MANIFEST.MF")) {
          continue;
        }
        EntryTree.Entry e = tree.files().get(name);
        if (e == null) {
          putZip(zip, name, null, DIR_MODE);
        } else {
          putZip(zip, name, e.data(), e.executable() ? EXEC_MODE : FILE_MODE);
        }
      }
      zip.finish();
    }
  }

  static void putZip(ZipArchiveOutputStream zip, String name, byte @Nullable [] data, int mode)
      throws IOException {
    ZipArchiveEntry entry = zipEntry(name, mode);
    zip.putArchiveEntry(entry);
    if (data != null) {
      zip.write(data);
    }
    zip.closeArchiveEntry();
  }

  /**
   * A zip entry at the fixed time. Zip stores local (DOS) time, so the instant is computed in the
   * default zone to give the same stored fields everywhere.
   */
  static ZipArchiveEntry zipEntry(String name, int mode) {
    ZipArchiveEntry entry = new RawNameZipEntry(name);
    entry.setTime(LocalDateTime.of(2020, 1, 1, 0, 0).atZone(ZoneId.systemDefault())
        .toInstant().toEpochMilli());
    entry.setUnixMode(mode);
    entry.setMethod(ZipArchiveEntry.DEFLATED);
    return entry;
  }

  /**
   * A zip entry whose name is kept byte for byte: the public constructor turns backslashes into
   * slashes for names without a slash, which would defuse the backslash attack.
   */
  private static final class RawNameZipEntry extends ZipArchiveEntry {
    RawNameZipEntry(String name) {
      setPlatform(PLATFORM_UNIX);
      setName(name);
    }
  }

  /** Writes the tree as a plain folder, with POSIX modes where the file system has them. */
  static void writeFolder(EntryTree tree, Path root) throws IOException {
    Files.createDirectories(root);
    for (var f : tree.files().entrySet()) {
      Path target = root.resolve(f.getKey());
      Files.createDirectories(target.getParent());
      Files.write(target, f.getValue().data());
      if (f.getValue().executable() && Files.getFileStore(target).supportsFileAttributeView("posix")) {
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
    }
  }
}
