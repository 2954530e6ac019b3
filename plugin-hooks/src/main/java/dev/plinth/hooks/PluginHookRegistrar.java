package dev.plinth.hooks;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import dev.plinth.api.hook.HookHandler;
import dev.plinth.api.hook.HookOptions;
import dev.plinth.api.hook.HookPoint;
import dev.plinth.api.hook.HookRegistrar;
import dev.plinth.api.hook.HookRegistration;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * One plugin's view of the {@link HookRegistry}: it registers handlers under a fixed plugin id and
 * classloader, after the {@link RegistrationPolicy} admits them, and offers no way to dispatch.
 * The runtime hands it to the plugin through its context and {@link #close() closes} it when the
 * plugin stops: that removes everything registered through it and refuses later registrations
 * (a plugin thread that outlived {@code stop()} cannot sneak a handler back in).
 *
 * <p>Thread-safe.
 */
@API(status = STABLE, since = "0.1")
public final class PluginHookRegistrar implements HookRegistrar, AutoCloseable {
  private final HookRegistry registry;
  private final String pluginId;
  private final ClassLoader loader;
  private final RegistrationPolicy policy;
  private volatile boolean closed;

  PluginHookRegistrar(HookRegistry registry, String pluginId, ClassLoader loader, RegistrationPolicy policy) {
    this.registry = registry;
    this.pluginId = requireNonNull(pluginId, "pluginId");
    this.loader = requireNonNull(loader, "loader");
    this.policy = requireNonNull(policy, "policy");
  }

  /** The plugin this registrar registers for. */
  public String pluginId() {
    return pluginId;
  }

  /**
   * {@inheritDoc}
   *
   * @throws HookException {@code REGISTRAR_CLOSED} after {@link #close()}
   */
  @Override
  public <T> HookRegistration register(HookPoint<T> point, HookOptions options, HookHandler<T> handler) {
    requireNonNull(point, "point");
    requireNonNull(options, "options");
    requireNonNull(handler, "handler");
    checkOpen(point);
    HookOptions effective = requireNonNull(policy.admit(pluginId, point, options), "policy result");
    HandlerSpec<T> spec = new HandlerSpec<>(pluginId, loader, point, effective, handler);
    RegisteredHandler<T> added = registry.add(spec, this);
    if (closed) {
      // close() ran concurrently and may have missed this one.
      added.unregister();
      checkOpen(point);
    }
    return added;
  }

  /** Removes every handler registered through this registrar and refuses new ones. Idempotent. */
  @Override
  public void close() {
    closed = true;
    registry.removeWhere(h -> h.owner == this);
  }

  private void checkOpen(HookPoint<?> point) {
    if (closed) {
      throw new HookException(
          HookErrorCode.REGISTRAR_CLOSED,
          "registrar must be open to register " + point.name() + ": closed for plugin " + pluginId,
          "register hooks in Plugin.start(); a stopped plugin cannot register",
          Map.of("pluginId", pluginId, "point", point.name()));
    }
  }
}
