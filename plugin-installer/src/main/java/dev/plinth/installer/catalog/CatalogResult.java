package dev.plinth.installer.catalog;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.apiguardian.api.API;

/**
 * What a catalog listing or search found: the plugins of every source that answered, and one
 * status per source. A source that timed out or answered garbage makes the result
 * {@linkplain #partial() partial}; it never empties or fails the whole.
 *
 * @param plugins the plugins, sorted by id
 * @param sources one status per configured source, in configuration order
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record CatalogResult(List<CatalogPlugin> plugins, List<SourceStatus> sources) {
  public CatalogResult {
    plugins = List.copyOf(plugins);
    sources = List.copyOf(sources);
  }

  /** True when at least one source failed; {@link #failedSources()} says which and why. */
  @JsonProperty("partial")
  public boolean partial() {
    return sources.stream().anyMatch(s -> !s.ok());
  }

  /** The sources that failed. */
  @JsonProperty("failedSources")
  public List<SourceStatus> failedSources() {
    return sources.stream().filter(s -> !s.ok()).toList();
  }

  /** The plugins that are installed and have a newer version on offer. */
  public List<CatalogPlugin> updates() {
    return plugins.stream().filter(CatalogPlugin::updateAvailable).toList();
  }
}
