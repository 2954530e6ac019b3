package dev.plinth.runtime;

import dev.plinth.api.Plugin;
import dev.plinth.manifest.PluginManifest;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Builds real plugin jars in tests: Java sources compiled with the system compiler against
 * plugin-api and the test host's classes, plus resources and {@code META-INF/services} files, jarred
 * with {@code java.util.jar}. The public test kit lives in another module that cannot be used here.
 */
public final class TestBundles {
  private TestBundles() {}

  public static JarSpec jar(String fileName) {
    return new JarSpec(fileName);
  }

  /** The version folder {@code root/<id>/<version>} with each jar written to its {@code lib/}. */
  public static Path bundle(Path root, String id, String version, JarSpec... jars) throws IOException {
    Path dir = Files.createDirectories(root.resolve(id).resolve(version));
    Path lib = Files.createDirectories(dir.resolve("lib"));
    for (JarSpec j : jars) {
      j.writeTo(lib);
    }
    return dir;
  }

  public static ManifestSpec manifest(String id, String version) {
    return new ManifestSpec(id, version);
  }

  /** A jar to build. */
  public static final class JarSpec {
    private final String fileName;
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final Map<String, byte[]> resources = new LinkedHashMap<>();
    private final Map<String, List<String>> services = new LinkedHashMap<>();
    private final List<Path> classpath = new ArrayList<>();
    private final Map<String, String> attributes = new LinkedHashMap<>();

    private JarSpec(String fileName) {
      this.fileName = fileName;
    }

    /** A Java source; the class name is derived from its package and first public type. */
    public JarSpec source(String className, String code) {
      sources.put(className, code);
      return this;
    }

    public JarSpec resource(String path, String content) {
      resources.put(path, content.getBytes(StandardCharsets.UTF_8));
      return this;
    }

    public JarSpec service(String iface, String... implementations) {
      services.computeIfAbsent(iface, k -> new ArrayList<>()).addAll(List.of(implementations));
      return this;
    }

    public JarSpec plugin(String... implementations) {
      return service(Plugin.class.getName(), implementations);
    }

    /** A main attribute of the jar's {@code META-INF/MANIFEST.MF}, such as {@code Class-Path}. */
    public JarSpec manifestAttribute(String name, String value) {
      attributes.put(name, value);
      return this;
    }

    /** Adds a jar (a dependency plugin's) to the compile classpath. */
    public JarSpec compileAgainst(Path jar) {
      classpath.add(jar);
      return this;
    }

    public Path writeTo(Path dir) throws IOException {
      Path classes = Files.createTempDirectory("plinth-classes");
      if (!sources.isEmpty()) {
        compile(classes);
      }
      Path jar = dir.resolve(fileName);
      Manifest mf = new Manifest();
      mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
      attributes.forEach(mf.getMainAttributes()::putValue);
      try (OutputStream out = Files.newOutputStream(jar);
          JarOutputStream jos = new JarOutputStream(out, mf);
          Stream<Path> files = Files.walk(classes)) {
        for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
          put(jos, classes.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
        }
        for (Map.Entry<String, byte[]> r : resources.entrySet()) {
          put(jos, r.getKey(), r.getValue());
        }
        for (Map.Entry<String, List<String>> s : services.entrySet()) {
          put(jos, "META-INF/services/" + s.getKey(),
              (String.join("\n", s.getValue()) + "\n").getBytes(StandardCharsets.UTF_8));
        }
      }
      return jar;
    }

    private void compile(Path out) throws IOException {
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      List<JavaFileObject> units = new ArrayList<>();
      sources.forEach((name, code) -> units.add(new Source(name, code)));
      List<String> cp = new ArrayList<>(List.of(location(Plugin.class), location(TestBundles.class)));
      classpath.forEach(p -> cp.add(p.toString()));
      List<String> options = List.of("--release", "17", "-proc:none", "-d", out.toString(),
          "-classpath", String.join(java.io.File.pathSeparator, cp));
      StringWriter diagnostics = new StringWriter();
      boolean ok = javac.getTask(diagnostics, null, null, options, null, units).call();
      if (!ok) {
        throw new IllegalStateException("test bundle did not compile:\n" + diagnostics);
      }
    }

    private static void put(JarOutputStream jos, String name, byte[] bytes) throws IOException {
      jos.putNextEntry(new JarEntry(name));
      jos.write(bytes);
      jos.closeEntry();
    }
  }

  static String location(Class<?> c) {
    try {
      return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final class Source extends SimpleJavaFileObject {
    private final String code;

    Source(String className, String code) {
      super(URI.create("string:///" + className.replace('.', '/') + Kind.SOURCE.extension), Kind.SOURCE);
      this.code = code;
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return code;
    }
  }

  /** A manifest to build, defaults as in a minimal {@code plugin.toml}. */
  public static final class ManifestSpec {
    private final String id;
    private final String version;
    private String entry;
    private List<String> classpath = PluginManifest.Runtime.DEFAULT.classpath();
    private final List<String> exports = new ArrayList<>();
    private final Map<String, String> dependencies = new LinkedHashMap<>();
    private final List<String> extensions = new ArrayList<>();
    private final List<String> network = new ArrayList<>();
    private final List<String> secrets = new ArrayList<>();

    private ManifestSpec(String id, String version) {
      this.id = id;
      this.version = version;
    }

    public ManifestSpec entry(String className) {
      this.entry = className;
      return this;
    }

    public ManifestSpec classpath(String... entries) {
      this.classpath = List.of(entries);
      return this;
    }

    public ManifestSpec exports(String... packages) {
      exports.addAll(List.of(packages));
      return this;
    }

    public ManifestSpec dependency(String pluginId, String range) {
      dependencies.put(pluginId, range);
      return this;
    }

    public ManifestSpec extension(Class<?> iface) {
      extensions.add(iface.getName());
      return this;
    }

    public ManifestSpec network(String... hosts) {
      network.addAll(List.of(hosts));
      return this;
    }

    public ManifestSpec secrets(String... keys) {
      secrets.addAll(List.of(keys));
      return this;
    }

    public PluginManifest build() {
      return new PluginManifest(id, version, id, "", List.of(), null, PluginManifest.Engine.NONE,
          new PluginManifest.Runtime(entry, classpath, exports), dependencies,
          new PluginManifest.Contributes(List.of(), extensions, List.of()), List.of(),
          new PluginManifest.Permissions(network, secrets, List.of(), List.of(), false, null), Map.of());
    }
  }
}
