package dev.plinth.runtime.classloading;

import dev.plinth.installer.store.BootFacts;
import dev.plinth.installer.store.BootFactsProvider;
import dev.plinth.manifest.PluginManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The runtime's side of {@link BootFacts}: computes them when the store writes an index entry (the
 * classpath resolved, the bundle check run, the plugin's services files read, exactly as a load
 * does) and, at boot, tells whether recorded facts still describe the files, by one stat per jar.
 */
final class BundleFacts implements BootFactsProvider {
  private final SharedPackages shared;
  private final String key;

  BundleFacts(SharedPackages shared) {
    this.shared = shared;
    // The check's verdict depends only on the guarded packages (and on this format).
    this.key = "1:" + String.join(",", shared.guarded());
  }

  @Override
  public String checkKey() {
    return key;
  }

  @Override
  public Optional<BootFacts> compute(PluginManifest manifest, Path versionDir) {
    try {
      List<String> entries = manifest.runtime().classpath();
      ClasspathResolver.Resolved resolved = ClasspathResolver.resolve(manifest.id(), versionDir,
          entries.isEmpty() ? ClassLoaderFactory.DEFAULT_CLASSPATH : entries);
      for (Path p : resolved.entries()) {
        if (!Files.isRegularFile(p)) {
          return Optional.empty(); // a class folder: its files have no one stamp to compare
        }
      }
      Optional<List<ServiceFile>> services = BundleCheck.check(manifest.id(), resolved, shared);
      if (services.isEmpty()) {
        return Optional.empty(); // only the loader knows what it would return (Class-Path, multi-release)
      }
      Map<String, String> byLocation = new HashMap<>();
      services.get().forEach(s -> byLocation.put(s.location(), s.text()));
      List<BootFacts.Jar> jars = new ArrayList<>();
      for (Path jar : resolved.entries()) {
        BasicFileAttributes a = Files.readAttributes(jar, BasicFileAttributes.class);
        String rel = resolved.root().relativize(jar).toString().replace('\\', '/');
        jars.add(new BootFacts.Jar(rel, a.size(), a.lastModifiedTime().toMillis(),
            byLocation.get(servicesLocation(jar))));
      }
      return Optional.of(new BootFacts(key, jars));
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // a load reports the problem with its own code
    }
  }

  /**
   * The jars of {@code facts} under {@code versionDir} when the facts were made by this check and
   * every jar has its recorded size and last-modified time; null otherwise (the full path then
   * resolves and checks the files).
   */
  @Nullable List<Path> usable(@Nullable BootFacts facts, Path versionDir) {
    if (facts == null || !facts.checkKey().equals(key) || facts.classpath().isEmpty()) {
      return null;
    }
    List<Path> out = new ArrayList<>(facts.classpath().size());
    for (BootFacts.Jar jar : facts.classpath()) {
      if (jar.path().startsWith("/") || jar.path().contains("..")) {
        return null;
      }
      Path p = versionDir.resolve(jar.path());
      try {
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        if (!a.isRegularFile() || a.size() != jar.size() || a.lastModifiedTime().toMillis() != jar.modified()) {
          return null;
        }
      } catch (IOException e) {
        return null;
      }
      out.add(p);
    }
    return out;
  }

  /** The plugin's services files as the bundle check would have read them from {@code jars}. */
  static List<ServiceFile> services(BootFacts facts, List<Path> jars) {
    List<ServiceFile> out = new ArrayList<>();
    for (int i = 0; i < jars.size(); i++) {
      String text = facts.classpath().get(i).pluginServices();
      if (text != null) {
        out.add(new ServiceFile(servicesLocation(jars.get(i)), text));
      }
    }
    return out;
  }

  private static String servicesLocation(Path jar) {
    return "jar:" + jar.toUri() + "!/" + BundleCheck.PLUGIN_SERVICES;
  }
}
