package dev.plinth.installer.catalog;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.plinth.installer.InstallException;
import dev.plinth.installer.store.InstallOutcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apiguardian.api.API;

/**
 * Lists and searches the plugins several sources offer. Sources are read in parallel, each within
 * {@link PluginCatalogBuilder#sourceTimeout}; one that times out, fails or answers garbage is
 * reported in its {@link SourceStatus} and the others are still listed ({@link CatalogResult#partial()}).
 * The same id offered by several sources is listed once, at its highest version (the earlier source
 * wins a tie). Compatibility is judged from manifests served apart from archives, so no archive is
 * ever downloaded here. With a cache folder, indexes and manifests are revalidated with
 * {@code If-None-Match} instead of fetched again.
 *
 * <p>Thread-safe; each call reads the sources afresh (through the HTTP cache).
 *
 * <pre>{@code
 * PluginCatalog catalog = PluginCatalog.builder()
 *     .source(CatalogSource.parse("https://plugins.example.com/index.json"))
 *     .source(CatalogSource.parse("folder:/opt/plugins"))
 *     .hostProfile(system::hostProfile)
 *     .installedFrom(system.store())
 *     .cacheDirectory(home.resolve("cache/catalog"))
 *     .build();
 * CatalogResult r = catalog.search("redact");
 * r.failedSources().forEach(s -> banner(s.source() + ": " + s.error().message()));
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class PluginCatalog {
  private final PluginCatalogBuilder config;
  private final List<Reading> readers;
  private final ExecutorService executor;

  PluginCatalog(PluginCatalogBuilder config, List<Reading> readers) {
    this.config = config;
    this.readers = List.copyOf(readers);
    AtomicInteger n = new AtomicInteger();
    ThreadFactory threads = r -> {
      Thread t = new Thread(null, r, "plinth-catalog-" + n.incrementAndGet(), 0, false);
      t.setDaemon(true);
      return t;
    };
    this.executor = Executors.newCachedThreadPool(threads);
  }

  public static PluginCatalogBuilder builder() {
    return new PluginCatalogBuilder();
  }

  /** The configured sources, in order. */
  public List<CatalogSource> sources() {
    return readers.stream().map(Reading::source).toList();
  }

  /** Every plugin every source offers. */
  public CatalogResult list() {
    return search("");
  }

  /**
   * The plugins whose id, name or description contains {@code query} (case-insensitive; empty
   * matches all).
   */
  public CatalogResult search(String query) {
    String q = requireNonNull(query, "query").strip().toLowerCase(Locale.ROOT);
    CatalogResult all = read();
    return new CatalogResult(all.plugins().stream().filter(p -> q.isEmpty()
        || (p.id() + "\n" + p.name() + "\n" + p.description()).toLowerCase(Locale.ROOT).contains(q)).toList(),
        all.sources());
  }

  /** The installed plugins that have a newer version on offer, with every source's status. */
  public CatalogResult outdated() {
    CatalogResult all = read();
    return new CatalogResult(all.updates(), all.sources());
  }

  private CatalogResult read() {
    List<Future<SourceReader.Listing>> futures = new ArrayList<>();
    long[] started = new long[readers.size()];
    for (int i = 0; i < readers.size(); i++) {
      started[i] = System.nanoTime();
      futures.add(executor.submit(readers.get(i).reader()::read));
    }
    Assessor assessor = new Assessor(config.trustPolicy, config.hostProfile.get(), Map.copyOf(config.installed.get()));
    long deadline = System.nanoTime() + config.sourceTimeout.toNanos();
    Map<String, CatalogPlugin> byId = new LinkedHashMap<>();
    List<SourceStatus> statuses = new ArrayList<>();
    for (int i = 0; i < readers.size(); i++) {
      CatalogSource source = readers.get(i).source();
      SourceReader.Listing listing = null;
      InstallException error;
      try {
        listing = futures.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        error = null;
      } catch (TimeoutException e) {
        futures.get(i).cancel(true);
        error = CatalogErrors.timeout(source.name(), config.sourceTimeout.toMillis());
      } catch (ExecutionException e) {
        error = asInstallError(source, e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        futures.forEach(f -> f.cancel(true));
        throw new IllegalStateException("interrupted while reading catalog sources", e);
      }
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started[i]);
      if (listing == null) {
        statuses.add(new SourceStatus(source.name(), source.kind(), 0, millis, cause(requireNonNull(error)), List.of()));
        continue;
      }
      int count = 0;
      for (Offer offer : listing.offers()) {
        CatalogPlugin known = byId.get(offer.id());
        if (known == null || Assessor.newer(offer.version(), known.latestVersion())) {
          byId.put(offer.id(), assessor.judge(offer, source.name()));
        }
        count++;
      }
      statuses.add(new SourceStatus(source.name(), source.kind(), count, millis, null, listing.warnings()));
    }
    List<CatalogPlugin> plugins = new ArrayList<>(byId.values());
    plugins.sort(Comparator.comparing(CatalogPlugin::id));
    return new CatalogResult(plugins, statuses);
  }

  private static InstallException asInstallError(CatalogSource source, Throwable t) {
    if (t instanceof InstallException e) {
      return e;
    }
    return CatalogErrors.invalid(source.name(), "must be readable", String.valueOf(t));
  }

  private static InstallOutcome.Cause cause(InstallException e) {
    return new InstallOutcome.Cause(e.code().code(), e.getMessage(), e.nextStep(), e.details());
  }

  /** A source and the reader built for it. */
  record Reading(CatalogSource source, SourceReader reader) {}
}
