package dev.plinth.benchmarks.runtime;

import dev.plinth.manifest.PluginManifest;
import dev.plinth.runtime.PluginSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.pf4j.PluginManager;

/**
 * Time to ready of a host whose {@code plugins} plugins were installed through the store, so boot
 * reads the install-time index ({@code index.json}) instead of every {@code plugin.toml}; PF4J with
 * the same plugins as jars is the baseline, in the same run.
 *
 * <ul>
 *   <li>{@code baseline_pf4jLoadAndStart}: as in {@link RuntimeBootBenchmark}.
 *   <li>{@code plinth_indexBootEager}: {@code PluginSystem.builder()…build()} (opens the store:
 *       lock, recovery check, {@code host.toml}) and {@code boot()}: the index is read and checked
 *       (each entry's digest, and one stat of {@code current/plugin.toml} against the entry's
 *       stamp, size and time), then every plugin is loaded and started as in {@link RuntimeBootBenchmark},
 *       its loader made from the entry's boot facts, with events written to {@code events.jsonl}.
 *   <li>{@code plinth_indexBootLazy}: the same host with lazy activation as its default: the index
 *       is read and checked, and each plugin is registered without a loader; nothing starts.
 * </ul>
 *
 * <p>Installing the plugins happens once per trial and is not measured. Each invocation builds a
 * fresh system; the iteration teardown closes it (unloading what started) and collects garbage.
 *
 * <p>Each iteration is one boot, so warming up takes many (a few boots leave the JIT's work, and
 * the Jackson and file-system caches, unfinished; the scores keep falling for some 50 boots).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar IndexBootBenchmark -f 1 -wi 200 -i 100}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 200)
@Measurement(iterations = 100)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
public class IndexBootBenchmark {
  @Param("200")
  public int plugins;

  private Path root;
  private Path home;
  private PluginSystem system;
  private PluginManager pf4j;

  @Setup(Level.Trial)
  public void prepare() throws IOException {
    root = Files.createTempDirectory("plinth-index-boot-bench");
    BenchPlugins.prepare(root, plugins);
    home = root.resolve("home");
    BenchHomes.install(home, BenchHomes.bundles(root, "plinth"));
  }

  @Benchmark
  public int baseline_pf4jLoadAndStart() {
    pf4j = BenchPlugins.pf4jBoot(root);
    return check(pf4j.getStartedPlugins().size());
  }

  @Benchmark
  public int plinth_indexBootEager() {
    system = BenchHomes.host(home, PluginManifest.Activation.EAGER);
    return check(system.boot().loaded().size());
  }

  @Benchmark
  public int plinth_indexBootLazy() {
    system = BenchHomes.host(home, PluginManifest.Activation.LAZY);
    return check(BenchHomes.lazilyRegistered(system.boot()));
  }

  @TearDown(Level.Iteration)
  public void closeAll() {
    if (system != null) {
      system.close();
      system = null;
    }
    BenchPlugins.pf4jClose(pf4j);
    pf4j = null;
    System.gc();
  }

  @TearDown(Level.Trial)
  public void cleanUp() throws IOException {
    BenchPlugins.deleteTree(root);
  }

  private int check(int n) {
    return BenchPlugins.check(n, plugins);
  }
}
