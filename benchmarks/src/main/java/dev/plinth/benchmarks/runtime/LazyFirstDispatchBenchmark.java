package dev.plinth.benchmarks.runtime;

import dev.plinth.manifest.PluginManifest;
import dev.plinth.runtime.PluginSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of the first dispatch to a lazy plugin's hook point: the dispatch that creates the
 * plugin's loader, starts it (worker, timeout, context) and then runs its handler. The home holds
 * {@code plugins} plugins, one of which ({@code hooked}) handles {@code bench.ping}; the host boots
 * all of them lazily before each measured call (not measured). Beside it, the same dispatch to the
 * plugin once it is started, so the ratio is the activation's share.
 *
 * <p>Each invocation activates once, so the activation code needs many warm-up invocations before
 * it is compiled (with 20 it still runs mostly interpreted, at about twice the cost).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar LazyFirstDispatchBenchmark -f 1 -wi 300 -i 100}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 300)
@Measurement(iterations = 100)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
public class LazyFirstDispatchBenchmark {
  @Param("200")
  public int plugins;

  private Path root;
  private Path home;
  private PluginSystem lazy;
  private PluginSystem warm;

  @Setup(Level.Trial)
  public void prepare() throws IOException {
    root = Files.createTempDirectory("plinth-lazy-dispatch-bench");
    BenchPlugins.prepare(root, plugins - 1);
    home = root.resolve("home");
    List<Path> bundles = new ArrayList<>(BenchHomes.bundles(root, "plinth"));
    bundles.add(BenchPlugins.prepareHooked(root, "hooked"));
    BenchHomes.install(home, bundles);
    warm = BenchHomes.host(home.resolveSibling("home-warm"), PluginManifest.Activation.EAGER);
    warm.install(dev.plinth.installer.InstallRequest.of(bundles.get(bundles.size() - 1).toString()).withEnable(true));
  }

  @Setup(Level.Invocation)
  public void bootLazily() {
    lazy = BenchHomes.host(home, PluginManifest.Activation.LAZY);
    lazy.boot();
  }

  @Benchmark
  public String plinth_firstDispatchActivates() {
    return check(lazy.hooks().dispatch(BenchPlugins.PING, "ping").data());
  }

  @Benchmark
  public String baseline_dispatchToStartedPlugin() {
    return check(warm.hooks().dispatch(BenchPlugins.PING, "ping").data());
  }

  @TearDown(Level.Invocation)
  public void closeLazy() {
    lazy.close();
  }

  @TearDown(Level.Trial)
  public void cleanUp() throws IOException {
    warm.close();
    BenchPlugins.deleteTree(root);
  }

  private static String check(String data) {
    if (!data.equals("ping!")) {
      throw new IllegalStateException("the handler did not run: " + data);
    }
    return data;
  }
}
