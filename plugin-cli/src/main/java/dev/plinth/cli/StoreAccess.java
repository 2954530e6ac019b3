package dev.plinth.cli;

import dev.plinth.api.PlinthException;
import dev.plinth.installer.download.HttpSettings;
import dev.plinth.installer.events.EventSink;
import dev.plinth.installer.events.JsonlEventSink;
import dev.plinth.installer.pipeline.Pipeline;
import dev.plinth.installer.pipeline.PipelineBuilder;
import dev.plinth.installer.store.PluginStore;
import dev.plinth.installer.trust.TrustPolicy;
import dev.plinth.manifest.HostProfile;
import dev.plinth.manifest.HostProfiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Opens the plugin store of {@code --home} the way the command line uses it: the real pipeline as
 * stager, no activator (a running host picks changes up with {@code PluginSystem.rescan()}), the
 * host profile from {@code host.toml}, and the home's event log.
 */
final class StoreAccess {
  private StoreAccess() {}

  static JsonlEventSink events(Path home) {
    return JsonlEventSink.builder(home.resolve("events.jsonl")).build();
  }

  /** A store for reading and for operations that need no download (enable, rollback, uninstall, list). */
  static PluginStore open(Path home) {
    if (!Files.isDirectory(home)) {
      throw new PlinthException(CliErrorCode.HOME_NOT_FOUND, "--home is not a plugin home: " + home,
          "Pass the home a host uses (--home DIR), or install a plugin there first.", Map.of("home", home.toString()), null);
    }
    return PluginStore.builder().home(home).eventSink(events(home)).build();
  }

  /** A store that can download and install, configured from the source options. */
  static PluginStore openForInstall(Path home, SourceOptions options, EventSink extra) {
    HostProfile host = hostProfile(home, options.hostProfile);
    Map<String, String> installed = installedVersions(home);
    JsonlEventSink log = events(home);
    EventSink sink = event -> {
      log.emit(event);
      extra.emit(event);
    };
    PipelineBuilder pipeline = Pipeline.builder()
        .httpSettings(HttpSettings.builder().allowInsecureHttp(options.allowHttp).build())
        .trustPolicy(trust(home, options.trust))
        .eventSink(sink);
    String github = first(options.githubApi, System.getenv("PLINTH_GITHUB_API"));
    if (github != null) {
      pipeline.githubApiBase(github);
    }
    String maven = first(options.mavenRepo, System.getenv("PLINTH_MAVEN_REPO"));
    if (maven != null) {
      pipeline.mavenRepository(maven);
    }
    List<String> catalogs = options.catalogs;
    String envCatalogs = System.getenv("PLINTH_CATALOGS");
    if (catalogs.isEmpty() && envCatalogs != null && !envCatalogs.isBlank()) {
      catalogs = Arrays.stream(envCatalogs.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
    if (!catalogs.isEmpty()) {
      pipeline.catalogIndexes(catalogs);
    }
    return PluginStore.builder()
        .home(home)
        .stager(pipeline.build())
        .hostProfile(() -> host.withInstalledPlugins(installed))
        .eventSink(sink)
        .build();
  }

  static HostProfile hostProfile(Path home, @Nullable Path explicit) {
    Path file = explicit != null ? explicit : home.resolve(HostProfiles.FILE_NAME);
    if (!Files.isRegularFile(file)) {
      throw new PlinthException(CliErrorCode.HOST_PROFILE_MISSING,
          "host profile not found: " + file,
          "Start the host application once on this home (PluginSystem writes host.toml), or pass --host-profile FILE.",
          Map.of("path", file.toString()), null);
    }
    return HostProfiles.read(file);
  }

  static TrustPolicy trust(Path home, @Nullable Path explicit) {
    if (explicit != null) {
      return TrustPolicy.load(explicit);
    }
    Path file = home.resolve("trust.toml");
    return Files.isRegularFile(file) ? TrustPolicy.load(file) : TrustPolicy.defaults();
  }

  static Map<String, String> installedVersions(Path home) {
    try {
      java.util.Map<String, String> out = new java.util.TreeMap<>();
      open(home).list().forEach(p -> {
        if (p.currentVersion() != null) {
          out.put(p.id(), p.currentVersion());
        }
      });
      return out;
    } catch (PlinthException e) {
      return Map.of();
    }
  }

  private static @Nullable String first(@Nullable String a, @Nullable String b) {
    return a != null && !a.isBlank() ? a : (b != null && !b.isBlank() ? b : null);
  }
}
