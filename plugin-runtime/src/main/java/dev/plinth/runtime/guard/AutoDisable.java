package dev.plinth.runtime.guard;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import java.time.Duration;
import java.time.Instant;
import org.apiguardian.api.API;

/**
 * The crash guard's decision to disable a plugin.
 *
 * @param pluginId the plugin disabled
 * @param version its version when the last failure happened
 * @param failures failures counted inside the window
 * @param window the window
 * @param lastCode the code of the failure that tripped the guard
 * @param lastDetail what that failure said
 * @param at when the guard tripped
 */
@API(status = STABLE, since = "0.1")
public record AutoDisable(
    String pluginId, String version, int failures, Duration window, String lastCode, String lastDetail,
    Instant at) {
  public AutoDisable {
    requireNonNull(pluginId, "pluginId");
    requireNonNull(version, "version");
    requireNonNull(window, "window");
    requireNonNull(lastCode, "lastCode");
    requireNonNull(lastDetail, "lastDetail");
    requireNonNull(at, "at");
  }

  /** Receives trips; implementations persist the disable and unload the plugin. */
  @FunctionalInterface
  public interface Listener {
    Listener NONE = trip -> {};

    void onAutoDisable(AutoDisable trip);
  }
}
