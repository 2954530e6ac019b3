package dev.plinth.runtime.classloading;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import dev.plinth.api.Plugin;
import dev.plinth.api.PlinthApi;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The reviewed list of packages every plugin loads from the host instead of from its own jars:
 * {@code dev.plinth.api}, the logging facade and annotation packages, and the packages the host
 * exports (its SPI). A package name covers itself and its sub-packages. Everything else a plugin
 * sees comes from its own jars, its dependencies' exports, or the JDK.
 *
 * <pre>{@code
 * SharedPackages shared = SharedPackages.builder()
 *     .hostLoader(MyHost.class.getClassLoader())
 *     .export("com.example.host.spi")
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
@API(status = STABLE, since = "0.1")
public final class SharedPackages {
  /** Always shared, but a bundle may carry its own (ignored) copy: plugins often ship them transitively. */
  static final List<String> LIBRARIES = List.of("org.slf4j", "org.jspecify", "org.apiguardian");

  private static final Pattern PACKAGE =
      Pattern.compile("^[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*$");

  private final ClassLoader hostLoader;
  private final List<String> exported;
  private final List<String> guarded;
  private final List<String> all;

  private SharedPackages(Builder b) {
    this.hostLoader = b.hostLoader != null ? b.hostLoader : Plugin.class.getClassLoader();
    this.exported = List.copyOf(b.exported);
    List<String> g = new ArrayList<>();
    g.add(PlinthApi.PACKAGE_PREFIX);
    g.addAll(exported);
    this.guarded = List.copyOf(g);
    List<String> a = new ArrayList<>(guarded);
    a.addAll(LIBRARIES);
    this.all = List.copyOf(a);
  }

  /** Only the built-in shared packages, from the loader of plugin-api. */
  public static SharedPackages defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The loader shared classes come from. */
  public ClassLoader hostLoader() {
    return hostLoader;
  }

  /** The host's own exported packages, in the order given. */
  /** The packages a bundle must not carry: the API's and the exported ones. */
  List<String> guarded() {
    return guarded;
  }

  public List<String> exported() {
    return exported;
  }

  /** True when the class (binary name) is loaded from the host. */
  public boolean isShared(String className) {
    return matches(all, packageOf(className));
  }

  /**
   * True when a bundle must not carry this class: it belongs to {@code dev.plinth.api} or to a
   * host-exported package, and a private copy would shadow nothing yet break casts in confusing ways.
   */
  public boolean isGuarded(String className) {
    return matches(guarded, packageOf(className));
  }

  /** True when the package (or a parent package) is shared. */
  boolean isSharedPackage(String packageName) {
    return matches(all, packageName);
  }

  /** True when a resource path lives in a shared package ({@code dev/plinth/api/x.properties}). */
  public boolean isSharedResource(String resourceName) {
    return matches(all, packageOfResource(resourceName));
  }

  static boolean matches(List<String> prefixes, String pkg) {
    for (String p : prefixes) {
      if (pkg.equals(p) || (pkg.startsWith(p) && pkg.charAt(p.length()) == '.')) {
        return true;
      }
    }
    return false;
  }

  static String packageOf(String className) {
    int dot = className.lastIndexOf('.');
    return dot < 0 ? "" : className.substring(0, dot);
  }

  static String packageOfResource(String resourceName) {
    String name = resourceName.startsWith("/") ? resourceName.substring(1) : resourceName;
    int slash = name.lastIndexOf('/');
    return slash < 0 ? "" : name.substring(0, slash).replace('/', '.');
  }

  @Override
  public String toString() {
    return "SharedPackages" + all;
  }

  /** Builds {@link SharedPackages}; the host loader may be set once. Not thread-safe. */
  public static final class Builder {
    private @Nullable ClassLoader hostLoader;
    private final Set<String> exported = new LinkedHashSet<>();

    private Builder() {}

    /** The loader shared classes come from; default the loader of plugin-api. */
    public Builder hostLoader(ClassLoader loader) {
      requireNonNull(loader, "loader");
      if (hostLoader != null) {
        throw new IllegalStateException("hostLoader was already set: " + hostLoader);
      }
      this.hostLoader = loader;
      return this;
    }

    /** Exports a package (and its sub-packages) of the host to every plugin. */
    public Builder export(String packageName) {
      requireNonNull(packageName, "packageName");
      if (!PACKAGE.matcher(packageName).matches()) {
        throw new IllegalArgumentException("exported package must be a Java package name: " + packageName);
      }
      if (packageName.startsWith("java.") || packageName.equals("java")) {
        throw new IllegalArgumentException("exported package must not be a JDK package: " + packageName);
      }
      exported.add(packageName);
      return this;
    }

    /** Exports each package. */
    public Builder exportAll(Iterable<String> packageNames) {
      packageNames.forEach(this::export);
      return this;
    }

    public SharedPackages build() {
      return new SharedPackages(this);
    }
  }
}
