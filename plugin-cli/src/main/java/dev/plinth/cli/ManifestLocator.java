package dev.plinth.cli;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Reads {@code plugin.toml} out of an archive without extracting anything: at the archive root, or
 * inside its single top-level folder. Only the manifest's bytes are read (at most 1 MiB).
 */
final class ManifestLocator {
  private static final int MAX_MANIFEST_BYTES = 1 << 20;

  private ManifestLocator() {}

  static boolean isArchive(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".tar.gz") || name.endsWith(".tgz") || name.endsWith(".zip") || name.endsWith(".jar");
  }

  static Optional<String> readFromArchive(Path archive) throws IOException {
    String name = archive.getFileName().toString().toLowerCase(Locale.ROOT);
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive));
        ArchiveInputStream<? extends ArchiveEntry> in = open(name, raw)) {
      ArchiveEntry entry;
      while ((entry = in.getNextEntry()) != null) {
        String entryName = entry.getName();
        if (entry.isDirectory() || !isManifestName(entryName)) {
          continue;
        }
        byte[] bytes = in.readNBytes(MAX_MANIFEST_BYTES + 1);
        if (bytes.length > MAX_MANIFEST_BYTES) {
          throw new IOException("plugin.toml is larger than 1 MiB in " + archive);
        }
        return Optional.of(new String(bytes, StandardCharsets.UTF_8));
      }
    }
    return Optional.empty();
  }

  private static boolean isManifestName(String entryName) {
    String n = entryName.startsWith("./") ? entryName.substring(2) : entryName;
    if (n.equals("plugin.toml")) {
      return true;
    }
    int slash = n.indexOf('/');
    return slash > 0 && n.substring(slash + 1).equals("plugin.toml");
  }

  private static ArchiveInputStream<? extends ArchiveEntry> open(String name, InputStream raw) throws IOException {
    if (name.endsWith(".zip") || name.endsWith(".jar")) {
      return new ZipArchiveInputStream(raw);
    }
    return new TarArchiveInputStream(new GzipCompressorInputStream(raw));
  }
}
