package dev.plinth.testkit.bundle;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.plinth.testkit.TestkitErrorCode;
import dev.plinth.testkit.TestkitException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apiguardian.api.API;

/**
 * Writes archives that attack an extractor (see {@link ArchiveAttack}), for testing that safe
 * extraction rejects each one and writes nothing outside its root. Every archive starts with a
 * valid {@code plugin.toml} for {@link ArchiveAttack#pluginId()} at version {@code 1.0.0} and is
 * named as a release asset ({@code <id>-1.0.0-noarch.tar.gz}), so it can also be served by the
 * release server. Stateless and thread-safe.
 *
 * <pre>{@code
 * BuiltBundle evil = HostileArchives.write(tempDir, ArchiveAttack.DOT_DOT_TRAVERSAL, BundleFormat.TAR_GZ);
 * assertThatThrownBy(() -> extractor.extract(evil.path(), staging))...;
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class HostileArchives {
  /** The version every hostile archive's manifest declares. */
  public static final String VERSION = "1.0.0";
  /** The file the traversal attacks try to create outside the root. */
  public static final String ESCAPE_FILE = "/tmp/plinth-escape.txt";

  private static final long DEFAULT_BOMB_BYTES = 16L * 1024 * 1024;
  private static final int DEFAULT_BOMB_ENTRIES = 20_000;

  private HostileArchives() {}

  /**
   * Writes the archive for one attack into {@code dir}.
   *
   * @throws TestkitException {@code BUILDER_SETTING_INVALID} when the format cannot carry the
   *     attack ({@link ArchiveAttack#supports}), {@code BUNDLE_WRITE_FAILED} on I/O errors
   */
  public static BuiltBundle write(Path dir, ArchiveAttack attack, BundleFormat format) {
    return write(dir, attack, format, DEFAULT_BOMB_BYTES, DEFAULT_BOMB_ENTRIES);
  }

  /** A {@link ArchiveAttack#RATIO_BOMB} with one entry of {@code uncompressedBytes} zeros. */
  public static BuiltBundle ratioBomb(Path dir, BundleFormat format, long uncompressedBytes) {
    return write(dir, ArchiveAttack.RATIO_BOMB, format, uncompressedBytes, DEFAULT_BOMB_ENTRIES);
  }

  /** An {@link ArchiveAttack#ENTRY_COUNT_BOMB} with {@code entries} empty files. */
  public static BuiltBundle entryCountBomb(Path dir, BundleFormat format, int entries) {
    return write(dir, ArchiveAttack.ENTRY_COUNT_BOMB, format, DEFAULT_BOMB_BYTES, entries);
  }

  private static BuiltBundle write(Path dir, ArchiveAttack attack, BundleFormat format,
      long bombBytes, int bombEntries) {
    if (!attack.supports(format)) {
      throw new TestkitException(TestkitErrorCode.BUILDER_SETTING_INVALID,
          "format cannot carry attack " + attack + ": " + format,
          "Write this attack as " + (attack.supports(BundleFormat.TAR_GZ) ? "TAR_GZ" : "ZIP") + ".");
    }
    String id = attack.pluginId();
    String manifest = "[plugin]\nid = \"" + id + "\"\nversion = \"" + VERSION + "\"\n";
    Path file = dir.resolve(id + "-" + VERSION + "-noarch" + format.extension());
    try {
      Files.createDirectories(dir);
      Files.deleteIfExists(file);
      try (Sink sink = format == BundleFormat.TAR_GZ ? new TarSink(file) : new ZipSink(file)) {
        sink.file("plugin.toml", manifest.getBytes(StandardCharsets.UTF_8), ArchiveWriter.FILE_MODE);
        writeAttack(sink, attack, bombBytes, bombEntries);
      }
    } catch (IOException e) {
      throw BundleOutput.writeFailed(file, e);
    }
    return BundleOutput.describe(file, format,
        new BundleOutput.Identity(id, VERSION, "noarch", manifest), null);
  }

  private static void writeAttack(Sink sink, ArchiveAttack attack, long bombBytes, int bombEntries)
      throws IOException {
    byte[] pwned = "pwned\n".getBytes(StandardCharsets.US_ASCII);
    int file = ArchiveWriter.FILE_MODE;
    switch (attack) {
      case DOT_DOT_TRAVERSAL -> sink.file("../../../../../.." + ESCAPE_FILE, pwned, file);
      case ABSOLUTE_PATH -> sink.file(ESCAPE_FILE, pwned, file);
      case BACKSLASH_TRAVERSAL -> sink.file("..\\..\\..\\..\\..\\..\\tmp\\plinth-escape.txt", pwned, file);
      case SYMLINK_ESCAPE -> {
        sink.symlink("escape", "/tmp");
        sink.file("escape/plinth-escape.txt", pwned, file);
      }
      case HARDLINK -> sink.special("passwd", TarArchiveEntry.LF_LINK, "/etc/passwd", 0, 0);
      case CHAR_DEVICE -> sink.special("dev/null", TarArchiveEntry.LF_CHR, "", 1, 3);
      case BLOCK_DEVICE -> sink.special("dev/sda", TarArchiveEntry.LF_BLK, "", 8, 0);
      case FIFO -> sink.special("pipe", TarArchiveEntry.LF_FIFO, "", 0, 0);
      case SETUID -> {
        sink.file("bin/tool", pwned, 0104755);
        sink.file("bin/tool-setgid", pwned, 0102755);
      }
      case DUPLICATE_ENTRY -> sink.file("plugin.toml",
          "[plugin]\nid = \"someone_else\"\nversion = \"6.6.6\"\n".getBytes(StandardCharsets.UTF_8), file);
      case CASE_COLLISION -> {
        sink.file("README.txt", pwned, file);
        sink.file("readme.txt", pwned, file);
      }
      case LONG_NAME -> sink.file("classes/" + "a".repeat(4992) + ".txt", pwned, file);
      case NUL_IN_NAME -> sink.file("classes/evil.jar\0.txt", pwned, file);
      case RATIO_BOMB -> sink.zeros("classes/zeros.bin", bombBytes);
      case ENTRY_COUNT_BOMB -> {
        for (int i = 0; i < bombEntries; i++) {
          sink.file(String.format("classes/e/%06d", i), new byte[0], file);
        }
      }
    }
  }

  /** The format-specific half: how each kind of entry is written. */
  private interface Sink extends Closeable {
    void file(String name, byte[] data, int mode) throws IOException;

    void zeros(String name, long size) throws IOException;

    void symlink(String name, String target) throws IOException;

    void special(String name, byte linkFlag, String linkName, int major, int minor)
        throws IOException;
  }

  private static final class TarSink implements Sink {
    private final TarArchiveOutputStream tar;

    TarSink(Path file) throws IOException {
      tar = ArchiveWriter.openTarGz(file);
    }

    @Override
    public void file(String name, byte[] data, int mode) throws IOException {
      TarArchiveEntry e = ArchiveWriter.tarEntry(name, TarArchiveEntry.LF_NORMAL, mode);
      e.setSize(data.length);
      tar.putArchiveEntry(e);
      tar.write(data);
      tar.closeArchiveEntry();
    }

    @Override
    public void zeros(String name, long size) throws IOException {
      TarArchiveEntry e = ArchiveWriter.tarEntry(name, TarArchiveEntry.LF_NORMAL, ArchiveWriter.FILE_MODE);
      e.setSize(size);
      tar.putArchiveEntry(e);
      writeZeros(tar, size);
      tar.closeArchiveEntry();
    }

    @Override
    public void symlink(String name, String target) throws IOException {
      special(name, TarArchiveEntry.LF_SYMLINK, target, 0, 0);
    }

    @Override
    public void special(String name, byte linkFlag, String linkName, int major, int minor)
        throws IOException {
      TarArchiveEntry e = ArchiveWriter.tarEntry(name, linkFlag, 0100644);
      e.setLinkName(linkName);
      if (linkFlag == TarArchiveEntry.LF_CHR || linkFlag == TarArchiveEntry.LF_BLK) {
        e.setDevMajor(major);
        e.setDevMinor(minor);
      }
      tar.putArchiveEntry(e);
      tar.closeArchiveEntry();
    }

    @Override
    public void close() throws IOException {
      tar.finish();
      tar.close();
    }
  }

  private static final class ZipSink implements Sink {
    private final ZipArchiveOutputStream zip;

    ZipSink(Path file) throws IOException {
      zip = new ZipArchiveOutputStream(file);
    }

    @Override
    public void file(String name, byte[] data, int mode) throws IOException {
      ArchiveWriter.putZip(zip, name, data, mode);
    }

    @Override
    public void zeros(String name, long size) throws IOException {
      ZipArchiveEntry e = ArchiveWriter.zipEntry(name, ArchiveWriter.FILE_MODE);
      zip.putArchiveEntry(e);
      writeZeros(zip, size);
      zip.closeArchiveEntry();
    }

    @Override
    public void symlink(String name, String target) throws IOException {
      ArchiveWriter.putZip(zip, name, target.getBytes(StandardCharsets.UTF_8), 0120777);
    }

    @Override
    public void special(String name, byte linkFlag, String linkName, int major, int minor) {
      throw new IllegalStateException("zip has no entry of type " + (char) linkFlag);
    }

    @Override
    public void close() throws IOException {
      zip.finish();
      zip.close();
    }
  }

  private static void writeZeros(java.io.OutputStream out, long size) throws IOException {
    byte[] zeros = new byte[64 * 1024];
    for (long left = size; left > 0; left -= zeros.length) {
      out.write(zeros, 0, (int) Math.min(zeros.length, left));
    }
  }
}
