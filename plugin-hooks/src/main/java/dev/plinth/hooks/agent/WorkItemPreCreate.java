package dev.plinth.hooks.agent;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Data of {@code work_item.pre_create}: may change {@code workItem.title},
 * {@code workItem.sessionKey} and {@code workItem.payload}; may block (the event is acknowledged
 * and ignored). Immutable.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record WorkItemPreCreate(
    NewWorkItem workItem, WebhookParseResult parseResult, String pluginType, String pluginInstanceId) {
  public WorkItemPreCreate {
    requireNonNull(workItem, "workItem");
    requireNonNull(parseResult, "parseResult");
    requireNonNull(pluginType, "pluginType");
    requireNonNull(pluginInstanceId, "pluginInstanceId");
  }

  public WorkItemPreCreate withWorkItem(NewWorkItem workItem) {
    return new WorkItemPreCreate(workItem, parseResult, pluginType, pluginInstanceId);
  }
}
