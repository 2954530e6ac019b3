package dev.plinth.api;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Map;
import org.apiguardian.api.API;

/**
 * Thrown when a plugin uses something its manifest does not declare. The host also records a
 * {@code permission_denied} event. These checks guard honest plugins against mistakes; code running
 * in the host's JVM can bypass them, so they are not a security sandbox.
 */
@API(status = STABLE, since = "0.1")
public final class PermissionDeniedException extends PlinthException {
  private static final long serialVersionUID = 1L;

  private final String pluginId;
  private final String permission;
  private final String value;

  public PermissionDeniedException(String pluginId, String permission, String value) {
    super(
        ApiErrorCode.PERMISSION_DENIED,
        "plugin.permissions." + permission + " does not allow: " + value + " (plugin " + pluginId + ")",
        "Declare \"" + value + "\" under [plugin.permissions] " + permission
            + " in the plugin's plugin.toml, reinstall, and acknowledge the new permission.",
        Map.of("plugin", pluginId, "permission", permission, "value", value),
        null);
    this.pluginId = pluginId;
    this.permission = permission;
    this.value = value;
  }

  public String pluginId() {
    return pluginId;
  }

  /** The permission kind: {@code secrets}, {@code network}, {@code filesystem} or {@code services}. */
  public String permission() {
    return permission;
  }

  /** The secret name, host, path or service that was refused. */
  public String value() {
    return value;
  }
}
