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
import org.pf4j.PluginManager;

/**
 * Cold boot of {@code plugins} small plugins, Plinth against PF4J (the baseline) in the same run.
 * Both sides do the same work per plugin, all inside the measured call: find it on disk, read its
 * descriptor, build a classloader over its one jar, find the entry class, instantiate it and call
 * {@code start}.
 *
 * <ul>
 *   <li>PF4J: {@code new JarPluginManager(dir)}, {@code loadPlugins()} (lists the jars, reads each
 *       jar's manifest for {@code Plugin-Id}/{@code Plugin-Class}, resolves dependencies, one {@code
 *       PluginClassLoader} per jar) and {@code startPlugins()} (loads the named class, instantiates
 *       it, calls {@code start()} on the calling thread).
 *   <li>Plinth: lists the plugin folders and parses each {@code plugin.toml} ({@code
 *       ManifestParser.parseAll}, which spreads the files over the processors), then {@code
 *       PluginRuntime.boot}: boot ordering, classpath resolution and the bundle check (host classes
 *       refused; the same pass over the jar reads {@code META-INF/services/dev.plinth.api.Plugin}),
 *       one {@code PluginClassLoader} per plugin, the entry found from that services file by
 *       {@code ServiceLoader}'s rules and kept only when the plugin's own loader defines it, a
 *       permission-checked context with its data folder, and {@code start} on a worker thread under
 *       a timeout. Boot prepares loaders and entries on a helper thread and on the boot thread while
 *       earlier plugins start; the starts themselves run one at a time in dependency order. Plinth
 *       does more per plugin (the bundle check, the context and its folder, the timeout); PF4J
 *       resolves dependencies and checks versions much as Plinth's boot ordering does.
 * </ul>
 *
 * <p>Each invocation builds a fresh manager or runtime; the iteration teardown stops and unloads
 * everything (PF4J closes its loaders, so no jar stays open into the next iteration on either
 * side) and then runs a full collection, so that no boot is measured together with a collection of
 * the previous iteration's garbage. The first warmup iteration of Plinth creates the data folders; later ones find them, as
 * every boot after a host's first does. Plinth's call workers are pooled JVM-wide, so warm
 * iterations reuse them, as a host's boot after startup would.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar RuntimeBootBenchmark -f 1 -wi 3 -i 5}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
// A fixed, pre-touched heap: on virtual machines the first touch of memory the collector has just
// committed costs a page fault per page, which would be measured as dispatch or boot time.
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
public class RuntimeBootBenchmark {
  @Param("200")
  public int plugins;

  private Path root;
  private PluginRuntime runtime;
  private PluginManager pf4j;
  private List<BootCandidate> parsed;

  @Setup(Level.Trial)
  public void prepare() throws IOException {
    root = Files.createTempDirectory("plinth-boot-bench");
    BenchPlugins.prepare(root, plugins);
    parsed = BenchPlugins.candidates(root);
  }

  @Benchmark
  public int baseline_pf4jLoadAndStart() {
    pf4j = BenchPlugins.pf4jBoot(root);
    return check(pf4j.getStartedPlugins().size());
  }

  @Benchmark
  public int plinth_runtimeBoot() {
    List<BootCandidate> candidates = BenchPlugins.candidates(root);
    runtime = BenchPlugins.runtime(root);
    BootReport report = runtime.boot(candidates);
    return check(report.loaded().size());
  }

  /**
   * The same boot from manifests parsed once in the trial's setup: only the loader, entry and start
   * work the issue names ({@code loader + ServiceLoader + start}), to show what reading and
   * validating 200 {@code plugin.toml} files adds to {@link #plinth_runtimeBoot}. PF4J has no
   * counterpart: its descriptors are read inside {@code loadPlugins}.
   */
  @Benchmark
  public int plinth_runtimeBootParsedManifests() {
    runtime = BenchPlugins.runtime(root);
    BootReport report = runtime.boot(parsed);
    return check(report.loaded().size());
  }

  @TearDown(Level.Iteration)
  public void unloadAll() {
    if (runtime != null) {
      runtime.close();
      runtime = null;
    }
    BenchPlugins.pf4jClose(pf4j);
    pf4j = null;
    // Collect the unloaded iteration's loaders and garbage now, so the next measured boot (of
    // either system) does not pay for a collection of what this one left behind.
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
