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
import dev.plinth.manifest.ManifestParser;
import dev.plinth.manifest.ManifestReport;
import dev.plinth.manifest.PluginManifest;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.semver4j.Semver;

/**
 * Resolves {@code github:owner/repo[@tag]} against the releases API: the {@code plugin.toml} asset
 * first, then {@code <id>-<version>-<target>.tar.gz} (or {@code noarch}), its {@code .sha256}, and
 * optional signature material.
 */
final class GitHubResolver {
  static final long METADATA_LIMIT = 4L << 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Downloader downloader;
  private final SourceSettings settings;

  GitHubResolver(Downloader downloader, SourceSettings settings) {
    this.downloader = downloader;
    this.settings = settings;
  }

  ResolvedArtifact resolve(SourceSpec.GitHub spec) {
    if (spec.tag() != null) {
      versionOfTag(spec.tag(), spec.raw());
    }
    String url = settings.githubApiBase() + "/repos/" + spec.owner() + "/" + spec.repo()
        + (spec.tag() == null ? "/releases/latest" : "/releases/tags/" + spec.tag());
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Accept", "application/vnd.github+json");
    headers.put("X-GitHub-Api-Version", "2022-11-28");
    if (settings.githubToken() != null) {
      headers.put("Authorization", "Bearer " + settings.githubToken());
    }
    HttpText answer = downloader.getText(url, headers, METADATA_LIMIT, Phase.RESOLVE);
    checkStatus(answer, spec);
    JsonNode release;
    try {
      release = JSON.readTree(answer.body());
    } catch (IOException e) {
      throw httpError(url, "release answer must be JSON", answer.status());
    }
    String tagName = release.path("tag_name").asText("");
    String version = versionOfTag(tagName, spec.raw());
    Map<String, Asset> assets = new LinkedHashMap<>();
    for (JsonNode a : release.path("assets")) {
      String name = a.path("name").asText("");
      String download = a.path("browser_download_url").asText("");
      if (!name.isEmpty() && !download.isEmpty()) {
        assets.put(name, new Asset(name, download, a.path("size").asLong(-1)));
      }
    }
    Asset manifestAsset = assets.get("plugin.toml");
    if (manifestAsset == null) {
      throw new InstallException(InstallErrorCode.MANIFEST_ASSET_MISSING, Phase.RESOLVE,
          "release assets must include plugin.toml: " + spec.owner() + "/" + spec.repo() + "@" + tagName,
          "Upload plugin.toml as a release asset so compatibility can be checked before download.",
          Map.of("release", tagName, "assets", List.copyOf(assets.keySet())), null);
    }
    String manifestText = fetch(manifestAsset.url(), "plugin.toml");
    ManifestReport report = ManifestParser.parse(manifestText);
    PluginManifest manifest = report.manifest()
        .orElseThrow(() -> ManifestChecks.preflightFailed(report, manifestAsset.url(), Phase.PREFLIGHT));
    if (!manifest.version().equals(version)) {
      throw new InstallException(InstallErrorCode.MANIFEST_MISMATCH, Phase.RESOLVE,
          "plugin.toml version must equal the release tag: " + manifest.version() + " (tag " + tagName + ")",
          "Publish plugin.toml with version " + version + ", or tag the release v" + manifest.version() + ".",
          Map.of("manifestVersion", manifest.version(), "tag", tagName), null);
    }
    String prefix = manifest.id() + "-" + version + "-";
    Asset tarball = Optional.ofNullable(assets.get(prefix + settings.target() + ".tar.gz"))
        .or(() -> Optional.ofNullable(assets.get(prefix + "noarch.tar.gz")))
        .orElseThrow(() -> targetMissing(prefix, assets, tagName));
    Asset digest = assets.get(tarball.name() + ".sha256");
    if (digest == null) {
      throw new InstallException(InstallErrorCode.DIGEST_MISSING, Phase.RESOLVE,
          "release assets must include " + tarball.name() + ".sha256: " + tagName,
          "Publish the sha256 of the tarball as <tarball>.sha256 (sha256sum output).",
          Map.of("asset", tarball.name() + ".sha256", "release", tagName), null);
    }
    String digestText = fetch(digest.url(), digest.name());
    List<SignatureMaterial> signatures = new ArrayList<>();
    addIfPresent(assets, tarball.name() + ".sigstore.json", SignatureMaterial.Kind.SIGSTORE_BUNDLE, signatures);
    addIfPresent(assets, tarball.name() + ".sig", SignatureMaterial.Kind.COSIGN_SIGNATURE, signatures);
    addIfPresent(assets, tarball.name() + ".pub", SignatureMaterial.Kind.PUBLISHED_KEY, signatures);
    return new ResolvedArtifact(spec, manifest.id(), version, ResolvedArtifact.Kind.HTTP, tarball.url(),
        ArchiveFormat.TAR_GZ, tarball.name(),
        new ExpectedDigest(DigestAlgorithm.SHA256, digestText, digest.url()),
        signatures, manifestText, manifestAsset.url());
  }

  private static void addIfPresent(Map<String, Asset> assets, String name, SignatureMaterial.Kind kind,
      List<SignatureMaterial> out) {
    Asset a = assets.get(name);
    if (a != null) {
      out.add(new SignatureMaterial(kind, a.url(), false));
    }
  }

  private String fetch(String url, String what) {
    HttpText t = downloader.getText(url, Map.of(), METADATA_LIMIT, Phase.RESOLVE);
    if (!t.ok()) {
      throw httpError(url, "release asset " + what + " must be downloadable", t.status());
    }
    return t.body();
  }

  private void checkStatus(HttpText answer, SourceSpec.GitHub spec) {
    int s = answer.status();
    if (answer.ok()) {
      return;
    }
    if (s == 404) {
      String which = spec.tag() == null ? "a published (non-draft, non-prerelease) release" : "release " + spec.tag();
      throw new InstallException(InstallErrorCode.RELEASE_NOT_FOUND, Phase.RESOLVE,
          "github release must exist: " + spec.owner() + "/" + spec.repo() + (spec.tag() == null ? " (latest)" : "@" + spec.tag()),
          "Check the owner, repository and tag: the repository needs " + which
              + ". Private repositories need a token (PLINTH_GITHUB_TOKEN).",
          Map.of("url", answer.url(), "status", s), null);
    }
    if (s == 429 || s == 403) {
      Optional<String> remaining = answer.header("X-RateLimit-Remaining");
      Optional<String> reset = answer.header("X-RateLimit-Reset");
      Optional<String> retryAfter = answer.header("Retry-After");
      boolean limited = s == 429 || remaining.filter("0"::equals).isPresent() || retryAfter.isPresent()
          || answer.body().toLowerCase(java.util.Locale.ROOT).contains("rate limit");
      if (limited) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("url", answer.url());
        details.put("status", s);
        String when = "";
        @Nullable String resetAt = reset.flatMap(GitHubResolver::epochSeconds).map(Instant::toString).orElse(null);
        if (resetAt != null) {
          details.put("resetAt", resetAt);
          when = " (resets at " + resetAt + ")";
        }
        if (retryAfter.isPresent()) {
          details.put("retryAfterSeconds", retryAfter.get());
          when += " (retry after " + retryAfter.get() + " s)";
        }
        throw new InstallException(InstallErrorCode.RATE_LIMITED, Phase.RESOLVE,
            "github api rate limit must not be exhausted: HTTP " + s + when,
            "Set PLINTH_GITHUB_TOKEN (or the pipeline's githubToken) to a GitHub token to raise the limit,"
                + " or wait" + (resetAt == null ? "" : " until " + resetAt) + ".",
            details, null);
      }
    }
    throw httpError(answer.url(), "github api must answer 2xx", s);
  }

  private static Optional<Instant> epochSeconds(String s) {
    try {
      return Optional.of(Instant.ofEpochSecond(Long.parseLong(s.trim())));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static InstallException targetMissing(String prefix, Map<String, Asset> assets, String tag) {
    TreeSet<String> targets = new TreeSet<>();
    for (String name : assets.keySet()) {
      if (name.startsWith(prefix) && name.endsWith(".tar.gz")) {
        targets.add(name.substring(prefix.length(), name.length() - ".tar.gz".length()));
      }
    }
    return new InstallException(InstallErrorCode.TARGET_MISSING, Phase.RESOLVE,
        "release must have a tarball for this target or noarch: " + prefix + "<target>.tar.gz in " + tag
            + " (available: " + (targets.isEmpty() ? "none" : String.join(", ", targets)) + ")",
        "Choose an available target in the pipeline settings, or ask the publisher for a "
            + prefix + "noarch.tar.gz.",
        Map.of("available", List.copyOf(targets), "release", tag), null);
  }

  static String versionOfTag(String tag, String raw) {
    String v = tag.startsWith("v") || tag.startsWith("V") ? tag.substring(1) : tag;
    if (Semver.parse(v) == null) {
      throw new InstallException(InstallErrorCode.RELEASE_TAG_INVALID, Phase.RESOLVE,
          "release tag must be a semantic version with an optional leading v: " + SourceErrors.printable(tag),
          "Tag releases as v1.2.3 (or 1.2.3).", Map.of("tag", SourceErrors.printable(tag), "source", raw), null);
    }
    return v;
  }

  static InstallException httpError(String url, String rule, int status) {
    return new InstallException(InstallErrorCode.HTTP_ERROR, Phase.RESOLVE,
        rule + ": " + url + " (HTTP " + status + ")",
        "Check the URL, access rights and the server; then try again.",
        Map.of("url", url, "status", status), null);
  }

  private record Asset(String name, String url, long size) {}
}
