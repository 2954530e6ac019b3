package dev.plinth.runtime.context;

import static org.apiguardian.api.API.Status.STABLE;

import dev.plinth.api.HttpAccess;
import dev.plinth.api.PluginConfig;
import dev.plinth.api.PluginContext;
import dev.plinth.api.PluginDescriptor;
import dev.plinth.api.PluginFiles;
import dev.plinth.api.Secrets;
import dev.plinth.api.hook.HookRegistrar;
import dev.plinth.runtime.PluginRuntimeException;
import dev.plinth.runtime.RuntimeErrorCode;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The {@link PluginContext} the runtime hands a plugin: every service is checked against the
 * plugin's manifest here, at the boundary. After {@link #close()} (the plugin was stopped) every
 * service refuses with {@code CONTEXT_CLOSED}, so a thread the plugin left behind cannot keep using
 * the host. Created by {@link PluginContextFactory}; thread-safe.
 */
@API(status = STABLE, since = "0.1")
public final class BoundaryContext implements PluginContext, AutoCloseable {
  private final PluginDescriptor descriptor;
  private final PluginConfig config;
  private final PluginFiles files;
  private final Secrets secrets;
  private final HttpAccess http;
  private final HostServices services;
  private final HookWiring wiring;
  private final Denials denials;
  private @Nullable HookRegistrar registrar;
  private volatile boolean closed;

  BoundaryContext(
      PluginDescriptor descriptor,
      PluginConfig config,
      PluginFiles files,
      Secrets secrets,
      HttpAccess http,
      HostServices services,
      HookWiring wiring,
      Denials denials) {
    this.descriptor = descriptor;
    this.config = config;
    this.files = files;
    this.secrets = secrets;
    this.http = http;
    this.services = services;
    this.wiring = wiring;
    this.denials = denials;
  }

  @Override
  public PluginDescriptor descriptor() {
    return descriptor;
  }

  @Override
  public PluginConfig config() {
    return open(config);
  }

  @Override
  public PluginFiles files() {
    return open(files);
  }

  @Override
  public Secrets secrets() {
    return open(secrets);
  }

  @Override
  public HttpAccess http() {
    return open(http);
  }

  @Override
  public synchronized HookRegistrar hooks() {
    open(this);
    if (registrar == null) {
      registrar = wiring.registrar(descriptor);
    }
    return registrar;
  }

  @Override
  public <S> Optional<S> service(Class<S> type) {
    open(this);
    switch (services.lookup(descriptor.id(), type)) {
      case DENIED:
        throw denials.deny("services", type.getName());
      case ABSENT:
        return Optional.empty();
      default:
        return services.get(type);
    }
  }

  /** True once the plugin was stopped. */
  public boolean isClosed() {
    return closed;
  }

  /** Revokes the context: later calls fail with {@code CONTEXT_CLOSED}. Idempotent. */
  @Override
  public void close() {
    closed = true;
  }

  private <T> T open(T value) {
    if (closed) {
      throw new PluginRuntimeException(
          RuntimeErrorCode.CONTEXT_CLOSED,
          descriptor.id(),
          "plugin context must not be used after stop: " + descriptor.id(),
          "Stop every thread and task the plugin started in Plugin.stop(), so nothing uses the context"
              + " after the plugin is unloaded.",
          Map.of("plugin", descriptor.id()),
          null);
    }
    return value;
  }
}
