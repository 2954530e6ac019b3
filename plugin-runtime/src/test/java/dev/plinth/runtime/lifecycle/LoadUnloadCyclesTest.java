package dev.plinth.runtime.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.api.HealthStatus;
import dev.plinth.manifest.PluginManifest;
import dev.plinth.runtime.PingServer;
import dev.plinth.runtime.Sources;
import dev.plinth.runtime.TestBundles;
import dev.plinth.runtime.leak.LeakDetector;
import dev.plinth.runtime.testhost.spi.Greeter;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadUnloadCyclesTest {
  private static final int CYCLES = 200;

  @TempDir Path root;
  private PingServer server;

  @BeforeEach
  void startServer() throws Exception {
    server = PingServer.start();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  /**
   * The runtime's own per-unload wait is off here (one full GC per cycle would make this test slow);
   * every loader is checked through its weak reference at the end instead. Per-unload checks are
   * covered by {@code PluginRuntimeTest}.
   */
  @Test
  void loadUnload_200Cycles_leaksNoLoader() throws Exception {
    RuntimeFixture fx = new RuntimeFixture(root);
    PluginRuntime runtime = fx.runtime(s -> s.leakWait(Duration.ZERO));
    // Each start also calls out over HTTP: the shared client's threads start under the first one.
    Path dir = TestBundles.bundle(root.resolve("plugins"), "cycler", "1.0.0", TestBundles.jar("cycler.jar")
        .source("com.cycler.Entry", Sources.plugin("com.cycler.Entry",
            "context.files().resolve(\"x\"); context.config().asMap();"
                + " if (context.http().send(HttpAccess.Request.get(java.net.URI.create(\"" + server.url() + "\")))"
                + ".status() != 200) throw new IllegalStateException(\"no ping\");",
            "", "return HealthStatus.healthy();"))
        .plugin("com.cycler.Entry")
        .source("com.cycler.Hi", Sources.greeter("com.cycler.Hi", "hi"))
        .service(Greeter.class.getName(), "com.cycler.Hi"));
    PluginManifest m = TestBundles.manifest("cycler", "1.0.0").extension(Greeter.class).network("127.0.0.1").build();
    List<WeakReference<ClassLoader>> loaders = new ArrayList<>();

    for (int i = 0; i < CYCLES; i++) {
      runtime.load(m, dir);
      loaders.add(useAndTrack(runtime));
      assertThat(runtime.health("cycler")).isEqualTo(HealthStatus.healthy());
      assertThat(runtime.unload("cycler").clean()).isTrue();
    }

    // One collection usually clears them all; only survivors get a wait of their own.
    long leaked = loaders.stream()
        .filter(ref -> !ref.refersTo(null) && !LeakDetector.awaitCollected(ref, Duration.ofSeconds(5)))
        .count();
    assertThat(loaders).hasSize(CYCLES);
    assertThat(leaked).isZero();
  }

  /** Uses the extension and returns a weak reference to the loader that defined it. */
  private static WeakReference<ClassLoader> useAndTrack(PluginRuntime runtime) {
    Greeter g = runtime.extensions(Greeter.class).get(0).instance();
    assertThat(g.greet("x")).isEqualTo("hi x");
    return new WeakReference<>(g.getClass().getClassLoader());
  }
}
