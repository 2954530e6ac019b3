package dev.plinth.installer.store;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * What {@link PluginStore#checkUpdates()} found for one plugin.
 *
 * @param pluginId the plugin
 * @param currentVersion its current version
 * @param source the unpinned source that was checked
 * @param latestVersion the newest version offered, or null when the check failed
 * @param updateAvailable true when {@code latestVersion} is newer than the current one
 * @param pinnedVersion the pin that keeps {@code upgrade} from moving, or null
 * @param error why the check failed, or null
 */
@API(status = STABLE, since = "0.1")
public record UpdateCheck(
    String pluginId,
    String currentVersion,
    String source,
    @Nullable String latestVersion,
    boolean updateAvailable,
    @Nullable String pinnedVersion,
    InstallOutcome.@Nullable Cause error) {
  public UpdateCheck {
    requireNonNull(pluginId, "pluginId");
    requireNonNull(currentVersion, "currentVersion");
    requireNonNull(source, "source");
  }
}
