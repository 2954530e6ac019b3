package dev.plinth.installer.release;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.plinth.api.PlinthException;
import dev.plinth.manifest.ManifestIssue;
import dev.plinth.manifest.ManifestParser;
import dev.plinth.manifest.ManifestReport;
import dev.plinth.manifest.PluginManifest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apiguardian.api.API;

/**
 * Writes a plugin folder as a deterministic {@code .tar.gz} (sorted entries, fixed times, modes
 * 0644/0755, no links), so the same folder always packs to the same digest, whichever tool packs
 * it. Stateless and thread-safe.
 *
 * <pre>{@code
 * PackedBundle packed = BundlePacker.pack(Path.of("build/my_plugin"), Path.of("dist"), "noarch");
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class BundlePacker {
  private BundlePacker() {}

  /**
   * Validates the folder's {@code plugin.toml}, then writes {@code <id>-<version>-<target>.tar.gz}
   * and its {@code .sha256} into {@code outputDir}.
   *
   * @throws PlinthException {@link ReleaseErrorCode#PACK_MANIFEST_INVALID} when {@code plugin.toml}
   *     is missing or has errors (the issues are in the details), {@link
   *     ReleaseErrorCode#PACK_LINK_REFUSED} when the folder holds a symbolic link
   * @throws IOException when the folder cannot be read or the output written
   */
  public static PackedBundle pack(Path pluginDir, Path outputDir, String target) throws IOException {
    if (!target.matches("[a-z0-9][a-z0-9_.-]*")) {
      throw new IllegalArgumentException("target must be lowercase letters, digits, '.', '_' or '-': " + target);
    }
    PluginManifest manifest = validManifest(pluginDir);
    Files.createDirectories(outputDir);
    String name = manifest.id() + "-" + manifest.version() + "-" + target + ".tar.gz";
    Path archive = outputDir.resolve(name);
    String sha256 = writeTarGz(pluginDir, archive);
    Path sha256File = outputDir.resolve(name + ".sha256");
    Files.writeString(sha256File, sha256 + "  " + name + "\n");
    return new PackedBundle(manifest.id(), manifest.version(), archive, sha256File, sha256, Files.size(archive));
  }

  /**
   * Writes the folder as a deterministic archive and returns its sha256 as hex.
   *
   * @throws PlinthException {@link ReleaseErrorCode#PACK_LINK_REFUSED} for a symbolic link
   */
  public static String writeTarGz(Path dir, Path archive) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(p -> !p.equals(dir)).sorted().toList();
    }
    for (Path p : files) {
      if (Files.isSymbolicLink(p)) {
        throw new PlinthException(ReleaseErrorCode.PACK_LINK_REFUSED,
            "bundle file must not be a symbolic link: " + dir.relativize(p),
            "Copy the file the link points to into the folder instead of linking it.",
            Map.of("path", dir.relativize(p).toString()), null);
      }
    }
    MessageDigest sha = sha256();
    try (OutputStream file = Files.newOutputStream(archive);
        DigestOutputStream digest = new DigestOutputStream(file, sha);
        GzipCompressorOutputStream gz = new GzipCompressorOutputStream(digest);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      for (Path p : files) {
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

  private static PluginManifest validManifest(Path pluginDir) {
    Path file = pluginDir.resolve("plugin.toml");
    if (!Files.isRegularFile(file)) {
      throw new PlinthException(ReleaseErrorCode.PACK_MANIFEST_INVALID,
          "plugin folder must hold plugin.toml: " + pluginDir,
          "Point pack at the folder that holds plugin.toml.", Map.of("path", pluginDir.toString()), null);
    }
    ManifestReport report = ManifestParser.parse(file);
    if (!report.ok()) {
      ManifestIssue first = report.errors().get(0);
      throw new PlinthException(ReleaseErrorCode.PACK_MANIFEST_INVALID,
          "plugin.toml must validate before packing: " + report.errors().size() + " error(s), first "
              + first.code() + " " + first.field() + ": " + first.message(),
          first.nextStep(), Map.of("issues", report.issues()), null);
    }
    return report.manifest().orElseThrow();
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
