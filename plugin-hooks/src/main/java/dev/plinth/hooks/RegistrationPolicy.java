package dev.plinth.hooks;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import dev.plinth.api.ApiErrorCode;
import dev.plinth.api.PlinthException;
import dev.plinth.api.hook.ExecutionMode;
import dev.plinth.api.hook.HookOptions;
import dev.plinth.api.hook.HookPoint;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Decides, for a plugin's registration request, whether it is admitted and with which effective
 * options. The runtime composes one per plugin from its manifest: declared points
 * ({@code contributes.hooks}) and the operator's {@code [[plugin.hooks]]} policy (priority,
 * {@code timeout_ms}, {@code failure}). Implementations must be thread-safe.
 */
@API(status = STABLE, since = "0.1")
@FunctionalInterface
public interface RegistrationPolicy {

  /**
   * Returns the options to register with, or throws to refuse.
   *
   * @throws PlinthException to refuse, typically with {@link ApiErrorCode#HOOK_NOT_DECLARED} or
   *     {@link ApiErrorCode#HOOK_POINT_UNKNOWN}
   */
  HookOptions admit(String pluginId, HookPoint<?> point, HookOptions requested);

  /** Admits everything as requested (host-owned and test handlers). */
  static RegistrationPolicy allowAll() {
    return (pluginId, point, requested) -> requested;
  }

  /** Admits only the named points (a manifest's {@code contributes.hooks}). */
  static RegistrationPolicy declaredPoints(Collection<String> pointNames) {
    Set<String> declared = Set.copyOf(pointNames);
    return (pluginId, point, requested) -> {
      if (!declared.contains(point.name())) {
        throw new PlinthException(
            ApiErrorCode.HOOK_NOT_DECLARED,
            "contributes.hooks must list the point: " + point.name(),
            "add \"" + point.name() + "\" to contributes.hooks in plugin.toml of " + pluginId,
            Map.of("pluginId", pluginId, "field", "contributes.hooks", "value", point.name()),
            null);
      }
      return requested;
    };
  }

  /** Runs every handler of the plugin on the executor, whatever it asked for (untrusted code). */
  static RegistrationPolicy isolatedOnly() {
    return (pluginId, point, requested) -> requested.withMode(ExecutionMode.ISOLATED);
  }

  /** Applies this policy, then {@code next} to the options this one returned. */
  default RegistrationPolicy andThen(RegistrationPolicy next) {
    requireNonNull(next, "next");
    return (pluginId, point, requested) -> next.admit(pluginId, point, admit(pluginId, point, requested));
  }
}
