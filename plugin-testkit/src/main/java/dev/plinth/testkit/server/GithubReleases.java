package dev.plinth.testkit.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.semver4j.Semver;

/**
 * Serves GitHub-release-shaped JSON and assets: {@code <api>/repos/<o>/<r>/releases/tags/<tag>},
 * {@code .../releases/latest} (the highest stable semver tag, a leading {@code v} ignored), and
 * every asset at {@code /dl/<o>/<r>/<tag>/<name>} and at its API {@code url}. Guarded by the
 * {@link ReleaseServer}'s lock.
 */
final class GithubReleases {
  static final String API_PREFIX = "/api";

  private final Routes routes;
  private final ObjectMapper json;
  private final String baseUrl;
  private final Map<String, Map<String, byte[]>> releaseJsonByRepo = new LinkedHashMap<>();
  private long nextId = 1000;

  GithubReleases(Routes routes, ObjectMapper json, String baseUrl) {
    this.routes = routes;
    this.json = json;
    this.baseUrl = baseUrl;
  }

  PublishedRelease publish(String owner, String repo, String tag, ReleaseAssets assets) {
    String repoPath = API_PREFIX + "/repos/" + owner + "/" + repo;
    ObjectNode release = json.createObjectNode();
    release.put("id", nextId++);
    release.put("tag_name", tag);
    release.put("name", tag);
    release.put("draft", false);
    release.put("prerelease", isPrerelease(tag));
    release.put("html_url", baseUrl + "/" + owner + "/" + repo + "/releases/tag/" + tag);
    release.put("url", baseUrl + repoPath + "/releases/tags/" + tag);
    ArrayNode list = release.putArray("assets");
    Map<String, String> downloads = new LinkedHashMap<>();
    for (ReleaseAssets.Asset a : assets.assets()) {
      long id = nextId++;
      String download = "/dl/" + owner + "/" + repo + "/" + tag + "/" + a.name();
      String apiAsset = repoPath + "/releases/assets/" + id;
      ObjectNode node = list.addObject();
      node.put("id", id);
      node.put("name", a.name());
      node.put("url", baseUrl + apiAsset);
      node.put("browser_download_url", baseUrl + download);
      node.put("size", a.data().length);
      node.put("content_type", a.contentType());
      node.put("state", "uploaded");
      routes.serve(download, a.data(), a.contentType());
      routes.serve(apiAsset, a.data(), a.contentType());
      downloads.put(a.name(), download);
    }
    byte[] body = bytes(release);
    String tagPath = repoPath + "/releases/tags/" + tag;
    routes.serve(tagPath, body, "application/json");
    Map<String, byte[]> releases =
        releaseJsonByRepo.computeIfAbsent(owner + "/" + repo, k -> new LinkedHashMap<>());
    releases.put(tag, body);
    String latest = latest(releases);
    if (latest != null) {
      routes.serve(repoPath + "/releases/latest", releases.get(latest), "application/json");
    }
    return new PublishedRelease(owner, repo, tag, tagPath, downloads, baseUrl);
  }

  /** The highest stable semver tag, else the last tag published if none is semver. */
  private static @Nullable String latest(Map<String, byte[]> releases) {
    String best = null;
    Semver bestVersion = null;
    String last = null;
    for (String tag : releases.keySet()) {
      last = tag;
      Semver v = semver(tag);
      if (v != null && v.isStable() && (bestVersion == null || v.isGreaterThan(bestVersion))) {
        best = tag;
        bestVersion = v;
      }
    }
    boolean anySemver = releases.keySet().stream().anyMatch(t -> semver(t) != null);
    return best != null ? best : anySemver ? null : last;
  }

  private static boolean isPrerelease(String tag) {
    Semver v = semver(tag);
    return v != null && !v.getPreRelease().isEmpty();
  }

  private static @Nullable Semver semver(String tag) {
    return Semver.parse(tag.startsWith("v") ? tag.substring(1) : tag);
  }

  private byte[] bytes(ObjectNode node) {
    try {
      return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings always serialises", e);
    }
  }
}
