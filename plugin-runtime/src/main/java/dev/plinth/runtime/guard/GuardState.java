package dev.plinth.runtime.guard;

import static org.apiguardian.api.API.Status.STABLE;

import java.time.Instant;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The crash guard's view of one plugin, for doctor reports.
 *
 * @param pluginId the plugin
 * @param failuresInWindow failures counted inside the current window
 * @param disabled whether the guard disabled the plugin (until re-enabled)
 * @param lastFailure when the last failure was recorded, or null
 * @param lastCode the code of the last failure, or null
 */
@API(status = STABLE, since = "0.1")
public record GuardState(
    String pluginId, int failuresInWindow, boolean disabled, @Nullable Instant lastFailure,
    @Nullable String lastCode) {}
