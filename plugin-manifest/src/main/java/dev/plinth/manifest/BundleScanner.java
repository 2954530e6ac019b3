package dev.plinth.manifest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import dev.plinth.api.PlinthApi;
import org.jspecify.annotations.Nullable;

/**
 * The bundle half of preflight: checks that every {@code runtime.classpath} entry matches something
 * and that no jar or class file anywhere in the bundle carries classes the host must own
 * ({@code dev.plinth.api} and the host's exported packages). Symbolic links are not followed.
 * Stateless and thread-safe.
 */
final class BundleScanner {
  private static final String MULTI_RELEASE = "META-INF/versions/";

  private BundleScanner() {}

  static List<ManifestIssue> scan(Path root, PluginManifest manifest, HostProfile host) {
    Issues issues = new Issues();
    if (!Files.isDirectory(root)) {
      issues.add(ManifestCode.BUNDLE_UNREADABLE, "bundle", root.toString(), "is not a folder",
          "Point the check at the extracted bundle folder (the one holding plugin.toml).");
      return issues.all();
    }
    List<String> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(Files::isRegularFile).map(p -> relative(root, p)).sorted().toList();
    } catch (IOException | UncheckedIOException e) {
      issues.add(ManifestCode.BUNDLE_UNREADABLE, "bundle", root.toString(), "cannot be listed",
          "Check the bundle folder's permissions.");
      return issues.all();
    }
    classpath(issues, root, files, manifest.runtime().classpath());
    List<String> hostPackages = new ArrayList<>(host.exportedPackages());
    hostPackages.add(PlinthApi.PACKAGE_PREFIX);
    for (String file : files) {
      if (file.endsWith(".jar")) {
        jar(issues, root, file, hostPackages);
      } else if (file.endsWith(".class")) {
        looseClass(issues, root, file, hostPackages);
      }
    }
    return issues.all();
  }

  /** The host package (or parent package) that covers {@code pkg}, or null. */
  static @Nullable String hostPackageOf(String pkg, List<String> hostPackages) {
    for (String raw : hostPackages) {
      String hp = raw.endsWith(".*") ? raw.substring(0, raw.length() - 2) : raw;
      if (!hp.isEmpty() && (pkg.equals(hp) || pkg.startsWith(hp + "."))) {
        return hp;
      }
    }
    return null;
  }

  private static void classpath(Issues issues, Path root, List<String> files, List<String> entries) {
    boolean isDefault = entries.equals(PluginManifest.Runtime.DEFAULT.classpath());
    List<Integer> missing = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      if (!matches(root, files, entries.get(i))) {
        missing.add(i);
      }
    }
    if (isDefault && missing.size() < entries.size()) {
      return;
    }
    if (isDefault) {
      issues.add(ManifestCode.CLASSPATH_ENTRY_MISSING, "plugin.runtime.classpath", String.join(", ", entries),
          "(the default) matches nothing in the bundle",
          "Put the plugin's classes in `classes/` or its jars in `lib/`, or set runtime.classpath.");
      return;
    }
    for (int i : missing) {
      issues.add(ManifestCode.CLASSPATH_ENTRY_MISSING, "plugin.runtime.classpath[" + i + "]", entries.get(i),
          "matches nothing in the bundle",
          "Add the file or folder to the bundle, or fix the entry (globs such as lib/*.jar are allowed).");
    }
  }

  private static boolean matches(Path root, List<String> files, String entry) {
    if (PathRules.relativeProblem(entry) != null || entry.isBlank()) {
      return true; // reported by validation already
    }
    if (entry.chars().anyMatch(c -> "*?[{".indexOf(c) >= 0)) {
      PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + entry);
      return files.stream().anyMatch(f -> glob.matches(Path.of(f)));
    }
    Path target = root.resolve(entry).normalize();
    return target.startsWith(root.normalize()) && Files.exists(target);
  }

  private static void jar(Issues issues, Path root, String file, List<String> hostPackages) {
    TreeSet<String> found = new TreeSet<>();
    Path jar = root.resolve(file);
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      Enumeration<? extends ZipEntry> entries = zip.entries();
      ZipEntry manifest = null;
      ZipEntry index = null;
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        String name = entry.getName();
        if (name.equalsIgnoreCase(JarClassPath.MANIFEST_NAME)) {
          manifest = entry;
        } else if (name.equals(JarClassPath.INDEX_NAME)) {
          index = entry;
        }
        className(name).filter(c -> hostPackageOf(packageOf(c), hostPackages) != null).ifPresent(found::add);
      }
      List<JarClassPath.Reference> refs =
          JarClassPath.references(read(zip, manifest, JarClassPath::mainSection), read(zip, index, JarClassPath::index));
      for (JarClassPath.Reference r : JarClassPath.leaving(root, jar, refs)) {
        issues.add(ManifestCode.JAR_CLASS_PATH_OUTSIDE, "bundle:" + file, r.token(),
            "has a " + (r.field().equals(JarClassPath.CLASS_PATH_FIELD) ? "Class-Path manifest attribute" : r.field())
                + " that leads outside the bundle",
            "Remove " + r.removal("the jar") + ", or make it name jars inside the bundle (or list them in"
                + " runtime.classpath), then rebuild the jar.");
      }
    } catch (IOException e) {
      issues.add(ManifestCode.BUNDLE_UNREADABLE, "bundle:" + file, file, "is not a readable jar",
          "Rebuild the jar, or remove it from the bundle.");
      return;
    }
    report(issues, file, found, hostPackages);
  }

  /** How much of an entry to read. */
  private interface Reader {
    byte[] read(java.io.InputStream in) throws IOException;
  }

  /** An entry's bytes as {@code reader} bounds them; null when the jar has no such entry. */
  private static byte @Nullable [] read(ZipFile zip, @Nullable ZipEntry entry, Reader reader) throws IOException {
    if (entry == null) {
      return null;
    }
    try (var in = zip.getInputStream(entry)) {
      return reader.read(in);
    }
  }

  private static void looseClass(Issues issues, Path root, String file, List<String> hostPackages) {
    Optional<String> name;
    try {
      name = ClassFiles.declaredName(Files.readAllBytes(root.resolve(file)));
    } catch (IOException e) {
      issues.add(ManifestCode.BUNDLE_UNREADABLE, "bundle:" + file, file, "cannot be read",
          "Check the file's permissions.");
      return;
    }
    name.filter(c -> hostPackageOf(packageOf(c), hostPackages) != null)
        .ifPresent(c -> report(issues, file, new TreeSet<>(List.of(c)), hostPackages));
  }

  private static void report(Issues issues, String container, TreeSet<String> classes, List<String> hostPackages) {
    if (classes.isEmpty()) {
      return;
    }
    String first = classes.first();
    Map<String, Integer> perPackage = new TreeMap<>();
    classes.forEach(c -> perPackage.merge(hostPackageOf(packageOf(c), hostPackages), 1, Integer::sum));
    issues.add(ManifestCode.BUNDLE_CONTAINS_HOST_CLASSES, "bundle:" + container, first,
        "carries " + classes.size() + " class(es) of host package(s) "
            + String.join(", ", perPackage.keySet()) + ", the first",
        "Remove " + container + " or those classes from the bundle: declare plugin-api (and other host "
            + "libraries) with Maven scope `provided` so the host's copy is the only one.");
  }

  private static Optional<String> className(String entry) {
    String name = entry;
    if (name.startsWith(MULTI_RELEASE)) {
      int slash = name.indexOf('/', MULTI_RELEASE.length());
      name = slash < 0 ? name : name.substring(slash + 1);
    }
    if (!name.endsWith(".class") || name.endsWith("module-info.class")) {
      return Optional.empty();
    }
    return Optional.of(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
  }

  private static String packageOf(String className) {
    int dot = className.lastIndexOf('.');
    return dot < 0 ? "" : className.substring(0, dot);
  }

  private static String relative(Path root, Path file) {
    return root.relativize(file).toString().replace('\\', '/');
  }
}
