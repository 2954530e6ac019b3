package dev.plinth.installer.store;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.plinth.api.ErrorCode;
import org.apiguardian.api.API;

/**
 * One finding of a {@link RepairStep}: what was damaged and what was done about it.
 *
 * @param code the kind of damage (for the store's own steps an {@link IntegrityCode})
 * @param pluginId the plugin concerned, empty for store-wide files
 * @param path the file or folder, relative to the home
 * @param action what the repair did, or why it could not
 * @param repaired true when the file now holds what the versions on disk imply
 * @param nextStep what the operator should still do (also when repaired: what was lost)
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record RepairAction(ErrorCode code, String pluginId, String path, String action, boolean repaired, String nextStep) {
  public RepairAction {
    requireNonNull(code, "code");
    requireNonNull(pluginId, "pluginId");
    requireNonNull(path, "path");
    requireNonNull(action, "action");
    requireNonNull(nextStep, "nextStep");
  }
}
