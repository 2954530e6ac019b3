package dev.plinth.api;

import static org.apiguardian.api.API.Status.STABLE;

import dev.plinth.api.hook.HookRegistrar;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What the host gives a started plugin. The runtime implements it; every service is checked
 * against the plugin's declared permissions at this boundary, and a denial throws
 * {@link PermissionDeniedException}.
 *
 * <p>Thread-safe: a plugin may use its context from any thread until {@link Plugin#stop()}
 * returns.
 */
@API(status = STABLE, since = "0.1")
public interface PluginContext {

  /** This plugin's descriptor. */
  PluginDescriptor descriptor();

  /** The plugin's settings, validated against its {@code config_schema}. */
  PluginConfig config();

  /** Files under the plugin's own data folder, kept across upgrades. */
  PluginFiles files();

  /** Secrets the manifest declares under {@code permissions.secrets}. */
  Secrets secrets();

  /** Outbound HTTP to the hosts the manifest declares under {@code permissions.network}. */
  HttpAccess http();

  /** Registers hook handlers for the points the manifest contributes; cannot dispatch. */
  HookRegistrar hooks();

  /**
   * A service the host offers to plugins, for example a tool registry.
   *
   * @return the service, or empty when the host does not offer one of this type
   * @throws PermissionDeniedException when the host restricts the service and the plugin did not
   *     declare it
   */
  <S> Optional<S> service(Class<S> type);
}
