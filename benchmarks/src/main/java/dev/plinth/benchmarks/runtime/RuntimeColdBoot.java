package dev.plinth.benchmarks.runtime;

import dev.plinth.manifest.PluginManifest;
import dev.plinth.runtime.PluginSystem;
import dev.plinth.runtime.lifecycle.BootReport;
import dev.plinth.runtime.lifecycle.PluginRuntime;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32C;
import org.pf4j.JarPluginManager;
import org.slf4j.LoggerFactory;

/**
 * The boot a host really pays: the first one, in a fresh JVM. JMH's single-shot forks still compile
 * the benchmark plugins with javac inside the fork before measuring, which warms much of the JDK;
 * here the plugins are written once by this process, and every measured boot runs in a child JVM of
 * its own that does nothing else first. Children alternate between PF4J and Plinth, and the medians
 * and their ratio come from the same run.
 *
 * <p>Each child measures, from its {@code main}: PF4J's {@code new JarPluginManager(dir)},
 * {@code loadPlugins()} and {@code startPlugins()}; Plinth's listing and parsing of the manifests
 * ({@code ManifestParser.parseAll}), building the runtime and {@code boot}. Both include loading
 * their own classes, which is part of a cold start. Then a host on a home where the same plugins
 * were installed through the store: {@code PluginSystem.builder()…build()} and {@code boot()}
 * from the install-time index, with eager ({@code index-eager}) and lazy ({@code index-lazy})
 * activation as the host's default. Last, {@code floor}: what any boot from that index pays with no
 * plugin system at all (logging set-up, one streaming pass over the index and the state, one
 * CRC-32C, one stat per plugin), the bound below which no change to Plinth's own code can go.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.plinth.benchmarks.runtime.RuntimeColdBoot 200 10}
 * (plugins, runs per system); a third argument {@code cds} first records one class-data sharing
 * archive per system (a training boot with {@code -XX:ArchiveClassesAtExit}) and gives it to that
 * system's children, as a host would ship one; {@code aot} (JDK 25 or newer) does the same with an
 * ahead-of-time cache ({@code -XX:AOTCacheOutput}, then {@code -XX:AOTCache}), which also keeps
 * the classes linked and the lambdas and method handles they use resolved. To profile one boot: {@code … RuntimeColdBoot --prepare DIR 200} writes
 * the plugins and the installed home under {@code DIR} and keeps them; {@code … RuntimeColdBoot
 * --child DIR index-lazy} (or {@code pf4j}, {@code plinth}, {@code index-eager}, {@code floor}) then boots once.
 */
public final class RuntimeColdBoot {
  private RuntimeColdBoot() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 3 && args[0].equals("--child")) {
      child(Path.of(args[1]), args[2]);
      return;
    }
    if (args.length == 3 && args[0].equals("--prepare")) {
      Path keep = Path.of(args[1]);
      BenchPlugins.prepare(keep, Integer.parseInt(args[2]));
      BenchHomes.install(keep.resolve("home"), BenchHomes.bundles(keep, "plinth"));
      return;
    }
    int plugins = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    String cache = args.length > 2 ? args[2] : "none";
    if (!List.of("none", "cds", "aot").contains(cache)) {
      throw new IllegalArgumentException("third argument must be cds or aot: " + cache);
    }
    if (cache.equals("aot") && Runtime.version().feature() < 25) {
      throw new IllegalArgumentException("aot needs JDK 25 or newer (-XX:AOTCacheOutput), this is " + Runtime.version());
    }
    Path root = Files.createTempDirectory("plinth-cold-boot");
    try {
      BenchPlugins.prepare(root, plugins);
      BenchHomes.install(root.resolve("home"), BenchHomes.bundles(root, "plinth"));
      if (!cache.equals("none")) {
        for (String system : SYSTEMS) {
          train(root, system, cache);
        }
      }
      settle();
      List<Double> pf4j = new ArrayList<>();
      List<Double> plinth = new ArrayList<>();
      List<Double> eager = new ArrayList<>();
      List<Double> lazy = new ArrayList<>();
      List<Double> floor = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        pf4j.add(runChild(root, "pf4j", cache));
        plinth.add(runChild(root, "plinth", cache));
        eager.add(runChild(root, "index-eager", cache));
        lazy.add(runChild(root, "index-lazy", cache));
        floor.add(runChild(root, "floor", cache));
      }
      double p = median(pf4j);
      System.out.printf(Locale.ROOT, "cold boot of %d plugins, median of %d fresh JVMs each%s%n", plugins, runs,
          cache.equals("cds") ? ", each system with its own class-data sharing archive"
              : cache.equals("aot") ? ", each system with its own ahead-of-time cache" : "");
      System.out.printf(Locale.ROOT, "pf4j          %8.1f ms  (all: %s)%n", p, pf4j);
      report("plinth", plinth, p);
      report("index-eager", eager, p);
      report("index-lazy", lazy, p);
      report("floor", floor, p);
    } finally {
      BenchPlugins.deleteTree(root);
    }
  }

  /**
   * Lets this JVM's compiler threads finish (it just ran javac) and the new files reach the disk,
   * so neither competes with the children for the cores: {@code sync} where the OS has it.
   */
  private static void settle() throws InterruptedException {
    try {
      new ProcessBuilder("sync").inheritIO().start().waitFor();
    } catch (IOException e) {
      // no sync command (not a Unix): the pause below still lets the compiler finish
    }
    System.gc();
    Thread.sleep(3000);
  }

  private static void report(String name, List<Double> runs, double pf4j) {
    double q = median(runs);
    System.out.printf(Locale.ROOT, "%-13s %8.1f ms  (all: %s)  / pf4j = %.2f%n", name, q, runs, q / pf4j);
  }

  private static final List<String> SYSTEMS = List.of("pf4j", "plinth", "index-eager", "index-lazy", "floor");

  /**
   * One boot of {@code system} that writes the classes it loaded into a dynamic class-data sharing
   * archive ({@code -XX:ArchiveClassesAtExit}), which its measured children then map
   * ({@code -XX:SharedArchiveFile}): what a host gains from shipping such an archive.
   */
  private static void train(Path root, String system, String cache) throws IOException, InterruptedException {
    runChild(root, system, cache.equals("aot")
        ? List.of("-XX:AOTCacheOutput=" + archive(root, system, cache))
        : List.of("-XX:ArchiveClassesAtExit=" + archive(root, system, cache), "-Xshare:auto"));
  }

  private static Path archive(Path root, String system, String cache) {
    return root.resolve(cache + "-" + system + (cache.equals("aot") ? ".aot" : ".jsa"));
  }

  private static double runChild(Path root, String system, String cache) throws IOException, InterruptedException {
    return runChild(root, system, switch (cache) {
      case "cds" -> List.of("-XX:SharedArchiveFile=" + archive(root, system, cache));
      case "aot" -> List.of("-XX:AOTCache=" + archive(root, system, cache));
      default -> List.of();
    });
  }

  private static double runChild(Path root, String system, List<String> jvmArgs)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"),
        RuntimeColdBoot.class.getName(), "--child", root.toString(), system));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    // The JVM may print lines about the archive around the measurement's own line.
    String ms = out.lines().filter(l -> l.startsWith("ms ")).findFirst().orElse(null);
    if (p.waitFor() != 0 || ms == null) {
      throw new IllegalStateException(system + " child failed: " + out);
    }
    return Double.parseDouble(ms.substring(3));
  }

  private static void child(Path root, String system) {
    long start = System.nanoTime();
    int started;
    if (system.equals("pf4j")) {
      JarPluginManager m = new JarPluginManager(root.resolve("pf4j"));
      m.loadPlugins();
      m.startPlugins();
      started = m.getStartedPlugins().size();
    } else if (system.equals("floor")) {
      started = floor(root.resolve("home"));
    } else if (system.startsWith("index-")) {
      PluginSystem host = BenchHomes.host(root.resolve("home"),
          system.equals("index-lazy") ? PluginManifest.Activation.LAZY : PluginManifest.Activation.EAGER);
      BootReport report = host.boot();
      started = report.loaded().size() + report.skipped().size();
    } else {
      PluginRuntime runtime = BenchPlugins.runtime(root);
      BootReport report = runtime.boot(BenchPlugins.candidates(root));
      started = report.loaded().size();
    }
    double ms = (System.nanoTime() - start) / 1e6;
    if (started == 0) {
      throw new IllegalStateException("no plugin started");
    }
    System.out.printf(Locale.ROOT, "ms %.1f%n", ms);
  }

  /**
   * The least any boot from this home's index pays, with no plugin system at all: the logging
   * facade's set-up, one pass of Jackson's streaming parser over {@code state.json} and
   * {@code index.json} (every token, no records built), one CRC-32C over the index's bytes (the
   * entries' checksums) and one stat per plugin through its {@code current} link. Returns the
   * number of plugins seen.
   */
  static int floor(Path home) {
    LoggerFactory.getLogger(RuntimeColdBoot.class).debug("floor boot of {}", home);
    try {
      JsonFactory json = new JsonFactory();
      long tokens = 0;
      for (String file : List.of("state.json", "index.json")) {
        try (JsonParser p = json.createParser(home.resolve(file).toFile())) {
          while (p.nextToken() != null) {
            tokens++;
          }
        }
      }
      CRC32C crc = new CRC32C();
      crc.update(Files.readAllBytes(home.resolve("index.json")));
      int plugins = 0;
      try (DirectoryStream<Path> ids = Files.newDirectoryStream(home.resolve("plugins"))) {
        for (Path id : ids) {
          Files.readAttributes(id.resolve("current"), BasicFileAttributes.class);
          plugins++;
        }
      }
      return tokens > 0 && crc.getValue() != 0 ? plugins : 0;
    } catch (IOException e) {
      throw new IllegalStateException("floor boot failed: " + e, e);
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
