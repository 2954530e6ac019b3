package dev.plinth.runtime.classloading;

import dev.plinth.runtime.PluginRuntimeException;
import dev.plinth.runtime.RuntimeErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.jspecify.annotations.Nullable;

/**
 * Refuses a bundle that carries classes of {@code dev.plinth.api} or of a host-exported package.
 * The host's copy must be the only one: a private copy would never be loaded (those packages are
 * parent-first) and usually means the bundle was built with the API in the wrong scope.
 */
final class BundleCheck {
  private BundleCheck() {}

  static void check(String pluginId, Iterable<Path> classpath, SharedPackages shared) {
    for (Path entry : classpath) {
      Optional<String> offending =
          Files.isDirectory(entry) ? scanFolder(pluginId, entry, shared) : scanJar(pluginId, entry, shared);
      if (offending.isPresent()) {
        String className = offending.get();
        throw new PluginRuntimeException(
            RuntimeErrorCode.LOAD_HOST_CLASSES_REFUSED,
            pluginId,
            "bundle must not contain host classes: " + className + " in " + entry.getFileName(),
            "Build the plugin with dev.plinth:plugin-api (and the host's SPI) in 'provided' scope so"
                + " they are not packaged, then reinstall.",
            Map.of("class", className, "jar", entry.getFileName().toString()),
            null);
      }
    }
  }

  private static Optional<String> scanJar(String pluginId, Path jar, SharedPackages shared) {
    try (JarFile file = new JarFile(jar.toFile(), false)) {
      Enumeration<? extends ZipEntry> entries = file.entries();
      while (entries.hasMoreElements()) {
        String className = classNameOf(entries.nextElement().getName());
        if (className != null && shared.isGuarded(className)) {
          return Optional.of(className);
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      throw unreadable(pluginId, jar, e);
    }
  }

  private static Optional<String> scanFolder(String pluginId, Path folder, SharedPackages shared) {
    try (Stream<Path> files = Files.walk(folder)) {
      return files
          .filter(Files::isRegularFile)
          .map(f -> classNameOf(folder.relativize(f).toString().replace('\\', '/')))
          .filter(n -> n != null && shared.isGuarded(n))
          .findFirst();
    } catch (IOException | java.io.UncheckedIOException e) {
      throw unreadable(pluginId, folder, e);
    }
  }

  /** The class name of a {@code .class} entry, multi-release prefixes removed; null otherwise. */
  static @Nullable String classNameOf(String entryName) {
    if (!entryName.endsWith(".class") || entryName.endsWith("module-info.class")) {
      return null;
    }
    String name = entryName;
    if (name.startsWith("META-INF/versions/")) {
      int next = name.indexOf('/', "META-INF/versions/".length());
      if (next < 0) {
        return null;
      }
      name = name.substring(next + 1);
    }
    return name.substring(0, name.length() - ".class".length()).replace('/', '.');
  }

  static PluginRuntimeException unreadable(String pluginId, Path p, Exception e) {
    return new PluginRuntimeException(
        RuntimeErrorCode.CLASSPATH_UNREADABLE,
        pluginId,
        "plugin.runtime.classpath entry must be a readable jar or folder: " + p.getFileName(),
        "Reinstall the plugin; if it persists, rebuild the bundle (the jar may be corrupt).",
        Map.of("field", "plugin.runtime.classpath", "value", p.getFileName().toString()),
        e);
  }
}
