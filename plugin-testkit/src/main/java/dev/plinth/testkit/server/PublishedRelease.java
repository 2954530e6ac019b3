package dev.plinth.testkit.server;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.plinth.testkit.TestkitErrorCode;
import dev.plinth.testkit.TestkitException;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * A release the server now serves.
 *
 * @param owner repository owner
 * @param repo repository name
 * @param tag release tag
 * @param releasePath path of {@code GET /repos/<o>/<r>/releases/tags/<tag>} on the server
 * @param downloadPaths asset name to its download path ({@code /dl/<o>/<r>/<tag>/<name>})
 * @param baseUrl the server's base URL, to turn paths into URLs
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record PublishedRelease(String owner, String repo, String tag, String releasePath,
    Map<String, String> downloadPaths, String baseUrl) {
  public PublishedRelease {
    downloadPaths = Map.copyOf(downloadPaths);
  }

  /** The {@code github:owner/repo@tag} source string. */
  public String source() {
    return "github:" + owner + "/" + repo + "@" + tag;
  }

  /** The download path of an asset, for {@link ReleaseServer#inject} and request counts. */
  public String downloadPath(String assetName) {
    String path = downloadPaths.get(assetName);
    if (path == null) {
      throw new TestkitException(TestkitErrorCode.PUBLISH_INVALID,
          "asset not in release " + tag + ": " + assetName, "Name one of " + downloadPaths.keySet());
    }
    return path;
  }

  /** The {@code browser_download_url} of an asset. */
  public String downloadUrl(String assetName) {
    return baseUrl + downloadPath(assetName);
  }
}
