package dev.plinth.runtime.context;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import dev.plinth.api.PluginConfig;
import dev.plinth.installer.events.EventSink;
import dev.plinth.manifest.HostProfile;
import dev.plinth.manifest.PluginManifest;
import dev.plinth.runtime.PluginRuntimeException;
import dev.plinth.runtime.RuntimeErrorCode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Creates the permission-checked {@link BoundaryContext} of each plugin from the host's secrets,
 * services and hook wiring.
 *
 * <pre>{@code
 * PluginContextFactory contexts = PluginContextFactory.builder()
 *     .events(sink).secrets(vault::lookup).services(services).hooks(wiring)
 *     .build();
 * }</pre>
 *
 * <p>Thread-safe. One HTTP client is shared by every plugin; it is created on first use with the
 * host's context classloader and its threads never carry a plugin's loader.
 */
@API(status = STABLE, since = "0.1")
public final class PluginContextFactory {
  private final EventSink events;
  private final SecretsProvider secrets;
  private final HostServices services;
  private final HookWiring hooks;
  private final Duration httpTimeout;
  private final List<String> deniedHosts;
  private @Nullable HttpClient client;

  private PluginContextFactory(Builder b) {
    this.events = b.events;
    this.secrets = b.secrets;
    this.services = b.services;
    this.hooks = b.hooks;
    this.httpTimeout = b.httpTimeout;
    this.deniedHosts = b.deniedHosts;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The hook wiring contexts hand out registrars from. */
  public HookWiring hookWiring() {
    return hooks;
  }

  /**
   * Creates a plugin's context; its data folder is created when missing.
   *
   * @throws PluginRuntimeException {@code START_FAILED} when the data folder cannot be created
   */
  public BoundaryContext create(
      PluginManifest manifest, Path dataDir, Map<String, ?> config, String correlationId) {
    Denials denials = new Denials(manifest.id(), manifest.version(), correlationId, events);
    GuardedFiles files;
    try {
      files = new GuardedFiles(dataDir, denials);
    } catch (IOException e) {
      throw new PluginRuntimeException(
          RuntimeErrorCode.START_FAILED, manifest.id(),
          "plugin data folder must be creatable: " + dataDir,
          "Check that the host can write to the plugin home's data folder.",
          Map.of("field", "data_dir", "value", dataDir.toString()), e);
    }
    return new BoundaryContext(
        manifest.descriptor(),
        PluginConfig.of(config),
        files,
        new GuardedSecrets(Set.copyOf(manifest.permissions().secrets()), secrets, denials),
        new GuardedHttp(new NetworkPolicy(manifest.permissions().network(), deniedHosts), this::client, httpTimeout, denials),
        services,
        hooks,
        denials);
  }

  /**
   * The HTTP client all plugins of this factory share, built on first use. A plugin is on the stack
   * then, and every thread the client starts (its selector, its executor's workers, some of them
   * later, during a plugin's request) would keep the creating stack's access-control context, whose
   * protection domains hold the plugin's loader: the loader could never be collected. Threads are
   * therefore created in {@code doPrivileged}, which cuts that context at the host's frame, with
   * the host's context loader and without inheriting thread-locals. (From JDK 24 on threads inherit
   * no such context.)
   */
  @SuppressWarnings("removal")
  private synchronized HttpClient client() {
    if (client == null) {
      ClassLoader host = PluginContextFactory.class.getClassLoader();
      Thread current = Thread.currentThread();
      ClassLoader previous = current.getContextClassLoader();
      current.setContextClassLoader(host);
      try {
        AtomicInteger n = new AtomicInteger();
        ExecutorService executor = Executors.newCachedThreadPool(r ->
            java.security.AccessController.doPrivileged((java.security.PrivilegedAction<Thread>) () -> {
              Thread t = new Thread(null, r, "plinth-http-" + n.incrementAndGet(), 0, false);
              t.setDaemon(true);
              t.setContextClassLoader(host);
              return t;
            }));
        client = java.security.AccessController.doPrivileged((java.security.PrivilegedAction<HttpClient>) () ->
            HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(httpTimeout)
                .executor(executor)
                .build());
      } finally {
        current.setContextClassLoader(previous);
      }
    }
    return client;
  }

  /** Builds a {@link PluginContextFactory}; each setting may be given once. Not thread-safe. */
  public static final class Builder {
    private EventSink events = EventSink.NONE;
    private SecretsProvider secrets = SecretsProvider.NONE;
    private HostServices services = HostServices.NONE;
    private HookWiring hooks = HookWiring.NONE;
    private Duration httpTimeout = Duration.ofSeconds(30);
    private List<String> deniedHosts = HostProfile.DEFAULT_DENIED_HOSTS;
    private final Set<String> given = new java.util.HashSet<>();

    private Builder() {}

    public Builder events(EventSink events) {
      once("events", this.events);
      this.events = requireNonNull(events, "events");
      return this;
    }

    public Builder secrets(SecretsProvider secrets) {
      once("secrets", this.secrets);
      this.secrets = requireNonNull(secrets, "secrets");
      return this;
    }

    public Builder services(HostServices services) {
      once("services", this.services);
      this.services = requireNonNull(services, "services");
      return this;
    }

    public Builder hooks(HookWiring hooks) {
      once("hooks", this.hooks);
      this.hooks = requireNonNull(hooks, "hooks");
      return this;
    }

    /** Hosts no plugin reaches, whatever it declares; default {@link HostProfile#DEFAULT_DENIED_HOSTS}. */
    public Builder deniedHosts(List<String> hosts) {
      once("deniedHosts", this.deniedHosts);
      this.deniedHosts = List.copyOf(hosts);
      return this;
    }

    /** Connect and request timeout of plugin HTTP calls; default 30 s. */
    public Builder httpTimeout(Duration timeout) {
      once("httpTimeout", this.httpTimeout);
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("httpTimeout must be > 0: " + timeout);
      }
      this.httpTimeout = timeout;
      return this;
    }

    private void once(String name, Object old) {
      if (!given.add(name)) {
        throw new IllegalStateException(name + " was already set: " + old);
      }
    }

    public PluginContextFactory build() {
      return new PluginContextFactory(this);
    }
  }
}
