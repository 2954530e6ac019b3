package dev.plinth.installer.catalog;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.plinth.installer.download.Downloader;
import dev.plinth.installer.download.HttpSettings;
import dev.plinth.installer.pipeline.Pipeline;
import dev.plinth.installer.pipeline.PipelineBuilder;
import dev.plinth.installer.store.PluginInfo;
import dev.plinth.installer.store.PluginStore;
import dev.plinth.installer.trust.TrustPolicy;
import dev.plinth.manifest.HostProfile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link PluginCatalog}. Sources are added in order; every other setting has a default
 * (except the host profile) and may be given once. Not thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class PluginCatalogBuilder {
  private final List<CatalogSource> sources = new ArrayList<>();
  private final Set<String> given = new HashSet<>();
  private Consumer<HttpSettings.Builder> http = b -> { };
  private @Nullable Path cacheDirectory;
  private long cacheMaxBytes = 10L << 20;
  private @Nullable String githubApiBase;
  TrustPolicy trustPolicy = TrustPolicy.defaults();
  @Nullable Supplier<HostProfile> hostProfile;
  Supplier<Map<String, String>> installed = Map::of;
  Duration sourceTimeout = Duration.ofSeconds(10);

  PluginCatalogBuilder() {}

  /** Adds a source; sources are read in parallel and listed in the order added. */
  public PluginCatalogBuilder source(CatalogSource source) {
    sources.add(requireNonNull(source, "source"));
    return this;
  }

  /** Adds several sources. */
  public PluginCatalogBuilder sources(List<CatalogSource> more) {
    more.forEach(this::source);
    return this;
  }

  /** Configures the HTTP settings of every source (timeouts, proxy, {@code allowInsecureHttp}); not the cache. */
  public PluginCatalogBuilder httpSettings(Consumer<HttpSettings.Builder> configure) {
    once("httpSettings");
    http = requireNonNull(configure, "configure");
    return this;
  }

  /** Caches indexes, release JSON and manifests under {@code directory} (one sub-folder per source). */
  public PluginCatalogBuilder cacheDirectory(Path directory) {
    once("cacheDirectory");
    cacheDirectory = requireNonNull(directory, "directory");
    return this;
  }

  /** The GitHub API base for {@code github-index:} sources (default: the installer's default). */
  public PluginCatalogBuilder githubApiBase(String value) {
    once("githubApiBase");
    githubApiBase = requireNonNull(value, "githubApiBase");
    return this;
  }

  /** The trust policy the trust tiers are judged under (default {@link TrustPolicy#defaults()}). */
  public PluginCatalogBuilder trustPolicy(TrustPolicy value) {
    once("trustPolicy");
    trustPolicy = requireNonNull(value, "trustPolicy");
    return this;
  }

  /** The host that compatibility is judged against; asked on every listing. Required. */
  public PluginCatalogBuilder hostProfile(Supplier<HostProfile> value) {
    once("hostProfile");
    hostProfile = requireNonNull(value, "hostProfile");
    return this;
  }

  /** What is installed now (id to version); asked on every listing (default: nothing). */
  public PluginCatalogBuilder installed(Supplier<Map<String, String>> value) {
    once("installed");
    installed = requireNonNull(value, "installed");
    return this;
  }

  /** Reads what is installed from a store's current versions. */
  public PluginCatalogBuilder installedFrom(PluginStore store) {
    requireNonNull(store, "store");
    return installed(() -> {
      Map<String, String> out = new TreeMap<>();
      for (PluginInfo p : store.list()) {
        if (p.currentVersion() != null) {
          out.put(p.id(), p.currentVersion());
        }
      }
      return out;
    });
  }

  /** How long one listing waits for the sources, together (default 10 s). */
  public PluginCatalogBuilder sourceTimeout(Duration value) {
    once("sourceTimeout");
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException("sourceTimeout must be > 0: " + value);
    }
    sourceTimeout = value;
    return this;
  }

  /**
   * Builds the catalog.
   *
   * @throws IllegalStateException when no source or no host profile was given
   */
  public PluginCatalog build() {
    if (sources.isEmpty()) {
      throw new IllegalStateException("sources must not be empty: add at least one CatalogSource");
    }
    if (hostProfile == null) {
      throw new IllegalStateException("hostProfile must be set: compatibility is judged against it");
    }
    List<PluginCatalog.Reading> readings = new ArrayList<>();
    for (int i = 0; i < sources.size(); i++) {
      CatalogSource s = sources.get(i);
      readings.add(new PluginCatalog.Reading(s, reader(s, "source-" + i + "-" + s.kind())));
    }
    return new PluginCatalog(this, readings);
  }

  private SourceReader reader(CatalogSource source, String cacheName) {
    if (source instanceof CatalogSource.Folder f) {
      return new FolderReader(f.path());
    }
    Downloader downloader = Downloader.create(http(cacheName));
    if (source instanceof CatalogSource.Index i) {
      return new IndexReader(downloader, i.url());
    }
    // the resolve pipeline has its own client, so its own cache folder
    PipelineBuilder pipeline = Pipeline.builder().httpSettings(http(cacheName + "-resolve"));
    if (source instanceof CatalogSource.GitHubListing g) {
      if (githubApiBase != null) {
        pipeline.githubApiBase(githubApiBase);
      }
      return new GitHubListingReader(downloader, new RemoteSourceReader(pipeline.build(), downloader), g.indexUrl());
    }
    CatalogSource.MavenArtifacts m = (CatalogSource.MavenArtifacts) source;
    pipeline.mavenRepository(m.repositoryUrl());
    return new MavenReader(downloader, new RemoteSourceReader(pipeline.build(), downloader), m);
  }

  private HttpSettings http(String cacheName) {
    HttpSettings.Builder b = HttpSettings.builder();
    http.accept(b);
    Path dir = cacheDirectory;
    if (dir != null) {
      b.cache(dir.resolve(cacheName), cacheMaxBytes);
    }
    return b.build();
  }

  private void once(String field) {
    if (!given.add(field)) {
      throw new IllegalStateException(field + " was already set");
    }
  }
}
