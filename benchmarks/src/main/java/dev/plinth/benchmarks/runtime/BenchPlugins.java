package dev.plinth.benchmarks.runtime;

import dev.plinth.api.Plugin;
import dev.plinth.manifest.ManifestParser;
import dev.plinth.manifest.ManifestReport;
import dev.plinth.runtime.RuntimeSettings;
import dev.plinth.runtime.lifecycle.BootCandidate;
import dev.plinth.runtime.lifecycle.PluginRuntime;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.jspecify.annotations.Nullable;
import org.pf4j.JarPluginManager;
import org.pf4j.PluginManager;

/**
 * Writes {@code count} equivalent small plugins for both systems: one entry class each (compiled
 * once with the JDK's compiler, copied into every jar so each loader defines its own copy) that
 * allocates a little state in {@code start} and drops it in {@code stop}.
 *
 * <ul>
 *   <li>Plinth: {@code plinth/pNNN/1.0.0/} with {@code plugin.toml} and {@code lib/p.jar}
 *       (entry found through {@code META-INF/services/dev.plinth.api.Plugin});
 *   <li>PF4J: {@code pf4j/pNNN.jar} with {@code Plugin-Id}, {@code Plugin-Version} and
 *       {@code Plugin-Class} in its manifest, for {@code JarPluginManager}.
 * </ul>
 */
final class BenchPlugins {
  static final String PLINTH_ENTRY = "bench.plinth.Entry";
  static final String PF4J_ENTRY = "bench.pf4j.Entry";
  /** An entry that registers one handler for {@code bench.ping} ({@link #PING}). */
  static final String HOOK_ENTRY = "bench.plinth.HookEntry";
  /** The hook point the hooked benchmark plugin handles; its data is a String. */
  static final dev.plinth.api.hook.HookPoint<String> PING =
      dev.plinth.api.hook.HookPoint.builder("bench.ping", String.class).build();

  private BenchPlugins() {}

  static void prepare(Path root, int count) throws IOException {
    Path classes = compile(root);
    byte[] plinth = Files.readAllBytes(classes.resolve("bench/plinth/Entry.class"));
    byte[] pf4j = Files.readAllBytes(classes.resolve("bench/pf4j/Entry.class"));
    Files.createDirectories(root.resolve("pf4j"));
    for (int i = 0; i < count; i++) {
      String id = id(i);
      Path dir = Files.createDirectories(root.resolve("plinth").resolve(id).resolve("1.0.0").resolve("lib"));
      Files.writeString(dir.getParent().resolve("plugin.toml"),
          "[plugin]\nid = \"" + id + "\"\nversion = \"1.0.0\"\n\n[plugin.runtime]\nclasspath = [\"lib/*.jar\"]\n");
      Manifest mf = new Manifest();
      mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
      writeJar(dir.resolve("p.jar"), mf, "bench/plinth/Entry.class", plinth,
          "META-INF/services/" + Plugin.class.getName(), PLINTH_ENTRY + "\n");
      Manifest pm = new Manifest();
      Attributes a = pm.getMainAttributes();
      a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
      a.putValue("Plugin-Id", id);
      a.putValue("Plugin-Version", "1.0.0");
      a.putValue("Plugin-Class", PF4J_ENTRY);
      writeJar(root.resolve("pf4j").resolve(id + ".jar"), pm, "bench/pf4j/Entry.class", pf4j, null, null);
    }
  }

  /**
   * Writes {@code plugin} under {@code root/hooked/<plugin>/1.0.0/} and returns that folder: a plugin whose entry
   * registers a handler for {@code bench.ping} in {@code start}, with {@code contributes.hooks}
   * declaring it. {@link #prepare} must have run (it compiles the entry).
   */
  static Path prepareHooked(Path root, String plugin) throws IOException {
    byte[] entry = Files.readAllBytes(root.resolve("classes/bench/plinth/HookEntry.class"));
    Path dir = Files.createDirectories(root.resolve("hooked").resolve(plugin).resolve("1.0.0").resolve("lib"));
    Files.writeString(dir.getParent().resolve("plugin.toml"), "[plugin]\nid = \"" + plugin
        + "\"\nversion = \"1.0.0\"\n\n[plugin.runtime]\nclasspath = [\"lib/*.jar\"]\n\n"
        + "[plugin.contributes]\nhooks = [\"bench.ping\"]\n");
    Manifest mf = new Manifest();
    mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    writeJar(dir.resolve("p.jar"), mf, "bench/plinth/HookEntry.class", entry,
        "META-INF/services/" + Plugin.class.getName(), HOOK_ENTRY + "\n");
    return dir.getParent();
  }

  static String id(int i) {
    return String.format("p%03d", i);
  }

  /**
   * The prepared Plinth plugins as enabled boot candidates: lists the plugin folders and parses each
   * {@code plugin.toml}, the counterpart of PF4J listing its jars and reading their manifests.
   */
  static List<BootCandidate> candidates(Path root) {
    List<Path> dirs;
    try (Stream<Path> ids = Files.list(root.resolve("plinth"))) {
      dirs = ids.sorted().map(plugin -> plugin.resolve("1.0.0")).toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    List<ManifestReport> reports = ManifestParser.parseAll(dirs.stream().map(d -> d.resolve("plugin.toml")).toList());
    List<BootCandidate> out = new ArrayList<>(dirs.size());
    for (int i = 0; i < dirs.size(); i++) {
      out.add(new BootCandidate(reports.get(i).orThrow(), dirs.get(i), true));
    }
    return out;
  }

  /** A runtime without the leak wait (unloads are measured elsewhere) and without events. */
  static PluginRuntime runtime(Path root) {
    return PluginRuntime.builder(root.resolve("data"))
        .settings(RuntimeSettings.builder().environment(java.util.Map.of()).leakWait(Duration.ZERO).build())
        .build();
  }

  /** PF4J's boot of the prepared jars: {@code new JarPluginManager(dir)}, {@code loadPlugins()}, {@code startPlugins()}. */
  static PluginManager pf4jBoot(Path root) {
    PluginManager m = new JarPluginManager(root.resolve("pf4j"));
    m.loadPlugins();
    m.startPlugins();
    return m;
  }

  /** Stops and unloads what {@link #pf4jBoot} started; nothing when {@code m} is null. */
  static void pf4jClose(@Nullable PluginManager m) {
    if (m != null) {
      m.stopPlugins();
      m.unloadPlugins();
    }
  }

  /** {@code n}, or an exception when it is not the {@code expected} number of plugins. */
  static int check(int n, int expected) {
    if (n != expected) {
      throw new IllegalStateException("expected " + expected + " plugins, got " + n);
    }
    return n;
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static Path compile(Path root) throws IOException {
    Path src = Files.createDirectories(root.resolve("src"));
    Path out = Files.createDirectories(root.resolve("classes"));
    Path a = Files.createDirectories(src.resolve("bench/plinth")).resolve("Entry.java");
    Files.writeString(a, """
        package bench.plinth;
        public class Entry implements dev.plinth.api.Plugin {
          private java.util.List<String> state;
          public void start(dev.plinth.api.PluginContext context) { state = new java.util.ArrayList<>(java.util.List.of("ready")); }
          public void stop() { state = null; }
        }
        """);
    Path b = Files.createDirectories(src.resolve("bench/pf4j")).resolve("Entry.java");
    Files.writeString(b, """
        package bench.pf4j;
        public class Entry extends org.pf4j.Plugin {
          private java.util.List<String> state;
          public void start() { state = new java.util.ArrayList<>(java.util.List.of("ready")); }
          public void stop() { state = null; }
        }
        """);
    Path h = src.resolve("bench/plinth/HookEntry.java");
    Files.writeString(h, """
        package bench.plinth;
        import dev.plinth.api.hook.*;
        public class HookEntry implements dev.plinth.api.Plugin {
          static final HookPoint<String> PING = HookPoint.builder("bench.ping", String.class).build();
          public void start(dev.plinth.api.PluginContext context) {
            context.hooks().register(PING, c -> HookResult.proceed(c.data() + "!"));
          }
        }
        """);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new IllegalStateException("a JDK (not a JRE) is needed to compile the benchmark plugins");
    }
    String cp = location(Plugin.class) + java.io.File.pathSeparator + location(org.pf4j.Plugin.class);
    StringWriter errors = new StringWriter();
    boolean ok = javac.getTask(errors, null, null,
        List.of("--release", "17", "-proc:none", "-d", out.toString(), "-classpath", cp), null,
        javac.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjects(a, b, h)).call();
    if (!ok) {
      throw new IllegalStateException("benchmark plugins did not compile:\n" + errors);
    }
    return out;
  }

  private static void writeJar(Path jar, Manifest mf, String classEntry, byte[] bytes, String resource, String text)
      throws IOException {
    try (OutputStream o = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(o, mf)) {
      j.putNextEntry(new JarEntry(classEntry));
      j.write(bytes);
      j.closeEntry();
      if (resource != null) {
        j.putNextEntry(new JarEntry(resource));
        j.write(text.getBytes(StandardCharsets.UTF_8));
        j.closeEntry();
      }
    }
  }

  private static String location(Class<?> c) {
    try {
      return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
