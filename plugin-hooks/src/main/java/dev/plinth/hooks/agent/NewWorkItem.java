package dev.plinth.hooks.agent;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A work item about to be created from an inbound event. Immutable.
 *
 * @param pluginInstanceId the integration instance the event came from
 * @param sessionKey the conversation it belongs to (mutable at {@code work_item.pre_create})
 * @param source the integration type, such as {@code slack}
 * @param sourceRef the source's own reference (message id, issue number)
 * @param title short title (mutable at {@code work_item.pre_create})
 * @param payload the event payload as JSON text, or null when there is none (mutable)
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record NewWorkItem(
    String pluginInstanceId, String sessionKey, String source, String sourceRef, String title, @Nullable String payload) {
  public NewWorkItem {
    requireNonNull(pluginInstanceId, "pluginInstanceId");
    requireNonNull(sessionKey, "sessionKey");
    requireNonNull(source, "source");
    requireNonNull(sourceRef, "sourceRef");
    requireNonNull(title, "title");
  }

  public NewWorkItem withTitle(String title) {
    return new NewWorkItem(pluginInstanceId, sessionKey, source, sourceRef, title, payload);
  }

  public NewWorkItem withSessionKey(String sessionKey) {
    return new NewWorkItem(pluginInstanceId, sessionKey, source, sourceRef, title, payload);
  }

  public NewWorkItem withPayload(@Nullable String payload) {
    return new NewWorkItem(pluginInstanceId, sessionKey, source, sourceRef, title, payload);
  }
}
