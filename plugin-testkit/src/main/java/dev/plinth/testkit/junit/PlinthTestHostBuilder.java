package dev.plinth.testkit.junit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.plinth.api.hook.HookPoint;
import dev.plinth.installer.store.FaultInjector;
import dev.plinth.installer.trust.TrustMode;
import dev.plinth.installer.trust.TrustPolicy;
import dev.plinth.runtime.HostInfo;
import dev.plinth.runtime.PluginSystem;
import dev.plinth.testkit.TestkitErrorCode;
import dev.plinth.testkit.TestkitException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Describes a {@link PlinthTestHost}. Defaults: host {@code plinth-test-host 1.0.0}, the agent hook
 * points, trust mode {@code warn}, safe mode off, no fault injection. Each setting may be given
 * once; a second call throws {@code BUILDER_SETTING_INVALID} naming the old value.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class PlinthTestHostBuilder {
  /** Packages plugins always see from the host; exporting them again is needless. */
  private static final List<String> ALWAYS_SHARED = List.of("dev.plinth.api");

  private final Path root;
  private final Map<String, Object> given = new LinkedHashMap<>();
  private String hostName = "plinth-test-host";
  private String hostVersion = "1.0.0";
  private @Nullable List<HookPoint<?>> hookPoints;
  private final Set<String> exports = new LinkedHashSet<>();
  private boolean safeMode;
  private TrustMode trust = TrustMode.WARN;
  private FaultInjector faults = FaultInjector.NONE;
  private Consumer<PluginSystem.Builder> customize = b -> {};

  PlinthTestHostBuilder(Path root) {
    this.root = root;
  }

  /** The host's name and version ({@code HostInfo}). */
  public PlinthTestHostBuilder host(String name, String version) {
    once("host", hostName + " " + hostVersion);
    if (name.isBlank() || version.isBlank()) {
      throw invalid("host name and version must not be blank: '" + name + "' '" + version + "'");
    }
    hostName = name;
    hostVersion = version;
    return this;
  }

  /** The hook points the host offers (default: {@code AgentHooks.ALL}). Their data types' packages are exported. */
  public PlinthTestHostBuilder hookPoints(Collection<? extends HookPoint<?>> points) {
    once("hookPoints", hookPoints);
    hookPoints = List.copyOf(points);
    return this;
  }

  /** Further host packages plugins may see. */
  public PlinthTestHostBuilder exportPackages(String... packages) {
    once("exportPackages", exports);
    exports.addAll(List.of(packages));
    return this;
  }

  /** Boot no third-party plugin. */
  public PlinthTestHostBuilder safeMode(boolean on) {
    once("safeMode", safeMode);
    safeMode = on;
    return this;
  }

  /** The trust policy's default mode. */
  public PlinthTestHostBuilder trust(TrustMode mode) {
    once("trust", trust);
    trust = mode;
    return this;
  }

  /** The store's fault injector, consulted before each install phase. */
  public PlinthTestHostBuilder faultInjector(FaultInjector injector) {
    once("faultInjector", faults);
    faults = injector;
    return this;
  }

  /** Anything else the system builder offers (host services, secrets, settings), applied last. */
  public PlinthTestHostBuilder customize(Consumer<PluginSystem.Builder> configure) {
    once("customize", customize);
    customize = configure;
    return this;
  }

  /**
   * Reads every {@code public static final HookPoint} field of the given classes, in declaration
   * order.
   *
   * @throws TestkitException {@code TEST_HOST_SETUP_FAILED} when a class declares none
   */
  public static List<HookPoint<?>> hookPointsOf(Class<?>... holders) {
    List<HookPoint<?>> out = new ArrayList<>();
    for (Class<?> holder : holders) {
      int before = out.size();
      for (Field f : holder.getFields()) {
        int m = f.getModifiers();
        if (Modifier.isStatic(m) && Modifier.isFinal(m) && HookPoint.class.isAssignableFrom(f.getType())) {
          try {
            HookPoint<?> p = (HookPoint<?>) f.get(null);
            if (p != null && !out.contains(p)) {
              out.add(p);
            }
          } catch (IllegalAccessException e) {
            throw new TestkitException(TestkitErrorCode.TEST_HOST_SETUP_FAILED,
                "hookPoints field must be readable: " + holder.getName() + "." + f.getName(),
                "Make the hook point constants public.", e);
          }
        }
      }
      if (out.size() == before) {
        throw new TestkitException(TestkitErrorCode.TEST_HOST_SETUP_FAILED,
            "hookPoints class must declare public static final HookPoint fields: " + holder.getName(),
            "Name a class holding HookPoint constants, such as AgentHooks.");
      }
    }
    return List.copyOf(out);
  }

  /**
   * Builds the system in {@code <root>/home} (creating {@code <root>/work} too) and returns the
   * host. The system is not booted.
   */
  public PlinthTestHost build() {
    List<HookPoint<?>> points = hookPoints != null ? hookPoints : hookPointsOf(dev.plinth.hooks.agent.AgentHooks.class);
    Set<String> packages = new LinkedHashSet<>();
    for (HookPoint<?> p : points) {
      Package pkg = p.type().getPackage();
      if (pkg != null && ALWAYS_SHARED.stream().noneMatch(s -> pkg.getName().equals(s) || pkg.getName().startsWith(s + "."))
          && !pkg.getName().startsWith("java.")) {
        packages.add(pkg.getName());
      }
    }
    packages.addAll(exports);
    Path home = root.resolve("home");
    try {
      Files.createDirectories(home);
      Files.createDirectories(root.resolve("work"));
    } catch (IOException e) {
      throw new UncheckedIOException("test host folders cannot be created under " + root, e);
    }
    int port = freeLoopbackPort();
    String base = "http://127.0.0.1:" + port;
    Map<String, Map<String, Object>> configs = PlinthTestHost.newConfigs();
    PluginSystem.Builder b = PluginSystem.builder()
        .home(home)
        .host(HostInfo.of(hostName, hostVersion))
        .exportPackages(packages.toArray(String[]::new))
        .hookPoints(points)
        .trustPolicy(TrustPolicy.of(trust))
        .configs(id -> configs.getOrDefault(id, Map.of()))
        .sources(p -> p.githubApiBase(base + "/api").mavenRepository(base + "/maven")
            .httpSettings(PlinthTestHost.loopbackHttp()))
        .safeMode(safeMode);
    if (faults != FaultInjector.NONE) {
      b.faultInjector(faults);
    }
    customize.accept(b);
    PluginSystem system = b.build();
    return new PlinthTestHost(root, system, port, configs);
  }

  private static int freeLoopbackPort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new TestkitException(TestkitErrorCode.TEST_HOST_SETUP_FAILED,
          "loopback port must be available: " + e.getMessage(), "Check that 127.0.0.1 accepts connections.", e);
    }
  }

  private void once(String name, @Nullable Object old) {
    if (given.put(name, Boolean.TRUE) != null) {
      throw new TestkitException(TestkitErrorCode.BUILDER_SETTING_INVALID,
          name + " must be set once, already: " + old, "Remove the second " + name + "(...) call.");
    }
  }

  private static TestkitException invalid(String message) {
    return new TestkitException(TestkitErrorCode.BUILDER_SETTING_INVALID, message, "Give a non-blank value.");
  }
}
