package dev.plinth.runtime.classloading;

import dev.plinth.api.Plugin;
import dev.plinth.manifest.JarClassPath;
import dev.plinth.runtime.PluginRuntimeException;
import dev.plinth.runtime.RuntimeErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
   * Checks every classpath entry, and every jar or folder a jar's {@code Class-Path} manifest
   * attribute adds, and returns the plugin's services files, in classpath order; empty when one jar
   * is multi-release or indexed there, or names a {@code Class-Path}, where only the loader knows
   * which entry it would return.
   *
   * <p>The JDK's loader follows a jar's {@code Class-Path} and the jars its index names (relative to
   * the jar, or absolute {@code file:} URLs), so those are checked the same way: each must stay
   * inside the bundle, and none may carry host classes.
   *
   * @throws PluginRuntimeException {@code LOAD_HOST_CLASSES_REFUSED}, {@code CLASSPATH_INVALID} (a
   *     {@code Class-Path} or index leaving the bundle) or {@code CLASSPATH_UNREADABLE}
   */
  static Optional<List<ServiceFile>> check(String pluginId, ClasspathResolver.Resolved classpath, SharedPackages shared) {
    List<ServiceFile> services = new ArrayList<>();
    boolean known = true;
    Deque<Path> todo = new ArrayDeque<>(classpath.entries());
    Set<Path> seen = new HashSet<>(classpath.entries());
    while (!todo.isEmpty()) {
      Path entry = todo.removeFirst();
      Scan scan = Files.isDirectory(entry)
          ? scanFolder(pluginId, classpath.root(), entry, shared)
          : scanJar(pluginId, entry, shared);
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
      known &= scan.servicesKnown && scan.classPath.isEmpty();
      if (scan.services != null) {
        services.add(scan.services);
      }
      for (JarClassPath.Reference ref : scan.classPath) {
        Path added = classPathTarget(pluginId, classpath.root(), entry, ref);
        if (added != null && seen.add(added)) {
          todo.addLast(added);
        }
      }
    }
    return known ? Optional.of(services) : Optional.empty();
  }

  /**
   * Where one {@code Class-Path} token of {@code jar}, or one jar its index names, leads, resolved
   * as the JDK's loader resolves it: null when the loader would ignore it (not a {@code file:} URL,
   * malformed, or missing).
   *
   * @throws PluginRuntimeException {@code CLASSPATH_INVALID} when it leaves the bundle
   */
  private static @Nullable Path classPathTarget(String pluginId, Path root, Path jar, JarClassPath.Reference ref) {
    Path target = JarClassPath.target(jar, ref.token());
    if (target == null || target.startsWith(root) && !Files.exists(target)) {
      return null; // the JDK ignores it too
    }
    try {
      Path real = target.startsWith(root) ? target.toRealPath() : target;
      if (real.startsWith(root)) {
        return real;
      }
    } catch (IOException e) {
      // unreadable: refused below like a path outside
    }
    String jarName = jar.getFileName().toString();
    throw new PluginRuntimeException(
        RuntimeErrorCode.CLASSPATH_INVALID,
        pluginId,
        ref.field() + " entry of " + jarName + " must stay inside the bundle: " + ref.token(),
        "Remove " + ref.removal(jarName) + ", or make it name jars inside the bundle (or list them in"
            + " [plugin.runtime] classpath), then rebuild and reinstall the plugin.",
        Map.of("field", ref.field(), "value", ref.token(), "jar", jarName),
        null);
  }

  /** What one pass over a jar or folder found. */
  private record Scan(
      @Nullable String offending, @Nullable ServiceFile services, boolean servicesKnown, List<JarClassPath.Reference> classPath) {
    Scan(@Nullable String offending, @Nullable ServiceFile services, boolean servicesKnown) {
      this(offending, services, servicesKnown, List.of());
    }
  }

  private static Scan scanJar(String pluginId, Path jar, SharedPackages shared) {
    try (ZipFile file = new ZipFile(jar.toFile())) {
      boolean services = false;
      boolean known = true;
      String manifest = null;
      boolean indexed = false;
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
        } else if (name.equalsIgnoreCase(JarClassPath.MANIFEST_NAME)) {
          manifest = name;
        } else if (name.equals(JarClassPath.INDEX_NAME)) {
          indexed = true; // an index changes what the loader returns: ask it
        } else if (name.startsWith("META-INF/versions/")) {
          // A versioned copy (multi-release) changes what the loader returns: ask it.
          known &= !name.endsWith(PLUGIN_SERVICES);
        }
      }
      ServiceFile found = null;
      if (services && known && !indexed) {
        // Sized to the entry: readAllBytes would allocate and clear a buffer of several KB.
        ZipEntry e = file.getEntry(PLUGIN_SERVICES);
        long size = e == null ? -1 : e.getSize();
        byte[] bytes = bounded(file, e, in -> size >= 0 && size < MAX_SIZED_READ ? in.readNBytes((int) size) : in.readAllBytes());
        if (bytes != null) {
          found = new ServiceFile("jar:" + jar.toUri() + "!/" + PLUGIN_SERVICES, new String(bytes, StandardCharsets.UTF_8));
        }
      }
      List<JarClassPath.Reference> refs = JarClassPath.references(
          bounded(file, manifest == null ? null : file.getEntry(manifest), JarClassPath::mainSection),
          indexed ? bounded(file, file.getEntry(JarClassPath.INDEX_NAME), JarClassPath::index) : null);
      return new Scan(null, found, known && !indexed, refs);
    } catch (IOException e) {
      throw unreadable(pluginId, jar, e);
    }
  }

  /** How much of an entry to read. */
  private interface Reader {
    byte[] read(InputStream in) throws IOException;
  }

  /** An entry's bytes as {@code reader} bounds them; null for a folder entry or none. */
  private static byte @Nullable [] bounded(ZipFile file, @Nullable ZipEntry e, Reader reader) throws IOException {
    if (e == null || e.isDirectory()) {
      return null;
    }
    try (InputStream in = file.getInputStream(e)) {
      return reader.read(in);
    }
  }

  /**
   * Scans a class folder without following links, and refuses a link that leads outside the
   * bundle: the loader reads through links, so it would serve classes from there.
   */
  private static Scan scanFolder(String pluginId, Path root, Path folder, SharedPackages shared) {
    String offending = null;
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        if (Files.isSymbolicLink(f)) {
          linkInside(pluginId, root, f);
        }
        if (offending == null && Files.isRegularFile(f)) {
          String n = classNameOf(folder.relativize(f).toString().replace('\\', '/'));
          offending = n != null && shared.isGuarded(n) ? n : null;
        }
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      throw unreadable(pluginId, folder, e);
    }
    if (offending != null) {
      return new Scan(offending, null, true);
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

  /** Refuses a link in a class folder whose target is outside the bundle; a dangling one serves nothing. */
  private static void linkInside(String pluginId, Path root, Path link) {
    Path real;
    try {
      real = link.toRealPath();
    } catch (IOException dangling) {
      return;
    }
    if (!real.startsWith(root)) {
      String value = root.relativize(link).toString().replace('\\', '/');
      throw new PluginRuntimeException(
          RuntimeErrorCode.CLASSPATH_INVALID,
          pluginId,
          "plugin.runtime.classpath folder must not link outside the bundle: " + value,
          "Replace the link with the files themselves, or remove it, and reinstall the plugin.",
          Map.of("field", "plugin.runtime.classpath", "value", value),
          null);
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
