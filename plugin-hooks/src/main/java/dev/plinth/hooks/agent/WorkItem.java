package dev.plinth.hooks.agent;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Instant;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A stored work item. Immutable.
 *
 * @param id its id
 * @param pluginInstanceId the integration instance it came from
 * @param sessionKey the conversation it belongs to
 * @param source the integration type
 * @param sourceRef the source's own reference
 * @param status the host's status name (such as {@code pending})
 * @param title short title
 * @param payload the event payload as JSON text, or null
 * @param createdAt creation time
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record WorkItem(
    String id,
    String pluginInstanceId,
    String sessionKey,
    String source,
    String sourceRef,
    String status,
    String title,
    @Nullable String payload,
    Instant createdAt) {
  public WorkItem {
    requireNonNull(id, "id");
    requireNonNull(pluginInstanceId, "pluginInstanceId");
    requireNonNull(sessionKey, "sessionKey");
    requireNonNull(source, "source");
    requireNonNull(sourceRef, "sourceRef");
    requireNonNull(status, "status");
    requireNonNull(title, "title");
    requireNonNull(createdAt, "createdAt");
  }
}
