package dev.plinth.installer.catalog;

import dev.plinth.installer.InstallErrorCode;
import dev.plinth.installer.InstallException;
import dev.plinth.installer.Phase;
import dev.plinth.installer.extract.ArchiveFormat;
import dev.plinth.installer.trust.SignatureMaterial;
import dev.plinth.manifest.ManifestParser;
import dev.plinth.manifest.ManifestReport;
import dev.plinth.manifest.PluginManifest;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Reads a local folder of bundles: each sub-folder with a {@code plugin.toml}, and each archive
 * ({@code .tar.gz}, {@code .tgz}, {@code .tar}, {@code .zip}, {@code .jar}) whose {@code plugin.toml}
 * sits at its root or in its single top folder. Only that one entry is read, at most 1 MiB of it;
 * nothing is extracted. Signature files beside an archive ({@code .sigstore.json}, {@code .sig},
 * {@code .asc}, {@code .pub}) count as its signature material.
 */
final class FolderReader implements SourceReader {
  private static final long MANIFEST_LIMIT = 1L << 20;

  private final Path folder;

  FolderReader(Path folder) {
    this.folder = folder;
  }

  @Override
  public Listing read() {
    if (!Files.isDirectory(folder)) {
      throw new InstallException(InstallErrorCode.SOURCE_NOT_FOUND, Phase.RESOLVE,
          "catalog folder must exist: " + folder, "Create the folder or fix the configured path.",
          Map.of("path", folder.toString()), null);
    }
    List<Path> children;
    try (Stream<Path> s = Files.list(folder)) {
      children = s.sorted().toList();
    } catch (IOException e) {
      throw CatalogErrors.invalid(folder.toString(), "must be readable", e.toString());
    }
    List<Offer> offers = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (Path child : children) {
      String name = child.getFileName().toString();
      Optional<ArchiveFormat> format = ArchiveFormat.fromFileName(name);
      if (!Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS) && format.isEmpty()) {
        continue; // signature files, READMEs and the like
      }
      try {
        String toml = format.isPresent() ? fromArchive(child, format.get()) : fromFolder(child);
        if (toml == null) {
          warnings.add(name + ": no plugin.toml");
          continue;
        }
        ManifestReport report = ManifestParser.parse(toml);
        if (report.manifest().isEmpty()) {
          warnings.add(name + ": plugin.toml does not parse: " + report.errors());
          continue;
        }
        PluginManifest m = report.manifest().get();
        offers.add(new Offer(m.id(), m.name().isBlank() ? m.id() : m.name(), m.description(), m.version(),
            child.toAbsolutePath().toString(), toml, signatures(child)));
      } catch (IOException e) {
        warnings.add(name + ": unreadable: " + e.getMessage());
      }
    }
    return new Listing(offers, warnings);
  }

  private static @Nullable String fromFolder(Path dir) throws IOException {
    Path toml = dir.resolve("plugin.toml");
    return Files.isRegularFile(toml, LinkOption.NOFOLLOW_LINKS) && Files.size(toml) <= MANIFEST_LIMIT
        ? Files.readString(toml, StandardCharsets.UTF_8) : null;
  }

  private static @Nullable String fromArchive(Path file, ArchiveFormat format) throws IOException {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
        ArchiveInputStream<? extends ArchiveEntry> in = switch (format) {
          case TAR_GZ -> new TarArchiveInputStream(new GzipCompressorInputStream(raw));
          case TAR -> new TarArchiveInputStream(raw);
          case ZIP, JAR -> new ZipArchiveInputStream(raw);
        }) {
      for (ArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        String n = e.getName().startsWith("./") ? e.getName().substring(2) : e.getName();
        int slash = n.indexOf('/');
        boolean root = n.equals("plugin.toml");
        boolean topFolder = slash > 0 && n.substring(slash + 1).equals("plugin.toml");
        if (!e.isDirectory() && (root || topFolder)) {
          byte[] bytes = in.readNBytes((int) MANIFEST_LIMIT + 1);
          return bytes.length > MANIFEST_LIMIT ? null : new String(bytes, StandardCharsets.UTF_8);
        }
      }
      return null;
    }
  }

  private static Set<SignatureMaterial.Kind> signatures(Path bundle) {
    Set<SignatureMaterial.Kind> kinds = EnumSet.noneOf(SignatureMaterial.Kind.class);
    String n = bundle.getFileName().toString();
    Map<String, SignatureMaterial.Kind> siblings = Map.of(
        ".sigstore.json", SignatureMaterial.Kind.SIGSTORE_BUNDLE,
        ".sig", SignatureMaterial.Kind.COSIGN_SIGNATURE,
        ".asc", SignatureMaterial.Kind.PGP_SIGNATURE,
        ".pub", SignatureMaterial.Kind.PUBLISHED_KEY);
    siblings.forEach((suffix, kind) -> {
      if (Files.isRegularFile(bundle.resolveSibling(n + suffix))) {
        kinds.add(kind);
      }
    });
    return kinds;
  }
}
