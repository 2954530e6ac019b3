package dev.plinth.examples.admin;

import static java.util.Objects.requireNonNull;

import dev.plinth.installer.catalog.CatalogSource;
import dev.plinth.installer.catalog.PluginCatalog;
import dev.plinth.installer.catalog.PluginCatalogBuilder;
import dev.plinth.installer.trust.TrustPolicy;
import dev.plinth.runtime.HostInfo;
import dev.plinth.runtime.PluginSystem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The example host: a {@link PluginSystem} in {@code home}, a {@link PluginCatalog} over the given
 * sources (catalog indexes also serve {@code catalog:} installs), and the {@link AdminServer} on top.
 *
 * <pre>{@code
 * try (AdminHost host = AdminHost.open(home, List.of(CatalogSource.parse(indexUrl)), null, TrustPolicy.defaults(), 0)) {
 *   System.out.println("admin at " + host.url());
 * }
 * }</pre>
 */
public final class AdminHost implements AutoCloseable {
  /** The host this example plays; plugins state a range over its version. */
  public static final HostInfo HOST = HostInfo.of("admin-web", "1.0.0");

  private final PluginSystem system;
  private final AdminServer server;

  private AdminHost(PluginSystem system, AdminServer server) {
    this.system = system;
    this.server = server;
  }

  /**
   * Opens the home, boots its plugins and starts the admin on {@code 127.0.0.1:port}.
   *
   * @param githubApiBase the GitHub API for {@code github:} sources, or null for the public API
   */
  public static AdminHost open(Path home, List<CatalogSource> sources, @Nullable String githubApiBase,
      TrustPolicy trust, int port) {
    requireNonNull(home, "home");
    List<String> indexes = sources.stream().filter(s -> s instanceof CatalogSource.Index)
        .map(CatalogSource::name).toList();
    PluginSystem system = PluginSystem.builder()
        .home(home)
        .host(HOST)
        .trustPolicy(trust)
        .sources(p -> {
          if (!indexes.isEmpty()) {
            p.catalogIndexes(indexes);
          }
          if (githubApiBase != null) {
            p.githubApiBase(githubApiBase);
          }
        })
        .build();
    try {
      system.boot();
      PluginCatalogBuilder catalog = PluginCatalog.builder()
          .sources(sources)
          .trustPolicy(trust)
          .hostProfile(system::hostProfile)
          .installedFrom(system.store())
          .cacheDirectory(home.resolve("cache").resolve("catalog"))
          .sourceTimeout(Duration.ofSeconds(5));
      if (githubApiBase != null) {
        catalog.githubApiBase(githubApiBase);
      }
      return new AdminHost(system, AdminServer.start(system, catalog.build(), port));
    } catch (RuntimeException e) {
      system.close();
      throw e;
    }
  }

  /** The admin page's URL. */
  public String url() {
    return server.url();
  }

  public PluginSystem system() {
    return system;
  }

  @Override
  public void close() {
    server.close();
    system.close();
  }
}
