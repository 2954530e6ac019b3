package dev.plinth.installer.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plinth.installer.Phase;
import dev.plinth.installer.download.Downloader;
import dev.plinth.installer.download.HttpText;
import dev.plinth.installer.trust.SignatureMaterial;
import dev.plinth.manifest.ManifestParser;
import dev.plinth.manifest.PluginManifest;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.semver4j.Semver;

/**
 * Reads a catalog index ({@code schema_version 1}): per id the highest valid version, with its
 * separately served manifest when the entry names one. Offers install as {@code catalog:id@version},
 * so the installer resolves the very entry listed.
 */
final class IndexReader implements SourceReader {
  static final long INDEX_LIMIT = 4L << 20;
  static final long MANIFEST_LIMIT = 1L << 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Downloader downloader;
  private final String url;

  IndexReader(Downloader downloader, String url) {
    this.downloader = downloader;
    this.url = url;
  }

  @Override
  public Listing read() {
    HttpText t = downloader.getText(url, Map.of("Accept", "application/json"), INDEX_LIMIT, Phase.RESOLVE);
    if (!t.ok()) {
      throw CatalogErrors.status(t);
    }
    JsonNode root = parse(url, t.body());
    if (root.path("schema_version").asInt(-1) != 1 || !root.path("plugins").isArray()) {
      throw CatalogErrors.invalid(url, "must be a schema_version 1 index with a plugins array", "schema_version "
          + root.path("schema_version"));
    }
    Map<String, Best> best = new LinkedHashMap<>();
    List<String> warnings = new ArrayList<>();
    for (JsonNode p : root.path("plugins")) {
      String id = p.path("id").asText("");
      Semver v = Semver.parse(p.path("version").asText(""));
      if (id.isEmpty() || v == null) {
        warnings.add("skipped an entry without a valid id and version: " + abbreviate(p.toString()));
        continue;
      }
      Best b = best.get(id);
      if (b == null || v.isGreaterThan(b.version())) {
        best.put(id, new Best(v, p));
      }
    }
    List<Offer> offers = new ArrayList<>();
    for (Map.Entry<String, Best> e : best.entrySet()) {
      offers.add(offer(e.getKey(), e.getValue(), warnings));
    }
    return new Listing(offers, warnings);
  }

  private Offer offer(String id, Best b, List<String> warnings) {
    JsonNode p = b.entry();
    String version = b.version().getVersion();
    String manifest = null;
    String manifestUrl = resolve(p.path("manifest_url").asText(""));
    if (manifestUrl != null) {
      try {
        HttpText m = downloader.getText(manifestUrl, Map.of(), MANIFEST_LIMIT, Phase.RESOLVE);
        if (m.ok()) {
          manifest = m.body();
        } else {
          warnings.add(id + ": manifest_url answered HTTP " + m.status() + ": " + manifestUrl);
        }
      } catch (RuntimeException e) {
        warnings.add(id + ": manifest_url could not be read: " + manifestUrl + " (" + e.getMessage() + ")");
      }
    }
    Set<SignatureMaterial.Kind> signatures = EnumSet.noneOf(SignatureMaterial.Kind.class);
    String sig = p.path("signature_url").asText("").toLowerCase(Locale.ROOT);
    if (!sig.isEmpty()) {
      signatures.add(sig.endsWith(".sigstore.json") || sig.endsWith(".sigstore") ? SignatureMaterial.Kind.SIGSTORE_BUNDLE
          : sig.endsWith(".asc") ? SignatureMaterial.Kind.PGP_SIGNATURE : SignatureMaterial.Kind.COSIGN_SIGNATURE);
    }
    if (!p.path("public_key_url").asText("").isEmpty()) {
      signatures.add(SignatureMaterial.Kind.PUBLISHED_KEY);
    }
    Optional<PluginManifest> m = manifest == null ? Optional.empty() : ManifestParser.parse(manifest).manifest();
    String name = p.path("name").asText(m.map(PluginManifest::name).filter(n -> !n.isBlank()).orElse(id));
    String description = p.path("description").asText(m.map(PluginManifest::description).orElse(""));
    return new Offer(id, name, description, version, "catalog:" + id + "@=" + version, manifest, signatures);
  }

  /** A URL of the entry resolved against the index, or null when absent or not http(s). */
  private @Nullable String resolve(String value) {
    if (value.isEmpty()) {
      return null;
    }
    try {
      URI u = URI.create(url).resolve(value);
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      return scheme.equals("https") || scheme.equals("http") ? u.toString() : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  static JsonNode parse(String source, String body) {
    try {
      JsonNode root = JSON.readTree(body);
      if (root == null || !root.isObject()) {
        throw CatalogErrors.invalid(source, "must answer a JSON object", "got " + abbreviate(body));
      }
      return root;
    } catch (IOException e) {
      throw CatalogErrors.invalid(source, "must answer JSON", abbreviate(body));
    }
  }

  static String abbreviate(String s) {
    String one = s.replaceAll("\\s+", " ").strip();
    return one.length() <= 80 ? one : one.substring(0, 80) + "…";
  }

  private record Best(Semver version, JsonNode entry) {}
}
