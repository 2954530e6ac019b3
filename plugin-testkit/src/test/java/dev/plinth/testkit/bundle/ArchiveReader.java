package dev.plinth.testkit.bundle;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/** Reads archives back in tests, independently of the writer. */
final class ArchiveReader {
  private ArchiveReader() {}

  /** Every tar entry of a .tar.gz, in archive order. */
  static List<TarArchiveEntry> tarEntries(Path file) throws IOException {
    List<TarArchiveEntry> out = new ArrayList<>();
    try (TarArchiveInputStream tar = openTar(file)) {
      for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
        out.add(e);
      }
    }
    return out;
  }

  /** The regular files of a .tar.gz: name to bytes. */
  static Map<String, byte[]> tarFiles(Path file) throws IOException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (TarArchiveInputStream tar = openTar(file)) {
      for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
        if (e.isFile() && !e.isSymbolicLink() && !e.isLink()) {
          out.put(e.getName(), tar.readAllBytes());
        }
      }
    }
    return out;
  }

  /** Extracts the regular files of a trusted .tar.gz written by the builder. */
  static void extractTrusted(Path file, Path into) throws IOException {
    for (Map.Entry<String, byte[]> f : tarFiles(file).entrySet()) {
      Path target = into.resolve(f.getKey()).normalize();
      if (!target.startsWith(into)) {
        throw new IOException("escapes: " + f.getKey());
      }
      Files.createDirectories(target.getParent());
      Files.write(target, f.getValue());
    }
  }

  private static TarArchiveInputStream openTar(Path file) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(file));
    return new TarArchiveInputStream(new GzipCompressorInputStream(in), "UTF-8");
  }
}
