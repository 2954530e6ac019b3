package dev.plinth.benchmarks.classloading;

import dev.plinth.manifest.PluginManifest;
import dev.plinth.runtime.classloading.ClassLoaderFactory;
import dev.plinth.runtime.classloading.PluginClassLoader;
import dev.plinth.runtime.classloading.SharedPackages;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the plugin loader's routing (JDK package set, shared-package prefixes, dependency exports)
 * costs per {@code loadClass} of an already-loaded class, against a plain parent-first {@link
 * URLClassLoader} over the same (empty) classpath, which is the baseline.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar PluginClassLoaderBenchmark -f 1 -wi 2 -i 3 -w 1s -r 1s}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PluginClassLoaderBenchmark {
  private static final String SHARED = "dev.plinth.api.Plugin";
  private static final String JDK = "java.util.ArrayList";

  private Path dir;
  private PluginClassLoader plugin;
  private URLClassLoader baseline;

  @Setup
  public void setUp() throws Exception {
    dir = Files.createTempDirectory("plinth-bench");
    Files.createDirectories(dir.resolve("classes"));
    PluginManifest m = new PluginManifest("bench", "1.0.0", "bench", "", List.of(), null,
        PluginManifest.Engine.NONE, PluginManifest.Runtime.DEFAULT, Map.of(),
        PluginManifest.Contributes.NONE, List.of(), PluginManifest.Permissions.NONE, Map.of());
    plugin = ClassLoaderFactory.of(SharedPackages.builder().export("com.example.host.spi").build())
        .create(m, dir, List.of());
    baseline = new URLClassLoader(new URL[] {dir.resolve("classes").toUri().toURL()},
        PluginClassLoaderBenchmark.class.getClassLoader());
  }

  @TearDown
  public void tearDown() throws Exception {
    plugin.close();
    baseline.close();
    Files.deleteIfExists(dir.resolve("classes"));
    Files.deleteIfExists(dir);
  }

  @Benchmark
  public Class<?> baseline_urlClassLoader_sharedClass() throws Exception {
    return baseline.loadClass(SHARED);
  }

  @Benchmark
  public Class<?> pluginLoader_sharedClass() throws Exception {
    return plugin.loadClass(SHARED);
  }

  @Benchmark
  public Class<?> baseline_urlClassLoader_jdkClass() throws Exception {
    return baseline.loadClass(JDK);
  }

  @Benchmark
  public Class<?> pluginLoader_jdkClass() throws Exception {
    return plugin.loadClass(JDK);
  }
}
