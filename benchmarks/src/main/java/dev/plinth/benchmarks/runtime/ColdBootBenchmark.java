package dev.plinth.benchmarks.runtime;

import dev.plinth.manifest.PluginManifest;
import dev.plinth.runtime.PluginSystem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * Time to ready of the first boot in a fresh JVM, under JMH: each fork measures one boot and
 * nothing ran before it but JMH's own harness. The same 200 plugins as {@link IndexBootBenchmark},
 * PF4J's jars beside them as the baseline, in the same run.
 *
 * <p>{@link IndexBootBenchmark}'s trial set-up compiles the plugins with javac and installs them
 * inside the fork, which warms much of the JDK (and all of Plinth) before the first measured boot.
 * Here the set-up only makes sure the plugins and the installed home exist: the first fork of a
 * run writes them in a child JVM ({@code RuntimeColdBoot --prepare}), so no fork's own JVM loads
 * more than JMH did before it measures; later forks find them ready. The folder is under
 * {@code java.io.tmpdir}, named after the plugin count and this jar's build time (a rebuilt jar
 * prepares afresh), and is kept for the next run.
 *
 * <p>The scores are single shots, one per fork: JMH reports their mean and error over the forks;
 * read the ratios to {@code baseline_pf4jLoadAndStart} from the same run. {@link RuntimeColdBoot}
 * measures the same boots from a bare {@code main} (without JMH's harness, which has already
 * loaded reflection and lambda support), with medians, with a class-data sharing archive or an
 * ahead-of-time cache, and the floor no plugin system can go below.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar ColdBootBenchmark} (20 forks per
 * benchmark; {@code -f N} for another count). Options that add warm-up or measured iterations
 * ({@code -wi}, {@code -i}) make the later boots of a fork warm, which is not what this measures.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(20)
public class ColdBootBenchmark {
  @Param("200")
  public int plugins;

  private Path root;
  private PluginSystem system;
  private PluginManager pf4j;

  @Setup(Level.Trial)
  public void prepared() throws IOException, InterruptedException {
    Path jar = Path.of(ColdBootBenchmark.class.getProtectionDomain().getCodeSource().getLocation().getPath());
    root = Path.of(System.getProperty("java.io.tmpdir"),
        "plinth-cold-boot-jmh-" + plugins + "-" + Files.getLastModifiedTime(jar).toMillis());
    Path ready = root.resolve("ready");
    if (Files.exists(ready)) {
      return;
    }
    BenchPlugins.deleteTree(root);
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), RuntimeColdBoot.class.getName(),
        "--prepare", root.toString(), Integer.toString(plugins))
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException("preparing " + root + " failed: " + out);
    }
    Files.writeString(ready, Integer.toString(plugins));
  }

  @Benchmark
  public int baseline_pf4jLoadAndStart() {
    pf4j = BenchPlugins.pf4jBoot(root);
    return check(pf4j.getStartedPlugins().size());
  }

  @Benchmark
  public int plinth_indexBootEager() {
    system = BenchHomes.host(root.resolve("home"), PluginManifest.Activation.EAGER);
    return check(system.boot().loaded().size());
  }

  @Benchmark
  public int plinth_indexBootLazy() {
    system = BenchHomes.host(root.resolve("home"), PluginManifest.Activation.LAZY);
    return check(BenchHomes.lazilyRegistered(system.boot()));
  }

  /** What any boot from the index pays with no plugin system at all ({@link RuntimeColdBoot#floor}). */
  @Benchmark
  public int floor_noPluginSystem() {
    return check(RuntimeColdBoot.floor(root.resolve("home")));
  }

  @TearDown(Level.Trial)
  public void closeAll() {
    if (system != null) {
      system.close();
      system = null;
    }
    BenchPlugins.pf4jClose(pf4j);
    pf4j = null;
  }

  private int check(int n) {
    return BenchPlugins.check(n, plugins);
  }
}
