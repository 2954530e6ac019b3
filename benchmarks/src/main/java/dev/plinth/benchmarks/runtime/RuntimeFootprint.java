package dev.plinth.benchmarks.runtime;

import dev.plinth.runtime.lifecycle.BootCandidate;
import dev.plinth.runtime.lifecycle.PluginRuntime;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.pf4j.JarPluginManager;
import org.pf4j.PluginManager;

/**
 * Memory figures JMH does not give: retained heap per idle loaded plugin (used heap after full GCs,
 * with {@code plugins} loaded minus before, divided by {@code plugins}) for Plinth and PF4J, and
 * Metaspace used before and after {@code cycles} load/unload cycles of one plugin (after a warm-up
 * and full GCs; the goal is growth of at most 5 %, i.e. unloaded plugins' classes are reclaimed).
 *
 * <p>Heap figures from {@code MemoryMXBean} after {@code System.gc()} are estimates: run with a
 * fixed heap and a single GC to make them steadier, e.g.
 * {@code java -Xms512m -Xmx512m -XX:+UseSerialGC -cp benchmarks/target/benchmarks.jar
 * dev.plinth.benchmarks.runtime.RuntimeFootprint 200 1000}.
 */
public final class RuntimeFootprint {
  private RuntimeFootprint() {}

  public static void main(String[] args) throws Exception {
    int plugins = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int cycles = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    Path root = Files.createTempDirectory("plinth-footprint");
    try {
      BenchPlugins.prepare(root, plugins);
      List<BootCandidate> candidates = BenchPlugins.candidates(root);
      heapPerPlugin(root, candidates);
      pf4jHeapPerPlugin(root, plugins);
      report("plinth heap per idle plugin (bytes)", heapPerPlugin(root, candidates));
      report("pf4j   heap per idle plugin (bytes)", pf4jHeapPerPlugin(root, plugins));
      metaspaceCycles(root, candidates.get(0), cycles);
    } finally {
      BenchPlugins.deleteTree(root);
    }
  }

  private static long heapPerPlugin(Path root, List<BootCandidate> candidates) {
    long before = usedHeapAfterGc();
    PluginRuntime runtime = BenchPlugins.runtime(root);
    runtime.boot(candidates);
    long after = usedHeapAfterGc();
    int loaded = runtime.plugins().size();
    runtime.close();
    return (after - before) / Math.max(1, loaded);
  }

  private static long pf4jHeapPerPlugin(Path root, int plugins) {
    long before = usedHeapAfterGc();
    PluginManager pf4j = new JarPluginManager(root.resolve("pf4j"));
    pf4j.loadPlugins();
    pf4j.startPlugins();
    long after = usedHeapAfterGc();
    int started = pf4j.getStartedPlugins().size();
    pf4j.stopPlugins();
    pf4j.unloadPlugins();
    return (after - before) / Math.max(1, Math.min(started, plugins));
  }

  private static void metaspaceCycles(Path root, BootCandidate one, int cycles) {
    PluginRuntime runtime = BenchPlugins.runtime(root);
    for (int i = 0; i < 100; i++) {
      runtime.load(one.manifest(), one.versionDir());
      runtime.unload(one.id());
    }
    long before = metaspaceAfterGc();
    long classesBefore = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
    for (int i = 0; i < cycles; i++) {
      runtime.load(one.manifest(), one.versionDir());
      runtime.unload(one.id());
      if (i % 200 == 199) {
        System.gc();
      }
    }
    long after = metaspaceAfterGc();
    long classesAfter = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
    runtime.close();
    report("metaspace used before " + cycles + " cycles (bytes)", before);
    report("metaspace used after  " + cycles + " cycles (bytes)", after);
    System.out.printf(Locale.ROOT, "%-48s %+.2f %%%n", "metaspace growth", 100.0 * (after - before) / before);
    report("loaded classes before", classesBefore);
    report("loaded classes after", classesAfter);
  }

  private static long usedHeapAfterGc() {
    gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static long metaspaceAfterGc() {
    gc();
    return ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getName().equals("Metaspace"))
        .mapToLong(p -> p.getUsage().getUsed())
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no Metaspace memory pool in this JVM"));
  }

  private static void gc() {
    for (int i = 0; i < 4; i++) {
      System.gc();
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static void report(String what, long value) {
    System.out.printf(Locale.ROOT, "%-48s %,d%n", what, value);
  }
}
