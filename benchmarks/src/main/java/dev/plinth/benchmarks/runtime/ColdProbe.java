package dev.plinth.benchmarks.runtime;

import java.nio.file.*;
import java.util.*;

public class ColdProbe {
  public static void main(String[] a) throws Exception {
    Path root = Path.of(a[0]);
    long t0 = System.nanoTime();
    if (a.length > 1 && a[1].equals("pf4j")) {
      var m = new org.pf4j.JarPluginManager(root.resolve("pf4j")); m.loadPlugins(); m.startPlugins();
      System.out.printf("pf4j total %.1f ms%n", (System.nanoTime() - t0) / 1e6);
      return;
    }
    List<Path> dirs;
    try (var s = Files.list(root.resolve("plinth"))) { dirs = s.sorted().map(p -> p.resolve("1.0.0")).toList(); }
    long t1 = System.nanoTime();
    var one = dev.plinth.manifest.ManifestParser.parse(dirs.get(0).resolve("plugin.toml"));
    long t2 = System.nanoTime();
    var reports = dev.plinth.manifest.ManifestParser.parseAll(dirs.stream().map(d -> d.resolve("plugin.toml")).toList());
    long t3 = System.nanoTime();
    List<dev.plinth.runtime.lifecycle.BootCandidate> cands = new ArrayList<>();
    for (int i = 0; i < dirs.size(); i++) cands.add(new dev.plinth.runtime.lifecycle.BootCandidate(reports.get(i).orThrow(), dirs.get(i), true));
    var rt = BenchPlugins.runtime(root);
    long t4 = System.nanoTime();
    var rep = rt.boot(cands);
    long t5 = System.nanoTime();
    System.out.printf("list %.1f | first parse %.1f | parseAll %.1f | runtime build %.1f | boot %.1f | total %.1f ms (%d loaded)%n",
        (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, (t4 - t3) / 1e6, (t5 - t4) / 1e6, (t5 - t0) / 1e6, rep.loaded().size());
  }
}
