package dev.plinth.testkit.server;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * One plugin version in a catalog index ({@code {"schema_version":1,"plugins":[...]}}). Build one
 * by hand, or from a bundle with {@link ReleaseServer#catalogEntry}, which also serves its files.
 *
 * @param id plugin id
 * @param version plugin version
 * @param description one line for humans
 * @param archiveUrl where the archive is downloaded
 * @param sha256 lower-case hex SHA-256 of the archive
 * @param manifestUrl where its {@code plugin.toml} is served alone, or null
 * @param signatureUrl where its signature is served, or null
 * @param publicKeyUrl where the signer's public key is served, or null
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record CatalogEntry(String id, String version, String description, String archiveUrl,
    String sha256, @Nullable String manifestUrl, @Nullable String signatureUrl,
    @Nullable String publicKeyUrl) {
  public CatalogEntry {
    requireNonNull(id, "id");
    requireNonNull(version, "version");
    requireNonNull(description, "description");
    requireNonNull(archiveUrl, "archiveUrl");
    requireNonNull(sha256, "sha256");
  }

  /** An entry with only the required fields. */
  public static CatalogEntry of(String id, String version, String description, String archiveUrl,
      String sha256) {
    return new CatalogEntry(id, version, description, archiveUrl, sha256, null, null, null);
  }

  /** The same entry with another digest (to test a catalog that lies). */
  public CatalogEntry withSha256(String hex) {
    return new CatalogEntry(id, version, description, archiveUrl, hex, manifestUrl, signatureUrl,
        publicKeyUrl);
  }

  /** The same entry pointing at another archive URL. */
  public CatalogEntry withArchiveUrl(String url) {
    return new CatalogEntry(id, version, description, url, sha256, manifestUrl, signatureUrl,
        publicKeyUrl);
  }
}
