package dev.plinth.cli;

import dev.plinth.api.PlinthException;
import dev.plinth.installer.catalog.CatalogPlugin;
import dev.plinth.installer.catalog.CatalogResult;
import dev.plinth.installer.catalog.CatalogSource;
import dev.plinth.installer.catalog.PluginCatalog;
import dev.plinth.installer.catalog.PluginCatalogBuilder;
import dev.plinth.installer.catalog.SourceStatus;
import dev.plinth.manifest.HostProfile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The catalog options of {@code search} and {@code outdated --catalogs}, and the table they print.
 * Sources: every {@code --catalog URL} (else {@code $PLINTH_CATALOGS}) as a catalog index, then every
 * {@code --source SPEC}. The HTTP cache lives in {@code <home>/cache/catalog}.
 */
final class CatalogAccess {
  @Option(names = "--source", paramLabel = "SPEC",
      description = "Another catalog source; repeatable: index:URL, github-index:URL, maven:URL#group:artifact[,...], folder:PATH.")
  List<String> extraSources = new ArrayList<>();

  @Option(names = "--source-timeout", paramLabel = "MS", defaultValue = "10000",
      description = "How long the sources may take together, in milliseconds (default ${DEFAULT-VALUE}).")
  long sourceTimeoutMillis;

  PluginCatalog open(java.nio.file.Path home, SourceOptions options) {
    List<CatalogSource> sources = new ArrayList<>();
    List<String> catalogs = options.catalogs;
    String env = System.getenv("PLINTH_CATALOGS");
    if (catalogs.isEmpty() && env != null && !env.isBlank()) {
      catalogs = Arrays.stream(env.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
    catalogs.forEach(url -> sources.add(new CatalogSource.Index(url)));
    for (String spec : extraSources) {
      try {
        sources.add(CatalogSource.parse(spec));
      } catch (IllegalArgumentException e) {
        throw usage(e.getMessage());
      }
    }
    if (sources.isEmpty()) {
      throw usage("catalog sources must be given: none configured");
    }
    if (sourceTimeoutMillis <= 0) {
      throw usage("--source-timeout must be > 0: " + sourceTimeoutMillis,
          "Pass the milliseconds the sources may take together, e.g. --source-timeout 10000 (the default).");
    }
    HostProfile host = StoreAccess.hostProfile(home, options.hostProfile);
    Map<String, String> installed = StoreAccess.installedVersions(home);
    PluginCatalogBuilder b = PluginCatalog.builder()
        .sources(sources)
        .httpSettings(h -> h.allowInsecureHttp(options.allowHttp))
        .trustPolicy(StoreAccess.trust(home, options.trust))
        .hostProfile(() -> host.withInstalledPlugins(installed))
        .installed(() -> installed)
        .sourceTimeout(Duration.ofMillis(sourceTimeoutMillis));
    String github = options.githubApi != null ? options.githubApi : System.getenv("PLINTH_GITHUB_API");
    if (github != null && !github.isBlank()) {
      b.githubApiBase(github);
    }
    if (java.nio.file.Files.isDirectory(home)) {
      b.cacheDirectory(home.resolve("cache").resolve("catalog"));
    }
    return b.build();
  }

  /** Prints the plugins as a table, then one banner line per failed source. */
  static void print(CliOutput out, CatalogResult r) {
    if (r.plugins().isEmpty()) {
      out.summary("no plugins found");
    }
    for (CatalogPlugin p : r.plugins()) {
      String installed = p.installedVersion() == null ? "-" : p.installedVersion() + (p.updateAvailable() ? " (update)" : "");
      out.summary(String.format(Locale.ROOT, "%-24s %-10s %-16s %-12s %-15s %s", p.id(), p.latestVersion(), installed,
          p.compatibility().status().name().toLowerCase(Locale.ROOT), p.trust().name().toLowerCase(Locale.ROOT),
          p.installSource()));
    }
    for (SourceStatus s : r.failedSources()) {
      var e = s.error();
      out.summary("source failed: " + s.source() + ": " + (e == null ? "" : e.code() + ": " + e.message()
          + "\n  next step: " + e.nextStep()));
    }
    for (SourceStatus s : r.sources()) {
      s.warnings().forEach(w -> out.line("warning: " + s.source() + ": " + w));
    }
  }

  private static PlinthException usage(String message) {
    return usage(message,
        "Give --catalog URL or --source SPEC (index:URL, github-index:URL, maven:URL#group:artifact, folder:PATH).");
  }

  private static PlinthException usage(String message, String nextStep) {
    return new PlinthException(CliErrorCode.USAGE_INVALID, message, nextStep, Map.of(), null);
  }
}
