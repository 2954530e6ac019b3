package dev.plinth.testkit.bundle;

import dev.plinth.testkit.TestkitErrorCode;
import dev.plinth.testkit.TestkitException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What goes on a classpath root (a jar, or a bundle's {@code classes} folder): sources to compile,
 * pre-built class folders, resources and {@code META-INF/services} files. Shared by
 * {@link JarBuilder} and {@link PluginBundleBuilder}. Not thread-safe.
 */
final class ClassContent {
  private final Map<String, String> sources = new LinkedHashMap<>();
  private final List<Path> classFolders = new ArrayList<>();
  private final Map<String, byte[]> resources = new TreeMap<>();
  private final Map<String, List<String>> services = new TreeMap<>();
  private final List<Path> compileClasspath = new ArrayList<>();

  void source(String className, String text) {
    if (sources.putIfAbsent(className, text) != null) {
      throw new TestkitException(TestkitErrorCode.BUILDER_SETTING_INVALID,
          "source given twice: " + className, "Give each class's source once.");
    }
  }

  void classFolder(Path folder) {
    if (!Files.isDirectory(folder)) {
      throw new TestkitException(TestkitErrorCode.BUILDER_SETTING_INVALID,
          "classes folder does not exist: " + folder, "Pass an existing folder of .class files.");
    }
    classFolders.add(folder);
  }

  void resource(String path, byte[] data) {
    resources.put(RelativePaths.check("resource", path), data.clone());
  }

  void service(String serviceInterface, String implementation) {
    services.computeIfAbsent(serviceInterface, k -> new ArrayList<>()).add(implementation);
  }

  void compileClasspath(Path entry) {
    compileClasspath.add(entry);
  }

  List<Path> compileClasspath() {
    return List.copyOf(compileClasspath);
  }

  boolean isEmpty() {
    return sources.isEmpty() && classFolders.isEmpty() && resources.isEmpty() && services.isEmpty();
  }

  /** Compiles and collects everything as root-relative paths to bytes. */
  Map<String, byte[]> render(List<Path> moreClasspath) {
    Map<String, byte[]> out = new TreeMap<>();
    for (Path folder : classFolders) {
      copyFolder(folder, out);
    }
    if (!sources.isEmpty()) {
      List<Path> cp = new ArrayList<>(compileClasspath);
      cp.addAll(moreClasspath);
      cp.addAll(classFolders);
      out.putAll(InMemoryCompiler.compile(sources, cp));
    }
    out.putAll(resources);
    services.forEach((iface, impls) -> out.put("META-INF/services/" + iface,
        (String.join("\n", impls) + "\n").getBytes(StandardCharsets.UTF_8)));
    return out;
  }

  private static void copyFolder(Path folder, Map<String, byte[]> out) {
    try (Stream<Path> files = Files.walk(folder)) {
      files.filter(Files::isRegularFile).forEach(f -> {
        String rel = folder.relativize(f).toString().replace('\\', '/');
        try {
          out.put(rel, Files.readAllBytes(f));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException | UncheckedIOException e) {
      throw new TestkitException(TestkitErrorCode.BUNDLE_WRITE_FAILED,
          "classes folder unreadable: " + folder, "Check the folder's permissions.", e);
    }
  }
}
