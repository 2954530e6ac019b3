package dev.plinth.installer.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plinth.installer.Phase;
import dev.plinth.installer.download.Downloader;
import dev.plinth.installer.download.HttpText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a fixed index file of GitHub repositories ({@code {"schema_version":1,"repositories":[...]}})
 * and each repository's latest release through the GitHub API, as {@code plinth install github:…}
 * would. A file, not a live topic search: the search API is rate-limited and unauthenticated
 * results change between calls, while a published list is reviewable and cacheable.
 */
final class GitHubListingReader implements SourceReader {
  private static final Pattern REPO = Pattern.compile("[A-Za-z0-9_.-]{1,100}/[A-Za-z0-9_.-]{1,100}");

  private final Downloader downloader;
  private final RemoteSourceReader remote;
  private final String url;

  GitHubListingReader(Downloader downloader, RemoteSourceReader remote, String url) {
    this.downloader = downloader;
    this.remote = remote;
    this.url = url;
  }

  @Override
  public Listing read() {
    HttpText t = downloader.getText(url, Map.of("Accept", "application/json"), IndexReader.INDEX_LIMIT, Phase.RESOLVE);
    if (!t.ok()) {
      throw CatalogErrors.status(t);
    }
    JsonNode root = IndexReader.parse(url, t.body());
    if (root.path("schema_version").asInt(-1) != 1 || !root.path("repositories").isArray()) {
      throw CatalogErrors.invalid(url, "must be a schema_version 1 listing with a repositories array",
          "schema_version " + root.path("schema_version"));
    }
    List<String> sources = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (JsonNode r : root.path("repositories")) {
      String repo = r.asText("");
      if (!REPO.matcher(repo).matches() || repo.contains("..")) {
        warnings.add("skipped a repository that is not owner/repo: " + IndexReader.abbreviate(r.toString()));
        continue;
      }
      sources.add("github:" + repo);
      ids.add(repo.substring(repo.indexOf('/') + 1));
    }
    Listing listing = remote.resolveAll(url, sources, ids);
    List<String> all = new ArrayList<>(warnings);
    all.addAll(listing.warnings());
    return new Listing(listing.offers(), all);
  }
}
