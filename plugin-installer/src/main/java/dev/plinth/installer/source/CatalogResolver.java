package dev.plinth.installer.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plinth.installer.InstallErrorCode;
import dev.plinth.installer.InstallException;
import dev.plinth.installer.Phase;
import dev.plinth.installer.download.DigestAlgorithm;
import dev.plinth.installer.download.Downloader;
import dev.plinth.installer.download.ExpectedDigest;
import dev.plinth.installer.download.HttpText;
import dev.plinth.installer.extract.ArchiveFormat;
import dev.plinth.installer.trust.SignatureMaterial;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.semver4j.Semver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves {@code catalog:id[@range]} against the configured index URLs: the highest version that
 * satisfies the range, across all indexes (the first index wins a tie).
 */
final class CatalogResolver {
  private static final Logger LOG = LoggerFactory.getLogger(CatalogResolver.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Downloader downloader;
  private final SourceSettings settings;

  CatalogResolver(Downloader downloader, SourceSettings settings) {
    this.downloader = downloader;
    this.settings = settings;
  }

  ResolvedArtifact resolve(SourceSpec.Catalog spec) {
    if (settings.catalogIndexes().isEmpty()) {
      throw new InstallException(InstallErrorCode.SOURCE_UNSUPPORTED, Phase.RESOLVE,
          "catalog indexes must be configured: " + spec.raw(),
          "Add catalog index URLs: Pipeline.builder().catalogIndexes(...) in a host, --catalog URL or $PLINTH_CATALOGS for plinth.",
          Map.of("source", spec.raw()), null);
    }
    List<String> failures = new ArrayList<>();
    TreeSet<Semver> seen = new TreeSet<>();
    Candidate best = null;
    for (String index : settings.catalogIndexes()) {
      HttpText t = downloader.getText(index, Map.of("Accept", "application/json"), GitHubResolver.METADATA_LIMIT, Phase.RESOLVE);
      if (!t.ok()) {
        failures.add(index + " (HTTP " + t.status() + ")");
        continue;
      }
      JsonNode root;
      try {
        root = JSON.readTree(t.body());
      } catch (IOException e) {
        failures.add(index + " (not JSON)");
        continue;
      }
      if (root == null || root.path("schema_version").asInt(-1) != 1) {
        failures.add(index + " (schema_version must be 1)");
        continue;
      }
      for (JsonNode p : root.path("plugins")) {
        if (!spec.id().equals(p.path("id").asText(null))) {
          continue;
        }
        Semver v = Semver.parse(p.path("version").asText(""));
        if (v == null) {
          LOG.warn("catalog {} lists {} with an invalid version {}", index, spec.id(), p.path("version"));
          continue;
        }
        seen.add(v);
        if (spec.range() != null && !v.satisfies(spec.range())) {
          continue;
        }
        if (best == null || v.isGreaterThan(best.version())) {
          best = new Candidate(index, v, p);
        }
      }
    }
    if (failures.size() == settings.catalogIndexes().size()) {
      throw new InstallException(InstallErrorCode.HTTP_ERROR, Phase.RESOLVE,
          "catalog indexes must answer with a schema_version 1 index: " + failures,
          "Check the catalog URLs and the network.", Map.of("failures", failures), null);
    }
    if (best == null) {
      List<String> versions = seen.stream().map(Semver::getVersion).toList();
      throw new InstallException(InstallErrorCode.SOURCE_NOT_FOUND, Phase.RESOLVE,
          "catalog must list " + spec.id() + (spec.range() == null ? "" : " in range " + spec.range())
              + ": " + (versions.isEmpty() ? "no versions listed" : "available " + versions),
          versions.isEmpty() ? "Check the plugin id and the configured catalogs."
              : "Choose a range that includes one of " + versions + ".",
          Map.of("id", spec.id(), "available", versions), null);
    }
    return toArtifact(spec, best);
  }

  private ResolvedArtifact toArtifact(SourceSpec.Catalog spec, Candidate c) {
    JsonNode p = c.entry();
    String archiveUrl = resolveUrl(c.index(), p.path("archive_url").asText(""), "archive_url");
    String path = URI.create(archiveUrl).getPath();
    ArchiveFormat format = ArchiveFormat.fromFileName(path == null ? "" : path).orElseThrow(() -> new InstallException(
        InstallErrorCode.SOURCE_UNSUPPORTED, Phase.RESOLVE, "catalog archive_url must end in an archive extension: " + archiveUrl,
        "Ask the catalog maintainer to point archive_url at a .tar.gz, .zip or .jar.", Map.of("url", archiveUrl), null));
    String sha256 = p.path("sha256").asText("");
    if (sha256.isEmpty()) {
      throw new InstallException(InstallErrorCode.DIGEST_MISSING, Phase.RESOLVE,
          "catalog entry must carry sha256: " + spec.id() + "@" + c.version().getVersion(),
          "Ask the catalog maintainer to add the archive's sha256.", Map.of("index", c.index()), null);
    }
    String manifestUrl = optionalUrl(c.index(), p, "manifest_url");
    String manifestText = null;
    if (manifestUrl != null) {
      HttpText t = downloader.getText(manifestUrl, Map.of(), 1L << 20, Phase.RESOLVE);
      if (!t.ok()) {
        throw GitHubResolver.httpError(manifestUrl, "catalog manifest_url must be downloadable", t.status());
      }
      manifestText = t.body();
    }
    List<SignatureMaterial> signatures = new ArrayList<>();
    String signatureUrl = optionalUrl(c.index(), p, "signature_url");
    if (signatureUrl != null) {
      String lower = signatureUrl.toLowerCase(Locale.ROOT);
      SignatureMaterial.Kind kind = lower.endsWith(".sigstore.json") || lower.endsWith(".sigstore")
          ? SignatureMaterial.Kind.SIGSTORE_BUNDLE
          : lower.endsWith(".asc") ? SignatureMaterial.Kind.PGP_SIGNATURE : SignatureMaterial.Kind.COSIGN_SIGNATURE;
      signatures.add(new SignatureMaterial(kind, signatureUrl, false));
    }
    String keyUrl = optionalUrl(c.index(), p, "public_key_url");
    if (keyUrl != null) {
      signatures.add(new SignatureMaterial(SignatureMaterial.Kind.PUBLISHED_KEY, keyUrl, false));
    }
    String fileName = spec.id() + "-" + c.version().getVersion() + format.extension();
    return new ResolvedArtifact(spec, spec.id(), c.version().getVersion(), ResolvedArtifact.Kind.HTTP, archiveUrl,
        format, fileName, new ExpectedDigest(DigestAlgorithm.SHA256, sha256, "catalog " + c.index()),
        signatures, manifestText, manifestUrl);
  }

  private static @Nullable String optionalUrl(String index, JsonNode entry, String field) {
    String v = entry.path(field).asText("");
    return v.isEmpty() ? null : resolveUrl(index, v, field);
  }

  /** Resolves relative URLs against the index URL, refusing anything that is not http(s). */
  private static String resolveUrl(String index, String value, String field) {
    try {
      URI u = URI.create(index).resolve(value);
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if (value.isEmpty() || !(scheme.equals("https") || scheme.equals("http"))) {
        throw new IllegalArgumentException(value);
      }
      return u.toString();
    } catch (IllegalArgumentException e) {
      throw SourceErrors.invalid("catalog." + field, "must be an http(s) URL", value,
          "Ask the catalog maintainer to fix the entry.");
    }
  }

  private record Candidate(String index, Semver version, JsonNode entry) {}
}
