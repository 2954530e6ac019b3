package dev.plinth.testkit.junit;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.plinth.installer.InstallRequest;
import dev.plinth.installer.download.HttpSettings;
import dev.plinth.installer.events.EventQuery;
import dev.plinth.installer.events.PlinthEvent;
import dev.plinth.installer.store.InstallOutcome;
import dev.plinth.runtime.PluginStatus;
import dev.plinth.runtime.PluginSystem;
import dev.plinth.testkit.TestkitErrorCode;
import dev.plinth.testkit.TestkitException;
import dev.plinth.testkit.bundle.BuiltBundle;
import dev.plinth.testkit.server.ReleaseServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * One test's Plinth host: a real {@link PluginSystem} in {@link #home()}, a folder for the test's
 * own files ({@link #workDir()}), a {@link ReleaseServer} started on first use, the plugins'
 * configuration, the event log and install shortcuts.
 *
 * <p>{@code @PlinthTest} makes one per test; outside JUnit, {@link #builder(Path)} makes one over
 * a folder of your choice (the golden scenario does). The system is configured at build time for
 * the release server's URLs (GitHub API, Maven repository, plain {@code http://127.0.0.1}), on a
 * port reserved then, so sources like {@code github:acme/x@v1.0.0} work once {@link #server()}
 * has published them.
 *
 * <p>Thread-safe; {@link #close()} is idempotent.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class PlinthTestHost implements AutoCloseable {
  private final Path root;
  private final PluginSystem system;
  private final int serverPort;
  private final Map<String, Map<String, Object>> configs;
  private final Object lock = new Object();
  private @Nullable ReleaseServer server;
  private boolean closed;

  PlinthTestHost(Path root, PluginSystem system, int serverPort, Map<String, Map<String, Object>> configs) {
    this.root = root;
    this.system = system;
    this.serverPort = serverPort;
    this.configs = configs;
  }

  /**
   * Starts describing a host whose home is {@code <root>/home} and whose work folder is
   * {@code <root>/work}. The folder should be new and empty.
   */
  public static PlinthTestHostBuilder builder(Path root) {
    return new PlinthTestHostBuilder(requireNonNull(root, "root"));
  }

  /** The system under test. */
  public PluginSystem system() {
    return system;
  }

  /** The plugin home ({@code <root>/home}), holding the store, state and event log. */
  public Path home() {
    return system.home();
  }

  /** A folder beside the home for the test's own files: bundles, reports. */
  public Path workDir() {
    return root.resolve("work");
  }

  /**
   * The loopback release server, started on the first call on the port the system was configured
   * for; closed with this host.
   *
   * @throws TestkitException {@code TEST_HOST_SETUP_FAILED} when the reserved port was taken meanwhile
   */
  public ReleaseServer server() {
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("test host is closed: " + root);
      }
      if (server == null) {
        try {
          server = ReleaseServer.start(serverPort);
        } catch (RuntimeException e) {
          throw new TestkitException(TestkitErrorCode.TEST_HOST_SETUP_FAILED,
              "release server port must be free: " + serverPort,
              "Run again; another process took the port reserved for this test's release server.", e);
        }
      }
      return server;
    }
  }

  /** Whether {@link #server()} has been started. */
  public boolean serverStarted() {
    synchronized (lock) {
      return server != null;
    }
  }

  /**
   * Sets the configuration the host gives a plugin when it next starts (restart it with
   * {@code disable} and {@code enable} to apply it to a running plugin).
   */
  public void configure(String pluginId, Map<String, ?> config) {
    configs.put(requireNonNull(pluginId, "pluginId"), Map.copyOf(config));
  }

  /** The configuration the host gives a plugin: what {@link #configure} set, else empty. */
  public Map<String, Object> config(String pluginId) {
    return configs.getOrDefault(pluginId, Map.of());
  }

  /** Every event in the system's log, oldest first. */
  public List<PlinthEvent> events() {
    return system.events(EventQuery.all().withLimit(Integer.MAX_VALUE));
  }

  /** The events of one type, oldest first. */
  public List<PlinthEvent> events(String type) {
    return system.events(EventQuery.all().withType(type).withLimit(Integer.MAX_VALUE));
  }

  /** The events of one type about one plugin, oldest first. */
  public List<PlinthEvent> events(String type, String pluginId) {
    return system.events(EventQuery.all().withType(type).withPlugin(pluginId).withLimit(Integer.MAX_VALUE));
  }

  /** The request {@link #install(BuiltBundle)} sends: the bundle's file, enabled, permissions acknowledged. */
  public static InstallRequest request(BuiltBundle bundle) {
    return InstallRequest.of(bundle.path().toString()).withEnable(true).withAcknowledgePermissions(true);
  }

  /** Installs (or upgrades to) a bundle from its file, enabled and with its permissions acknowledged. */
  public InstallOutcome install(BuiltBundle bundle) {
    return system.install(request(bundle));
  }

  /**
   * Installs a bundle with an adjusted request, e.g.
   * {@code host.install(bundle, r -> r.withEnable(false))}.
   */
  public InstallOutcome install(BuiltBundle bundle, UnaryOperator<InstallRequest> adjust) {
    return system.install(adjust.apply(request(bundle)));
  }

  /**
   * The status of an installed plugin.
   *
   * @throws AssertionError when the plugin is not installed
   */
  public PluginStatus status(String pluginId) {
    return system.info(pluginId).orElseThrow(() -> new AssertionError(
        "plugin must be installed: " + pluginId + " (installed: " + system.list().stream().map(PluginStatus::id).toList() + ")"));
  }

  /** Closes the system, then the release server if it was started. */
  @Override
  public void close() {
    ReleaseServer s;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      s = server;
    }
    try {
      system.close();
    } finally {
      if (s != null) {
        s.close();
      }
    }
  }

  static HttpSettings loopbackHttp() {
    // Loopback http is allowed by default; short backoff keeps fault-injection tests fast.
    return HttpSettings.builder().backoff(Duration.ofMillis(20), Duration.ofMillis(200)).build();
  }

  @Override
  public String toString() {
    return "PlinthTestHost[" + root + "]";
  }

  static Map<String, Map<String, Object>> newConfigs() {
    return new ConcurrentHashMap<>();
  }
}
