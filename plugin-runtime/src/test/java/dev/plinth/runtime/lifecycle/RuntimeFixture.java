package dev.plinth.runtime.lifecycle;

import dev.plinth.manifest.PluginManifest;
import dev.plinth.runtime.RecordingSink;
import dev.plinth.runtime.RuntimeSettings;
import dev.plinth.runtime.Sources;
import dev.plinth.runtime.TestBundles;
import dev.plinth.runtime.guard.AutoDisable;
import dev.plinth.runtime.testhost.spi.Greeter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Builds runtimes and real plugin bundles for lifecycle tests. */
final class RuntimeFixture {
  final Path root;
  final RecordingSink sink = new RecordingSink();
  final List<AutoDisable> trips = new CopyOnWriteArrayList<>();

  RuntimeFixture(Path root) {
    this.root = root;
  }

  static RuntimeSettings.Builder settings() {
    return RuntimeSettings.builder()
        .exportPackage("dev.plinth.runtime.testhost.spi")
        .environment(Map.of())
        .stopTimeout(Duration.ofSeconds(2));
  }

  PluginRuntime runtime(Consumer<RuntimeSettings.Builder> tune) {
    RuntimeSettings.Builder b = settings();
    tune.accept(b);
    return PluginRuntime.builder(root.resolve("data"))
        .settings(b.build())
        .events(sink)
        .extensionInterfaces(Set.of(Greeter.class))
        .configs(id -> Map.of("owner", id))
        .onAutoDisable(trips::add)
        .build();
  }

  /** A bundle whose plugin runs the given statements in start, stop and health. */
  Path bundle(String id, String version, String start, String stop, String health) throws IOException {
    String cls = "com." + id + ".Entry";
    return TestBundles.bundle(root.resolve("plugins"), id, version, TestBundles.jar(id + ".jar")
        .source(cls, Sources.plugin(cls, start, stop, health)).plugin(cls));
  }

  Path simple(String id) throws IOException {
    return bundle(id, "1.0.0", "", "", "return HealthStatus.healthy();");
  }

  static PluginManifest manifest(String id) {
    return TestBundles.manifest(id, "1.0.0").build();
  }
}
