package dev.plinth.runtime.classloading;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.jar.JarFile;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The classloader of one plugin version (the Trino / Kafka Connect model). Its parent is the
 * platform loader. A class or resource comes from, in this order:
 *
 * <ol>
 *   <li>the JDK, for packages the platform loader defines;
 *   <li>the host's loader, for {@link SharedPackages shared packages} ({@code dev.plinth.api}, the
 *       logging facade, annotations, the host's exports);
 *   <li>a dependency's loader, for the packages that dependency exports;
 *   <li>the plugin's own jars and folders, child-first.
 * </ol>
 *
 * Nothing else is visible: host classes outside the shared packages raise {@link
 * ClassNotFoundException}, and host resources (such as {@code META-INF/services} files) are not
 * found. Created by {@link ClassLoaderFactory}; parallel capable and thread-safe. {@link #close()}
 * releases the jar handles.
 */
@API(status = STABLE, since = "0.1")
public final class PluginClassLoader extends URLClassLoader {
  static {
    ClassLoader.registerAsParallelCapable();
  }

  /**
   * How every plugin loader's name begins ({@code plinth:<id>@<version>#<n>}); stack frames carry
   * it ({@link StackTraceElement#getClassLoaderName()}), which tells plugin code apart.
   */
  public static final String NAME_PREFIX = "plinth:";

  private static final AtomicLong SEQUENCE = new AtomicLong();
  private static final String PROBE = "dev.plinth.runtime.classloading.JdbcDriverProbe";
  private static volatile byte @Nullable [] probeBytes;

  private final String pluginId;
  private final String version;
  private final SharedPackages shared;
  private final List<String> exports;
  private final List<PluginClassLoader> dependencies;
  private volatile boolean closed;

  PluginClassLoader(
      String pluginId,
      String version,
      URL[] classpath,
      SharedPackages shared,
      List<String> exports,
      List<PluginClassLoader> dependencies) {
    super(
        NAME_PREFIX + pluginId + "@" + version + "#" + SEQUENCE.incrementAndGet(),
        classpath,
        ClassLoader.getPlatformClassLoader());
    this.pluginId = requireNonNull(pluginId, "pluginId");
    this.version = requireNonNull(version, "version");
    this.shared = requireNonNull(shared, "shared");
    this.exports = List.copyOf(exports);
    this.dependencies = List.copyOf(dependencies);
  }

  public String pluginId() {
    return pluginId;
  }

  public String version() {
    return version;
  }

  /** The packages this plugin lets its dependents load from it. */
  public List<String> exports() {
    return exports;
  }

  /** True once {@link #close()} has run. */
  public boolean isClosed() {
    return closed;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    ClassLoader from = route(SharedPackages.packageOf(name));
    if (from != null) {
      // Never defined here, so no lock and no findLoadedClass: the owner does its own.
      return from.loadClass(name);
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> c = findLoadedClass(name);
      if (c == null) {
        c = findClass(name);
      }
      if (resolve) {
        resolveClass(c);
      }
      return c;
    }
  }

  /**
   * A resource of the plugin's own jars and folders. A {@code jar:} URL opens its connections
   * without the JDK's jar cache: a cached connection keeps the jar open for the life of the JVM,
   * long after this loader is closed and the version is removed, so code reading a resource with
   * {@code getResource(name).openStream()} would leak a file handle on every unload.
   */
  @Override
  public @Nullable URL findResource(String name) {
    URL url = super.findResource(name);
    return url == null ? null : uncached(url);
  }

  @Override
  public Enumeration<URL> findResources(String name) throws IOException {
    Enumeration<URL> urls = super.findResources(name);
    return new Enumeration<>() {
      @Override
      public boolean hasMoreElements() {
        return urls.hasMoreElements();
      }

      @Override
      public URL nextElement() {
        return uncached(urls.nextElement());
      }
    };
  }

  /** Opens every jar of the classpath (the JDK opens them lazily), as a resource lookup would. */
  void openJars() throws IOException {
    for (Enumeration<URL> opened = super.findResources(JarFile.MANIFEST_NAME); opened.hasMoreElements(); ) {
      opened.nextElement();
    }
  }

  private static URL uncached(URL url) {
    if (!"jar".equals(url.getProtocol())) {
      return url;
    }
    try {
      return new URL(null, url.toExternalForm(), UncachedJarHandler.INSTANCE);
    } catch (MalformedURLException e) {
      return url; // cannot happen for a URL the JDK just made; keep it as it is
    }
  }

  /** Opens {@code jar:} URLs through the JDK's own handler, with caching off. */
  private static final class UncachedJarHandler extends URLStreamHandler {
    static final UncachedJarHandler INSTANCE = new UncachedJarHandler();

    @Override
    protected URLConnection openConnection(URL u) throws IOException {
      URLConnection c = standard(u).openConnection();
      c.setUseCaches(false);
      return c;
    }

    // Equal to, and hashed like, the JDK's own jar: URL for the same resource.
    @Override
    protected boolean equals(URL u1, URL u2) {
      return standard(u1).equals(standard(u2));
    }

    @Override
    protected int hashCode(URL u) {
      return standard(u).hashCode();
    }

    @Override
    protected boolean sameFile(URL u1, URL u2) {
      return standard(u1).sameFile(standard(u2));
    }

    private static URL standard(URL u) {
      try {
        return new URL(u.toExternalForm());
      } catch (MalformedURLException e) {
        throw new IllegalStateException("a jar: URL that the JDK made no longer parses: " + u, e);
      }
    }
  }

  @Override
  public @Nullable URL getResource(String name) {
    ClassLoader from = route(SharedPackages.packageOfResource(name));
    return from == null ? findResource(name) : from.getResource(name);
  }

  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    ClassLoader from = route(SharedPackages.packageOfResource(name));
    return from == null ? findResources(name) : from.getResources(name);
  }

  /** The loader that owns a package, or null when the plugin's own jars do. */
  private @Nullable ClassLoader route(String pkg) {
    if (JdkPackages.contains(pkg)) {
      return getParent();
    }
    if (shared.isSharedPackage(pkg)) {
      return shared.hostLoader();
    }
    for (PluginClassLoader dependency : dependencies) {
      if (SharedPackages.matches(dependency.exports, pkg)) {
        return dependency;
      }
    }
    return null;
  }

  /**
   * Lists, and optionally deregisters, the JDBC drivers whose classes this loader defined. {@link
   * java.sql.DriverManager} only shows a caller the drivers its own loader can see, so the query
   * runs in a small probe class defined inside this loader (the technique servlet containers use).
   *
   * @return the drivers' class names; empty when {@code java.sql} is absent
   */
  public List<String> jdbcDrivers(boolean deregister) {
    try {
      Class<?> probe = probeClass();
      Method m = probe.getDeclaredMethod("drivers", ClassLoader.class, boolean.class);
      m.setAccessible(true);
      @SuppressWarnings("unchecked")
      List<String> names = (List<String>) m.invoke(null, this, deregister);
      return List.copyOf(names);
    } catch (ReflectiveOperationException | LinkageError | IOException | RuntimeException e) {
      return List.of();
    }
  }

  private Class<?> probeClass() throws IOException {
    synchronized (getClassLoadingLock(PROBE)) {
      Class<?> c = findLoadedClass(PROBE);
      if (c != null) {
        return c;
      }
      byte[] bytes = probeBytes();
      return defineClass(PROBE, bytes, 0, bytes.length);
    }
  }

  /** The probe's class file, read once: every unload defines it in the plugin's loader. */
  private static byte[] probeBytes() throws IOException {
    byte[] bytes = probeBytes;
    if (bytes == null) {
      try (InputStream in = PluginClassLoader.class.getResourceAsStream("JdbcDriverProbe.class")) {
        if (in == null) {
          throw new IOException("probe class bytes not found");
        }
        bytes = in.readAllBytes();
      }
      probeBytes = bytes;
    }
    return bytes;
  }

  @Override
  public void close() throws IOException {
    closed = true;
    super.close();
  }

  @Override
  public String toString() {
    return getName();
  }
}
