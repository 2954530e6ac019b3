package dev.plinth.installer.extract;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import dev.plinth.installer.InstallErrorCode;
import dev.plinth.installer.InstallException;
import dev.plinth.installer.Phase;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.utils.InputStreamStatistics;
import org.apiguardian.api.API;

/**
 * Extracts untrusted archives, and copies local folders, into a fresh folder under the staging
 * root, enforcing DESIGN.md's extraction rules. On any refusal or error the destination is deleted
 * entirely, so nothing of a rejected archive remains.
 *
 * <p>Thread-safe: each call works on its own destination with its own state.
 *
 * <pre>{@code
 * ExtractionResult r = SafeExtractor.of(ExtractionLimits.DEFAULTS)
 *     .extract(archive, ArchiveFormat.TAR_GZ, stagingDir.resolve("bundle"));
 * }</pre>
 */
@API(status = STABLE, since = "0.1")
public final class SafeExtractor {
  private static final int ZIP_S_IFMT = 0170000;
  private static final int ZIP_S_IFREG = 0100000;
  private static final int ZIP_S_IFDIR = 0040000;
  private static final int ZIP_S_IFLNK = 0120000;
  private static final int ZIP_S_IFCHR = 0020000;
  private static final int ZIP_S_IFBLK = 0060000;
  private static final int ZIP_S_IFIFO = 0010000;
  private static final int LOCAL_HEADER_SIGNATURE = 0x04034b50;
  private static final int LOCAL_HEADER_SIZE = 30;
  private static final int LOCAL_NAME_LENGTH_AT = 26;

  private final ExtractionLimits limits;

  private SafeExtractor(ExtractionLimits limits) {
    this.limits = requireNonNull(limits, "limits");
  }

  public static SafeExtractor of(ExtractionLimits limits) {
    return new SafeExtractor(limits);
  }

  /**
   * Extracts {@code archive} into {@code destination}, which must not exist yet or be empty.
   *
   * @throws InstallException {@code ARCHIVE_ENTRY_UNSAFE}, {@code ARCHIVE_LIMIT_EXCEEDED},
   *     {@code ARCHIVE_INVALID} or {@code BUNDLE_LAYOUT_INVALID} (a jar without {@code plugin.toml}),
   *     phase {@code extract}; the destination is gone afterwards
   */
  public ExtractionResult extract(Path archive, ArchiveFormat format, Path destination) {
    Path root = prepare(destination);
    try {
      TreeWriter writer = new TreeWriter(root, limits);
      switch (format) {
        case TAR_GZ, TAR -> extractTar(archive, format == ArchiveFormat.TAR_GZ, writer);
        case ZIP -> extractZip(archive, writer);
        case JAR -> stageJar(archive, writer);
        default -> throw new IllegalStateException("unknown format " + format);
      }
      finalSweep(root);
      return new ExtractionResult(root, writer.digests(), writer.entries(), writer.totalBytes());
    } catch (IOException | UncheckedIOException e) {
      FileTrees.deleteRecursively(root);
      InstallErrorCode local = InstallErrorCode.ofIoFailure(e, InstallErrorCode.ARCHIVE_INVALID);
      if (local != InstallErrorCode.ARCHIVE_INVALID) {
        throw localFailure(local, root, e);
      }
      throw ExtractErrors.invalid(archive.getFileName().toString(), String.valueOf(e.getMessage()), e);
    } catch (RuntimeException | Error e) {
      FileTrees.deleteRecursively(root);
      throw e;
    }
  }

  /**
   * Copies a local bundle folder into {@code destination} under the same rules: no links or special
   * files, checked names, limits, fixed modes, digests.
   */
  public ExtractionResult copyFolder(Path source, Path destination) {
    Path root = prepare(destination);
    try {
      TreeWriter writer = new TreeWriter(root, limits);
      Files.walkFileTree(source, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          if (!dir.equals(source)) {
            String raw = relative(source, dir) + "/";
            writer.countEntry(raw);
            writer.directory(raw, EntryNames.check(raw, limits.maxNameLength()));
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          String raw = relative(source, file);
          writer.countEntry(raw);
          if (attrs.isSymbolicLink()) {
            throw ExtractErrors.unsafe(raw, UnsafeReason.SYMLINK, null);
          }
          if (!attrs.isRegularFile()) {
            throw ExtractErrors.unsafe(raw, UnsafeReason.UNSUPPORTED_TYPE, null);
          }
          String path = EntryNames.check(raw, limits.maxNameLength());
          try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            writer.file(raw, path, in, ownerExecutable(file), null);
          }
          return FileVisitResult.CONTINUE;
        }
      });
      finalSweep(root);
      return new ExtractionResult(root, writer.digests(), writer.entries(), writer.totalBytes());
    } catch (IOException | UncheckedIOException e) {
      FileTrees.deleteRecursively(root);
      if (InstallErrorCode.ofIoFailure(e, InstallErrorCode.SOURCE_NOT_FOUND) == InstallErrorCode.STORE_NO_SPACE) {
        throw localFailure(InstallErrorCode.STORE_NO_SPACE, root, e);
      }
      throw new InstallException(InstallErrorCode.SOURCE_NOT_FOUND, Phase.EXTRACT,
          "source folder must be readable: " + source + " (" + e.getMessage() + ")",
          "Check that the folder exists and is readable.", Map.of("source", source.toString()), e);
    } catch (RuntimeException | Error e) {
      FileTrees.deleteRecursively(root);
      throw e;
    }
  }

  private void extractTar(Path archive, boolean gzip, TreeWriter writer) throws IOException {
    try (InputStream file = new BufferedInputStream(Files.newInputStream(archive), 128 * 1024)) {
      GzipCompressorInputStream gz = gzip ? new GzipCompressorInputStream(file) : null;
      InputStream raw = gz != null ? gz : file;
      try (TarArchiveInputStream tar = new TarArchiveInputStream(raw, "UTF-8")) {
        TarArchiveEntry e;
        while ((e = tar.getNextEntry()) != null) {
          String name = e.getName();
          writer.countEntry(name);
          // Classify before isFile(): it is true for links, devices and fifos.
          if (e.isSymbolicLink()) {
            throw ExtractErrors.unsafe(name, UnsafeReason.SYMLINK, "-> " + e.getLinkName());
          }
          if (e.isLink()) {
            throw ExtractErrors.unsafe(name, UnsafeReason.HARDLINK, "-> " + e.getLinkName());
          }
          if (e.isCharacterDevice() || e.isBlockDevice()) {
            throw ExtractErrors.unsafe(name, UnsafeReason.DEVICE, null);
          }
          if (e.isFIFO()) {
            throw ExtractErrors.unsafe(name, UnsafeReason.FIFO, null);
          }
          if (e.isSparse()) {
            throw ExtractErrors.unsafe(name, UnsafeReason.SPARSE, null);
          }
          String path = EntryNames.check(name, limits.maxNameLength());
          if (e.isDirectory()) {
            writer.directory(name, path);
          } else if (e.isFile()) {
            writer.file(name, path, tar, (e.getMode() & 0100) != 0, gz == null ? null : gz::getCompressedCount);
          } else {
            throw ExtractErrors.unsafe(name, UnsafeReason.UNSUPPORTED_TYPE, "type flag " + (char) e.getLinkFlag());
          }
        }
      }
    }
  }

  private void extractZip(Path archive, TreeWriter writer) throws IOException {
    try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
      checkStructure(zip, archive);
      long[] finishedCompressed = {0};
      Enumeration<ZipArchiveEntry> all = zip.getEntriesInPhysicalOrder();
      while (all.hasMoreElements()) {
        ZipArchiveEntry e = all.nextElement();
        String name = e.getName();
        writer.countEntry(name);
        int type = e.getUnixMode() & ZIP_S_IFMT;
        if (e.isUnixSymlink() || type == ZIP_S_IFLNK) {
          throw ExtractErrors.unsafe(name, UnsafeReason.SYMLINK, "-> " + zip.getUnixSymlink(e));
        }
        if (type == ZIP_S_IFCHR || type == ZIP_S_IFBLK) {
          throw ExtractErrors.unsafe(name, UnsafeReason.DEVICE, null);
        }
        if (type == ZIP_S_IFIFO) {
          throw ExtractErrors.unsafe(name, UnsafeReason.FIFO, null);
        }
        if (type != 0 && type != ZIP_S_IFREG && type != ZIP_S_IFDIR) {
          throw ExtractErrors.unsafe(name, UnsafeReason.UNSUPPORTED_TYPE, "unix mode " + Integer.toOctalString(e.getUnixMode()));
        }
        Iterator<ZipArchiveEntry> same = zip.getEntries(name).iterator();
        same.next();
        if (same.hasNext()) {
          throw ExtractErrors.unsafe(name, UnsafeReason.DUPLICATE, null);
        }
        String path = EntryNames.check(name, limits.maxNameLength());
        if (e.isDirectory()) {
          writer.directory(name, path);
          continue;
        }
        if (!zip.canReadEntryData(e)) {
          throw ExtractErrors.invalid(archive.getFileName().toString(),
              "entry " + ExtractErrors.printable(name) + " uses an unsupported compression method or encryption", null);
        }
        try (InputStream in = zip.getInputStream(e)) {
          InputStreamStatistics stats = in instanceof InputStreamStatistics s ? s : null;
          long before = finishedCompressed[0];
          writer.file(name, path, in, (e.getUnixMode() & 0100) != 0,
              stats == null ? null : () -> before + stats.getCompressedCount());
          finishedCompressed[0] += stats == null ? e.getCompressedSize() : stats.getCompressedCount();
        }
      }
    }
  }

  /**
   * Refuses zips whose entries share bytes (the overlapping-entry bomb) and entries whose local
   * header names another path than the central directory: names are checked from the central
   * directory, so a tool that extracts by local headers (a streaming reader, an older unzip) would
   * write a path nobody checked.
   */
  private static void checkStructure(ZipFile zip, Path archive) throws IOException {
    List<long[]> ranges = new ArrayList<>();
    ByteBuffer header = ByteBuffer.allocate(LOCAL_HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
    try (FileChannel channel = FileChannel.open(archive, StandardOpenOption.READ)) {
      Enumeration<ZipArchiveEntry> all = zip.getEntriesInPhysicalOrder();
      while (all.hasMoreElements()) {
        ZipArchiveEntry e = all.nextElement();
        long start = e.getLocalHeaderOffset();
        long end = Math.max(start + 1, e.getDataOffset() + Math.max(0, e.getCompressedSize()));
        ranges.add(new long[] {start, end});
        checkLocalName(channel, header, e, archive);
      }
    }
    ranges.sort((a, b) -> Long.compare(a[0], b[0]));
    for (int i = 1; i < ranges.size(); i++) {
      if (ranges.get(i)[0] < ranges.get(i - 1)[1]) {
        throw ExtractErrors.invalid(archive.getFileName().toString(), "zip entries overlap", null);
      }
    }
  }

  private static void checkLocalName(FileChannel channel, ByteBuffer header, ZipArchiveEntry e, Path archive)
      throws IOException {
    header.clear();
    long offset = e.getLocalHeaderOffset();
    readFully(channel, header, offset, archive);
    if (header.getInt(0) != LOCAL_HEADER_SIGNATURE) {
      throw ExtractErrors.invalid(archive.getFileName().toString(),
          "no local header at offset " + offset + " for entry " + ExtractErrors.printable(e.getName()), null);
    }
    byte[] central = e.getRawName();
    int length = Short.toUnsignedInt(header.getShort(LOCAL_NAME_LENGTH_AT));
    ByteBuffer local = ByteBuffer.allocate(length);
    readFully(channel, local, offset + LOCAL_HEADER_SIZE, archive);
    if (!Arrays.equals(central, local.array())) {
      String localName = new String(local.array(), e.getGeneralPurposeBit().usesUTF8ForNames()
          ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
      throw ExtractErrors.unsafe(e.getName(), UnsafeReason.NAME_MISMATCH, "local header: " + localName);
    }
  }

  private static void readFully(FileChannel channel, ByteBuffer buffer, long position, Path archive)
      throws IOException {
    long at = position;
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, at);
      if (n < 0) {
        throw ExtractErrors.invalid(archive.getFileName().toString(), "zip local header cut short at offset " + at,
            null);
      }
      at += n;
    }
  }

  /** A jar is staged as {@code plugin.toml} (read from its root) beside {@code lib/<jar>}. */
  private void stageJar(Path jar, TreeWriter writer) throws IOException {
    String jarName = jar.getFileName().toString();
    String libPath = EntryNames.check("lib/" + jarName, limits.maxNameLength());
    try (ZipFile zip = ZipFile.builder().setPath(jar).get()) {
      Iterator<ZipArchiveEntry> manifests = zip.getEntries("plugin.toml").iterator();
      if (!manifests.hasNext()) {
        throw new InstallException(InstallErrorCode.BUNDLE_LAYOUT_INVALID, Phase.EXTRACT,
            "jar must hold plugin.toml at its root: " + jarName,
            "Add plugin.toml to the root of the jar (next to META-INF/).", Map.of("archive", jarName), null);
      }
      ZipArchiveEntry manifest = manifests.next();
      if (manifests.hasNext()) {
        throw ExtractErrors.unsafe("plugin.toml", UnsafeReason.DUPLICATE, null);
      }
      writer.countEntry("plugin.toml");
      try (InputStream in = zip.getInputStream(manifest)) {
        InputStreamStatistics stats = in instanceof InputStreamStatistics s ? s : null;
        writer.file("plugin.toml", "plugin.toml", in, false, stats == null ? null : stats::getCompressedCount);
      }
    }
    writer.countEntry(libPath);
    try (InputStream in = Files.newInputStream(jar)) {
      writer.file(libPath, libPath, in, false, null);
    }
  }

  /** Belt and braces: nothing under the root may be a link or resolve outside it. */
  private static void finalSweep(Path root) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        if (Files.isSymbolicLink(p) || !p.toRealPath(LinkOption.NOFOLLOW_LINKS).startsWith(root)) {
          throw ExtractErrors.unsafe(root.relativize(p).toString(), UnsafeReason.SYMLINK, "found after extraction");
        }
      }
    }
  }

  private static Path prepare(Path destination) {
    try {
      Files.createDirectories(destination);
      try (Stream<Path> children = Files.list(destination)) {
        if (children.findAny().isPresent()) {
          throw new IllegalArgumentException("destination must be empty: " + destination);
        }
      }
      return destination.toRealPath();
    } catch (IOException e) {
      throw new InstallException(InstallErrorCode.ARCHIVE_INVALID, Phase.EXTRACT,
          "extraction folder must be creatable: " + destination + " (" + e.getMessage() + ")",
          "Check free space and permissions of the staging folder.", Map.of("destination", destination.toString()), e);
    }
  }

  private static String relative(Path base, Path p) {
    StringBuilder b = new StringBuilder();
    for (Path part : base.relativize(p)) {
      if (b.length() > 0) {
        b.append('/');
      }
      b.append(part);
    }
    return b.toString();
  }

  private static boolean ownerExecutable(Path file) throws IOException {
    if (!FileTrees.posix(file)) {
      return false;
    }
    return Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS).contains(PosixFilePermission.OWNER_EXECUTE);
  }

  /** The staging side of the disk failed (full, read-only, denied): not the archive's fault. */
  private static InstallException localFailure(InstallErrorCode code, Path root, Exception e) {
    String where = String.valueOf(root.toAbsolutePath().getParent());
    return new InstallException(code, Phase.EXTRACT,
        "extraction target must be writable: " + root + " (" + e.getMessage() + ")",
        code.ioNextStep(where, ""), java.util.Map.of("target", root.toString()), e);
  }
}
