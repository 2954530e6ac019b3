package dev.plinth.runtime.classloading;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.INTERNAL;
import static org.apiguardian.api.API.Status.STABLE;

import dev.plinth.installer.store.BootFacts;
import dev.plinth.installer.store.BootFactsProvider;
import dev.plinth.manifest.PluginManifest;
import dev.plinth.runtime.PluginRuntimeException;
import dev.plinth.runtime.RuntimeErrorCode;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link PluginClassLoader} for a plugin version: resolves its classpath inside the version
 * folder, refuses bundles that carry host classes, and wires the exports of its dependencies.
 *
 * <pre>{@code
 * ClassLoaderFactory factory = ClassLoaderFactory.of(SharedPackages.defaults());
 * PluginClassLoader loader = factory.create(manifest, versionDir, List.of());
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
@API(status = STABLE, since = "0.1")
public final class ClassLoaderFactory {
  /** Used when a manifest names no classpath. */
  public static final List<String> DEFAULT_CLASSPATH = PluginManifest.Runtime.DEFAULT.classpath();

  private final SharedPackages shared;
  private final BundleFacts facts;

  private ClassLoaderFactory(SharedPackages shared) {
    this.shared = requireNonNull(shared, "shared");
    this.facts = new BundleFacts(shared);
  }

  public static ClassLoaderFactory of(SharedPackages shared) {
    return new ClassLoaderFactory(shared);
  }

  public SharedPackages shared() {
    return shared;
  }

  /**
   * What the store keeps in each index entry so that {@link #open(PluginManifest, Path, List,
   * BootFacts)} can skip resolving and checking a bundle: the same resolution and check as a load,
   * run when the entry is written.
   */
  @API(status = INTERNAL, since = "0.1")
  public BootFactsProvider bootFacts() {
    return facts;
  }

  /**
   * Creates the loader. The caller owns it and must {@link PluginClassLoader#close() close} it.
   *
   * @param dependencies loaders of the plugin's dependencies, whose exports become visible
   * @throws PluginRuntimeException {@code CLASSPATH_INVALID}, {@code CLASSPATH_EMPTY}, {@code
   *     CLASSPATH_UNREADABLE} or {@code LOAD_HOST_CLASSES_REFUSED}
   */
  public PluginClassLoader create(
      PluginManifest manifest, Path versionDir, List<PluginClassLoader> dependencies) {
    return open(manifest, versionDir, dependencies).loader();
  }

  /**
   * Creates the loader like {@link #create}, and returns with it the plugin's {@code
   * META-INF/services/dev.plinth.api.Plugin} files, which the bundle check reads in the same pass
   * over the jars (see {@code EntryDiscovery.find(PluginManifest, OpenedLoader)}).
   *
   * @throws PluginRuntimeException as {@link #create}
   */
  @API(status = INTERNAL, since = "0.1")
  public OpenedLoader open(PluginManifest manifest, Path versionDir, List<PluginClassLoader> dependencies) {
    return open(manifest, versionDir, dependencies, null);
  }

  /**
   * Like {@link #open(PluginManifest, Path, List)}, from the version's index facts when they were
   * made by this factory's check and every jar still has its recorded size and last-modified time:
   * then the classpath is not resolved, the jars are not scanned and the services files are not
   * read again (the check's verdict and what it read are the facts'). Otherwise the full path.
   *
   * @throws PluginRuntimeException as {@link #create}
   */
  @API(status = INTERNAL, since = "0.1")
  public OpenedLoader open(
      PluginManifest manifest, Path versionDir, List<PluginClassLoader> dependencies, @Nullable BootFacts known) {
    List<Path> jars = known == null ? null : facts.usable(known, versionDir);
    if (jars != null) {
      URL[] urls = new URL[jars.size()];
      for (int i = 0; i < urls.length; i++) {
        urls[i] = toUrl(manifest.id(), jars.get(i));
      }
      PluginClassLoader loader = new PluginClassLoader(
          manifest.id(), manifest.version(), urls, shared, manifest.runtime().exports(), dependencies);
      return new OpenedLoader(loader, java.util.Optional.of(BundleFacts.services(known, jars)));
    }
    List<String> entries = manifest.runtime().classpath();
    ClasspathResolver.Resolved resolved =
        ClasspathResolver.resolve(manifest.id(), versionDir, entries.isEmpty() ? DEFAULT_CLASSPATH : entries);
    List<Path> classpath = resolved.entries();
    URL[] urls = new URL[classpath.size()];
    for (int i = 0; i < urls.length; i++) {
      urls[i] = toUrl(manifest.id(), classpath.get(i));
    }
    PluginClassLoader loader = new PluginClassLoader(
        manifest.id(), manifest.version(), urls, shared, manifest.runtime().exports(), dependencies);
    try {
      // The loader opens its jars first, so the check's own ZipFile shares their already-read
      // central directory (the JDK shares one per file among open ZipFiles) instead of reading
      // each jar twice. Nothing is defined before the check passes.
      loader.openJars();
      return new OpenedLoader(loader, BundleCheck.check(manifest.id(), resolved, shared));
    } catch (IOException e) {
      closeQuietly(loader);
      throw BundleCheck.unreadable(manifest.id(), classpath.get(0), e);
    } catch (RuntimeException | Error e) {
      closeQuietly(loader);
      throw e;
    }
  }

  private static void closeQuietly(PluginClassLoader loader) {
    try {
      loader.close();
    } catch (IOException e) {
      // Only jar handles to release; the garbage collector does it otherwise.
    }
  }

  private static URL toUrl(String pluginId, Path p) {
    try {
      return p.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new PluginRuntimeException(
          RuntimeErrorCode.CLASSPATH_INVALID, pluginId,
          "plugin.runtime.classpath entry must form a URL: " + p,
          "Rename the file to a plain name and reinstall.",
          Map.of("field", "plugin.runtime.classpath", "value", p.toString()), e);
    }
  }
}
