package dev.plinth.hooks;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import dev.plinth.api.hook.HookHandler;
import dev.plinth.api.hook.HookOptions;
import dev.plinth.api.hook.HookPoint;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Everything the registry needs to run one handler: who owns it, the classloader to install as
 * the thread's context loader while it runs, the point, the effective options (after the
 * operator's policy) and the handler. Immutable.
 *
 * @param pluginId the owning plugin (receipts and the bulkhead are per plugin id)
 * @param loader the plugin's classloader, set as context classloader for every call
 * @param point the point handled
 * @param options priority, timeout, failure policy and execution mode
 * @param handler the plugin's handler
 */
@API(status = STABLE, since = "0.1")
public record HandlerSpec<T>(
    String pluginId, ClassLoader loader, HookPoint<T> point, HookOptions options, HookHandler<T> handler) {

  public HandlerSpec {
    requireNonNull(pluginId, "pluginId");
    requireNonNull(loader, "loader");
    requireNonNull(point, "point");
    requireNonNull(options, "options");
    requireNonNull(handler, "handler");
    if (pluginId.isBlank()) {
      throw new HookException(
          HookErrorCode.HANDLER_INVALID,
          "pluginId must not be blank: '" + pluginId + "'",
          "register the handler under its plugin's id (the manifest's plugin.id)",
          Map.of("field", "pluginId", "value", pluginId));
    }
  }

  /**
   * A spec whose context loader is the handler class's own loader: right for host-owned handlers
   * and for handlers whose class the plugin's loader defined.
   */
  public static <T> HandlerSpec<T> of(
      String pluginId, HookPoint<T> point, HookOptions options, HookHandler<T> handler) {
    ClassLoader loader = handler.getClass().getClassLoader();
    return new HandlerSpec<>(
        pluginId, loader != null ? loader : ClassLoader.getSystemClassLoader(), point, options, handler);
  }
}
