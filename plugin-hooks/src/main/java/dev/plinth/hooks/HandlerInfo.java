package dev.plinth.hooks;

import static org.apiguardian.api.API.Status.STABLE;

import dev.plinth.api.hook.ExecutionMode;
import dev.plinth.api.hook.FailurePolicy;
import java.time.Duration;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A read-only description of one registered handler, for doctor output and host UIs. Immutable.
 *
 * @param point the point name
 * @param pluginId the owning plugin
 * @param handlerId the registration id (registration order)
 * @param priority higher runs first
 * @param timeout the handler's own timeout, or null for the dispatcher default
 * @param failure the handler's own failure policy, or null for the point's default
 * @param mode inline or isolated
 */
@API(status = STABLE, since = "0.1")
public record HandlerInfo(
    String point,
    String pluginId,
    long handlerId,
    int priority,
    @Nullable Duration timeout,
    @Nullable FailurePolicy failure,
    ExecutionMode mode) {}
