package dev.plinth.benchmarks.runtime;

import dev.plinth.runtime.lifecycle.PluginRuntime;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.pf4j.JarPluginManager;

/**
 * What a warm boot of {@code plugins} small plugins costs in processor time as well as in wall time,
 * Plinth against PF4J in the same JVM. {@link RuntimeBootBenchmark} measures wall time only; this
 * harness adds the process's CPU time over the same calls ({@code OperatingSystemMXBean
 * .getProcessCpuTime}, all threads), which shows how much of Plinth's wall time parallel work on
 * more cores can still take away, and how much work each side does per plugin.
 *
 * <p>Rounds alternate between the two systems; each round boots (measured), then stops and unloads
 * everything and runs a full collection (not measured). The first {@code warmup} rounds of each are
 * dropped; the median wall time and the mean CPU time are printed. The process time includes the JIT compiler and GC threads while a
 * boot runs, which after warm-up are mostly idle.
 *
 * <p>Run: {@code java -Xms1g -Xmx1g -cp benchmarks/target/benchmarks.jar
 * dev.plinth.benchmarks.runtime.RuntimeBootCpu 200 150 50} (plugins, rounds, warm-up rounds). Prefix
 * {@code taskset -c 0} to compare both on one core.
 */
public final class RuntimeBootCpu {
  private RuntimeBootCpu() {}

  /** One measured boot: wall and process CPU time, in milliseconds. */
  private record Sample(double wallMs, double cpuMs) {}

  public static void main(String[] args) throws Exception {
    int plugins = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
    int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    if (rounds <= warmup) {
      throw new IllegalArgumentException("rounds must exceed warm-up rounds: " + rounds + " <= " + warmup);
    }
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    Path root = Files.createTempDirectory("plinth-boot-cpu");
    try {
      BenchPlugins.prepare(root, plugins);
      List<Sample> pf4j = new ArrayList<>();
      List<Sample> plinth = new ArrayList<>();
      for (int i = 0; i < rounds; i++) {
        Sample a = pf4jBoot(root, plugins, os);
        Sample b = plinthBoot(root, plugins, os);
        if (i >= warmup) {
          pf4j.add(a);
          plinth.add(b);
        }
      }
      double pw = medianWall(pf4j);
      double pc = mean(pf4j);
      double qw = medianWall(plinth);
      double qc = mean(plinth);
      System.out.printf(Locale.ROOT, "warm boot of %d plugins, %d rounds each (wall: median, cpu: mean), %d processors%n",
          plugins, rounds - warmup, Runtime.getRuntime().availableProcessors());
      System.out.printf(Locale.ROOT, "pf4j   wall %7.1f ms  cpu %7.1f ms  (%.0f us cpu per plugin)%n",
          pw, pc, pc * 1000 / plugins);
      System.out.printf(Locale.ROOT, "plinth wall %7.1f ms  cpu %7.1f ms  (%.0f us cpu per plugin)%n",
          qw, qc, qc * 1000 / plugins);
      System.out.printf(Locale.ROOT, "plinth / pf4j: wall %.2f, cpu %.2f%n", qw / pw, qc / pc);
    } finally {
      BenchPlugins.deleteTree(root);
    }
  }

  private static Sample pf4jBoot(Path root, int plugins, com.sun.management.OperatingSystemMXBean os) {
    long c0 = os.getProcessCpuTime();
    long w0 = System.nanoTime();
    JarPluginManager m = new JarPluginManager(root.resolve("pf4j"));
    m.loadPlugins();
    m.startPlugins();
    long w1 = System.nanoTime();
    long c1 = os.getProcessCpuTime();
    check(m.getStartedPlugins().size(), plugins);
    m.stopPlugins();
    m.unloadPlugins();
    System.gc();
    return new Sample((w1 - w0) / 1e6, (c1 - c0) / 1e6);
  }

  private static Sample plinthBoot(Path root, int plugins, com.sun.management.OperatingSystemMXBean os) {
    long c0 = os.getProcessCpuTime();
    long w0 = System.nanoTime();
    PluginRuntime runtime = BenchPlugins.runtime(root);
    int loaded = runtime.boot(BenchPlugins.candidates(root)).loaded().size();
    long w1 = System.nanoTime();
    long c1 = os.getProcessCpuTime();
    check(loaded, plugins);
    runtime.close();
    System.gc();
    return new Sample((w1 - w0) / 1e6, (c1 - c0) / 1e6);
  }

  /**
   * The mean CPU time: the process clock advances in ticks (10 ms on Linux), so a median would be a
   * whole number of ticks; the mean of many rounds is not.
   */
  private static double mean(List<Sample> samples) {
    double sum = 0;
    for (Sample s : samples) {
      sum += s.cpuMs();
    }
    return sum / samples.size();
  }

  private static void check(int started, int plugins) {
    if (started != plugins) {
      throw new IllegalStateException("started " + started + " of " + plugins + " plugins");
    }
  }

  private static double medianWall(List<Sample> samples) {
    List<Double> values = new ArrayList<>();
    for (Sample s : samples) {
      values.add(s.wallMs());
    }
    Collections.sort(values);
    int n = values.size();
    return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
  }
}
