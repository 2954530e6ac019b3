package dev.plinth.installer.source;

import dev.plinth.installer.InstallErrorCode;
import dev.plinth.installer.InstallException;
import dev.plinth.installer.Phase;
import dev.plinth.installer.download.DigestAlgorithm;
import dev.plinth.installer.download.Downloader;
import dev.plinth.installer.download.ExpectedDigest;
import dev.plinth.installer.download.HttpText;
import dev.plinth.installer.extract.ArchiveFormat;
import dev.plinth.installer.trust.SignatureMaterial;
import dev.plinth.manifest.ManifestParser;
import dev.plinth.manifest.ManifestReport;
import dev.plinth.manifest.PluginManifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Resolves {@code maven:g:a:v[:c]} in the configured repository: the archive, its strongest
 * published digest ({@code .sha512}, else {@code .sha256}; SHA-1 and MD5 are not enough), an
 * optional {@code .asc}, and {@code <a>-<v>-plugin.toml} for preflight when published.
 */
final class MavenResolver {
  private static final long SMALL = 1L << 20;

  private final Downloader downloader;
  private final SourceSettings settings;

  MavenResolver(Downloader downloader, SourceSettings settings) {
    this.downloader = downloader;
    this.settings = settings;
  }

  ResolvedArtifact resolve(SourceSpec.Maven spec) {
    String repo = settings.mavenRepository();
    if (repo == null) {
      throw new InstallException(InstallErrorCode.SOURCE_UNSUPPORTED, Phase.RESOLVE,
          "maven repository must be configured: " + spec.raw(),
          "Set the Maven repository URL in the pipeline settings (Pipeline.builder().mavenRepository(...)).",
          Map.of("source", spec.raw()), null);
    }
    String dir = repo + "/" + spec.groupId().replace('.', '/') + "/" + spec.artifactId() + "/" + spec.version() + "/";
    String base = spec.artifactId() + "-" + spec.version();
    String fileName = base + (spec.classifier() == null ? "" : "-" + spec.classifier()) + "." + settings.mavenExtension();
    ArchiveFormat format = ArchiveFormat.fromFileName(fileName).orElseThrow(() -> new InstallException(
        InstallErrorCode.SOURCE_UNSUPPORTED, Phase.RESOLVE,
        "maven extension must be an archive format: " + settings.mavenExtension(),
        "Use tar.gz, tgz, tar, zip or jar as the Maven extension.", Map.of("extension", settings.mavenExtension()), null));
    String archiveUrl = dir + fileName;

    ExpectedDigest digest = null;
    for (DigestAlgorithm a : new DigestAlgorithm[] {DigestAlgorithm.SHA512, DigestAlgorithm.SHA256}) {
      HttpText t = optional(archiveUrl + "." + a.label());
      if (t != null) {
        digest = new ExpectedDigest(a, t.body(), t.url());
        break;
      }
    }
    if (digest == null) {
      List<String> weak = new ArrayList<>();
      for (String ext : new String[] {"sha1", "md5"}) {
        if (optional(archiveUrl + "." + ext) != null) {
          weak.add(ext);
        }
      }
      throw new InstallException(InstallErrorCode.DIGEST_MISSING, Phase.RESOLVE,
          "maven artifact must publish a .sha512 or .sha256: " + archiveUrl
              + (weak.isEmpty() ? "" : " (only " + String.join(", ", weak) + ", which are too weak)"),
          "Publish " + fileName + ".sha256 (or .sha512) next to the archive.",
          Map.of("url", archiveUrl, "weakDigests", weak), null);
    }

    String manifestUrl = dir + base + "-plugin.toml";
    HttpText manifestText = optional(manifestUrl);
    String id = null;
    if (manifestText != null) {
      ManifestReport report = ManifestParser.parse(manifestText.body());
      PluginManifest m = report.manifest()
          .orElseThrow(() -> ManifestChecks.preflightFailed(report, manifestUrl, Phase.PREFLIGHT));
      if (!m.version().equals(spec.version())) {
        throw new InstallException(InstallErrorCode.MANIFEST_MISMATCH, Phase.RESOLVE,
            "plugin.toml version must equal the maven version: " + m.version() + " (maven " + spec.version() + ")",
            "Publish the manifest of the same version.", Map.of("manifestVersion", m.version(), "mavenVersion", spec.version()), null);
      }
      id = m.id();
    }
    List<SignatureMaterial> signatures = List.of(
        new SignatureMaterial(SignatureMaterial.Kind.PGP_SIGNATURE, archiveUrl + ".asc", true));
    return new ResolvedArtifact(spec, id, spec.version(), ResolvedArtifact.Kind.HTTP, archiveUrl, format, fileName,
        digest, signatures, manifestText == null ? null : manifestText.body(), manifestText == null ? null : manifestUrl);
  }

  /** The resource, or null on 404/410; other failures are errors. */
  private @Nullable HttpText optional(String url) {
    HttpText t = downloader.getText(url, Map.of(), SMALL, Phase.RESOLVE);
    if (t.status() == 404 || t.status() == 410) {
      return null;
    }
    if (!t.ok()) {
      throw GitHubResolver.httpError(url, "maven repository must answer 2xx or 404", t.status());
    }
    return t;
  }
}
