package dev.plinth.benchmarks.runtime;

import dev.plinth.installer.InstallRequest;
import dev.plinth.manifest.PluginManifest;
import dev.plinth.runtime.HostInfo;
import dev.plinth.runtime.PluginSystem;
import dev.plinth.runtime.RuntimeSettings;
import dev.plinth.runtime.lifecycle.BootReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Plugin homes for the boot-from-index benchmarks: the plugins of {@link BenchPlugins} installed
 * through a real {@link PluginSystem} (each install writes its entry of {@code index.json}), and
 * the host that opens such a home, with the boot's activation default.
 */
final class BenchHomes {
  private BenchHomes() {}

  /** Installs, enabled, every version folder under {@code bundles/<id>/1.0.0}, in id order. */
  static void install(Path home, List<Path> bundles) {
    try (PluginSystem system = host(home, PluginManifest.Activation.EAGER)) {
      for (Path bundle : bundles) {
        var outcome = system.install(InstallRequest.of(bundle.toString()).withEnable(true));
        if (!outcome.succeeded()) {
          throw new IllegalStateException("benchmark install failed: " + outcome);
        }
      }
    }
  }

  /** The version folders of {@code root/<kind>/}, in id order. */
  static List<Path> bundles(Path root, String kind) throws IOException {
    try (Stream<Path> ids = Files.list(root.resolve(kind))) {
      return ids.sorted().map(p -> p.resolve("1.0.0")).toList();
    }
  }

  /** The plugins a boot registered without loading them (lazy activation). */
  static int lazilyRegistered(BootReport report) {
    return (int) report.skipped().stream().filter(s -> s.reason() == BootReport.SkipReason.LAZY).count();
  }

  /**
   * A host on {@code home} offering {@code bench.ping}: no leak wait (unloads are measured
   * elsewhere), no environment, the given activation default.
   */
  static PluginSystem host(Path home, PluginManifest.Activation activation) {
    return PluginSystem.builder()
        .home(home)
        .host(HostInfo.of("bench-host", "1.0.0"))
        .hookPoint(BenchPlugins.PING)
        .settings(RuntimeSettings.builder().environment(Map.of()).leakWait(Duration.ZERO)
            .defaultActivation(activation).build())
        .build();
  }
}
