package dev.plinth.installer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Builds real tar, tar.gz and zip archives for tests. */
public final class TestArchives {
  private TestArchives() {}

  /** The text of a minimal valid manifest. */
  public static String manifest(String id, String version) {
    return "[plugin]\nid = \"" + id + "\"\nversion = \"" + version + "\"\nname = \"Test\"\n";
  }

  /** A tar.gz bundle holding {@code <id>/plugin.toml} and a couple of files. */
  public static byte[] bundleTarGz(String id, String version) throws IOException {
    return new Tar(true)
        .dir(id + "/")
        .file(id + "/plugin.toml", manifest(id, version), 0644)
        .file(id + "/lib/readme.txt", "hello " + id, 0644)
        .file(id + "/bin/run.sh", "#!/bin/sh\necho hi\n", 04755)
        .bytes();
  }

  public static byte[] randomBytes(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  public static Path write(Path file, byte[] bytes) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, bytes);
    return file;
  }

  /** A tar or tar.gz builder that can write every entry type commons-compress knows. */
  public static final class Tar {
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final TarArchiveOutputStream out;

    public Tar(boolean gzip) throws IOException {
      OutputStream sink = gzip ? new GzipCompressorOutputStream(buffer) : buffer;
      out = new TarArchiveOutputStream(sink, "UTF-8");
      out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    }

    public Tar file(String name, String content, int mode) throws IOException {
      return file(name, content.getBytes(StandardCharsets.UTF_8), mode);
    }

    public Tar file(String name, byte[] content, int mode) throws IOException {
      TarArchiveEntry e = new TarArchiveEntry(name);
      e.setSize(content.length);
      e.setMode(mode);
      out.putArchiveEntry(e);
      out.write(content);
      out.closeArchiveEntry();
      return this;
    }

    public Tar dir(String name) throws IOException {
      TarArchiveEntry e = new TarArchiveEntry(name);
      out.putArchiveEntry(e);
      out.closeArchiveEntry();
      return this;
    }

    /** An entry of a special type ({@code TarConstants.LF_CHR}, {@code LF_FIFO}, {@code LF_SYMLINK}, ...). */
    public Tar special(String name, byte type, String linkName) throws IOException {
      TarArchiveEntry e = new TarArchiveEntry(name, type);
      if (!linkName.isEmpty()) {
        e.setLinkName(linkName);
      }
      out.putArchiveEntry(e);
      out.closeArchiveEntry();
      return this;
    }

    public byte[] bytes() throws IOException {
      out.close();
      return buffer.toByteArray();
    }
  }

  /** A zip builder (commons-compress writes duplicates and odd names that java.util.zip refuses). */
  public static final class Zip {
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final ZipArchiveOutputStream out = new ZipArchiveOutputStream(buffer);

    public Zip file(String name, String content) throws IOException {
      return file(name, content.getBytes(StandardCharsets.UTF_8), 0);
    }

    public Zip file(String name, byte[] content, int unixMode) throws IOException {
      ZipArchiveEntry e = new ZipArchiveEntry(name);
      if (unixMode != 0) {
        e.setUnixMode(unixMode);
      }
      out.putArchiveEntry(e);
      out.write(content);
      out.closeArchiveEntry();
      return this;
    }

    public byte[] bytes() throws IOException {
      out.close();
      return buffer.toByteArray();
    }
  }
}
