package dev.plinth.runtime.classloading;

import dev.plinth.api.Plugin;
import dev.plinth.runtime.PluginRuntimeException;
import dev.plinth.runtime.RuntimeErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.jspecify.annotations.Nullable;

/**
 * Refuses a bundle that carries classes of {@code dev.plinth.api} or of a host-exported package.
 * The host's copy must be the only one: a private copy would never be loaded (those packages are
 * parent-first) and usually means the bundle was built with the API in the wrong scope.
 *
 * <p>The same pass over each jar's entries reads the plugin's {@value #PLUGIN_SERVICES} file, so
 * finding the entry does not open and search the jars again.
 */
final class BundleCheck {
  static final String PLUGIN_SERVICES = "META-INF/services/" + Plugin.class.getName();

  private static final long MAX_SIZED_READ = 64 * 1024;

  private BundleCheck() {}

  /**
   * Checks every classpath entry and returns the plugin's services files, in classpath order; empty
   * when one jar is multi-release or indexed there, where only the loader knows which entry it
   * would return.
   */
  static Optional<List<ServiceFile>> check(String pluginId, Iterable<Path> classpath, SharedPackages shared) {
    List<ServiceFile> services = new ArrayList<>();
    boolean known = true;
    for (Path entry : classpath) {
      Scan scan = Files.isDirectory(entry) ? scanFolder(pluginId, entry, shared) : scanJar(pluginId, entry, shared);
      if (scan.offending != null) {
        String className = scan.offending;
        throw new PluginRuntimeException(
            RuntimeErrorCode.LOAD_HOST_CLASSES_REFUSED,
            pluginId,
            "bundle must not contain host classes: " + className + " in " + entry.getFileName(),
            "Build the plugin with dev.plinth:plugin-api (and the host's SPI) in 'provided' scope so"
                + " they are not packaged, then reinstall.",
            Map.of("class", className, "jar", entry.getFileName().toString()),
            null);
      }
      known &= scan.servicesKnown;
      if (scan.services != null) {
        services.add(scan.services);
      }
    }
    return known ? Optional.of(services) : Optional.empty();
  }

  /** What one pass over a jar or folder found. */
  private record Scan(@Nullable String offending, @Nullable ServiceFile services, boolean servicesKnown) {}

  private static Scan scanJar(String pluginId, Path jar, SharedPackages shared) {
    try (ZipFile file = new ZipFile(jar.toFile())) {
      boolean services = false;
      boolean known = true;
      Enumeration<? extends ZipEntry> entries = file.entries();
      while (entries.hasMoreElements()) {
        String name = entries.nextElement().getName();
        String className = classNameOf(name);
        if (className != null) {
          if (shared.isGuarded(className)) {
            return new Scan(className, null, true);
          }
        } else if (name.equals(PLUGIN_SERVICES)) {
          services = true;
        } else if (name.startsWith("META-INF/versions/") || name.equals("META-INF/INDEX.LIST")) {
          // A versioned copy (multi-release) or an index changes what the loader returns: ask it.
          known &= !name.endsWith(PLUGIN_SERVICES) && !name.equals("META-INF/INDEX.LIST");
        }
      }
      ServiceFile found = null;
      if (services && known) {
        ZipEntry e = file.getEntry(PLUGIN_SERVICES);
        if (e != null && !e.isDirectory()) {
          try (InputStream in = file.getInputStream(e)) {
            // Sized to the entry: readAllBytes would allocate and clear a buffer of several KB.
            long size = e.getSize();
            byte[] bytes = size >= 0 && size < MAX_SIZED_READ ? in.readNBytes((int) size) : in.readAllBytes();
            found = new ServiceFile("jar:" + jar.toUri() + "!/" + PLUGIN_SERVICES,
                new String(bytes, StandardCharsets.UTF_8));
          }
        }
      }
      return new Scan(null, found, known);
    } catch (IOException e) {
      throw unreadable(pluginId, jar, e);
    }
  }

  private static Scan scanFolder(String pluginId, Path folder, SharedPackages shared) {
    Optional<String> offending;
    try (Stream<Path> files = Files.walk(folder)) {
      offending = files
          .filter(Files::isRegularFile)
          .map(f -> classNameOf(folder.relativize(f).toString().replace('\\', '/')))
          .filter(n -> n != null && shared.isGuarded(n))
          .findFirst();
    } catch (IOException | java.io.UncheckedIOException e) {
      throw unreadable(pluginId, folder, e);
    }
    if (offending.isPresent()) {
      return new Scan(offending.get(), null, true);
    }
    Path services = folder.resolve(PLUGIN_SERVICES);
    if (!Files.isRegularFile(services)) {
      return new Scan(null, null, true);
    }
    try {
      return new Scan(null, new ServiceFile(services.toUri().toString(),
          new String(Files.readAllBytes(services), StandardCharsets.UTF_8)), true);
    } catch (IOException e) {
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
