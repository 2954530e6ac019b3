package dev.plinth.testkit.server;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * An artifact the server now serves in its Maven repository.
 *
 * @param coordinates {@code group:artifact:version[:classifier]}
 * @param baseUrl the server's base URL
 * @param archivePath path of the archive on the server
 * @param manifestPath path of {@code <a>-<v>-plugin.toml}, or null when not served
 * @param signaturePath path of {@code <archive>.asc}, or null when not served
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record PublishedArtifact(String coordinates, String baseUrl, String archivePath,
    @Nullable String manifestPath, @Nullable String signaturePath) {

  /** The {@code maven:group:artifact:version[:classifier]} source string. */
  public String source() {
    return "maven:" + coordinates;
  }

  /** The repository root URL to configure in the installer. */
  public String repositoryUrl() {
    return baseUrl + MavenRepository.PREFIX;
  }

  /** The archive's full URL. */
  public String archiveUrl() {
    return baseUrl + archivePath;
  }
}
