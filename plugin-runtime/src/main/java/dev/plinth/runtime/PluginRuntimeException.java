package dev.plinth.runtime;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import dev.plinth.api.ErrorCode;
import dev.plinth.api.PlinthException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A runtime failure concerning one plugin: it could not be loaded, started, checked, stopped or
 * unloaded. The code is usually a {@link RuntimeErrorCode}; timeouts carry plugin-api's {@code
 * PLUGIN_TIMEOUT} and boot-order problems the installer's {@code DEPENDENCY_*} codes.
 *
 * <p>A cause thrown by plugin code is kept only as a {@link PluginFailure} copy, so holding this
 * exception (in a boot report, say) never pins the plugin's classloader. Immutable.
 */
@API(status = STABLE, since = "0.1")
public final class PluginRuntimeException extends PlinthException {
  private static final long serialVersionUID = 1L;

  private final String pluginId;

  public PluginRuntimeException(ErrorCode code, String pluginId, String message, String nextStep) {
    this(code, pluginId, message, nextStep, Map.of(), null);
  }

  public PluginRuntimeException(
      ErrorCode code,
      String pluginId,
      String message,
      String nextStep,
      Map<String, ?> details,
      @Nullable Throwable cause) {
    super(code, message, nextStep, withPlugin(details, pluginId), PluginFailure.detach(cause));
    this.pluginId = pluginId;
  }

  /** The plugin concerned. */
  public String pluginId() {
    return pluginId;
  }

  private static Map<String, Object> withPlugin(Map<String, ?> details, String pluginId) {
    Map<String, Object> out = new LinkedHashMap<>(details);
    out.put("plugin", requireNonNull(pluginId, "pluginId"));
    return out;
  }
}
