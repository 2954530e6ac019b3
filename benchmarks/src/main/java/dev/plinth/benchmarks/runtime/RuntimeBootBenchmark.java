package dev.plinth.benchmarks.runtime;

import dev.plinth.runtime.lifecycle.BootCandidate;
import dev.plinth.runtime.lifecycle.BootReport;
import dev.plinth.runtime.lifecycle.PluginRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.pf4j.JarPluginManager;
import org.pf4j.PluginManager;

/**
 * Cold boot of {@code plugins} small plugins: a classloader per plugin, entry discovery, an
 * instance and {@code start()}. Plinth ({@code PluginRuntime.boot} over prepared version folders:
 * boot ordering, bundle check, {@code ServiceLoader} restricted to the plugin's own loader, a
 * permission-checked context with a data folder, {@code start} on its own thread under a timeout)
 * against PF4J's {@code JarPluginManager} ({@code loadPlugins} + {@code startPlugins} over jars with
 * {@code Plugin-Id}/{@code Plugin-Class} manifests), the baseline, in the same run. Each iteration
 * builds a fresh manager; everything is unloaded after it.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar RuntimeBootBenchmark -f 1 -wi 3 -i 5}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(1)
public class RuntimeBootBenchmark {
  @Param("200")
  public int plugins;

  private Path root;
  private List<BootCandidate> candidates;
  private PluginRuntime runtime;
  private PluginManager pf4j;

  @Setup(Level.Trial)
  public void prepare() throws IOException {
    root = Files.createTempDirectory("plinth-boot-bench");
    BenchPlugins.prepare(root, plugins);
    candidates = BenchPlugins.candidates(root, plugins);
  }

  @Benchmark
  public int baseline_pf4jLoadAndStart() {
    pf4j = new JarPluginManager(root.resolve("pf4j"));
    pf4j.loadPlugins();
    pf4j.startPlugins();
    return check(pf4j.getStartedPlugins().size());
  }

  @Benchmark
  public int plinth_runtimeBoot() {
    runtime = BenchPlugins.runtime(root);
    BootReport report = runtime.boot(candidates);
    return check(report.loaded().size());
  }

  @TearDown(Level.Iteration)
  public void unloadAll() {
    if (runtime != null) {
      runtime.close();
      runtime = null;
    }
    if (pf4j != null) {
      pf4j.stopPlugins();
      pf4j.unloadPlugins();
      pf4j = null;
    }
  }

  @TearDown(Level.Trial)
  public void cleanUp() throws IOException {
    BenchPlugins.deleteTree(root);
  }

  private int check(int started) {
    if (started != plugins) {
      throw new IllegalStateException("started " + started + " of " + plugins + " plugins");
    }
    return started;
  }
}
