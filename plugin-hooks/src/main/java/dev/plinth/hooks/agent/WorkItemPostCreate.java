package dev.plinth.hooks.agent;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/** Data of {@code work_item.post_create}: observe only, never blocks. Immutable. */
@API(status = EXPERIMENTAL, since = "0.1")
public record WorkItemPostCreate(
    WorkItem workItem, String pluginType, String pluginInstanceId, WebhookParseResult parseResult) {
  public WorkItemPostCreate {
    requireNonNull(workItem, "workItem");
    requireNonNull(pluginType, "pluginType");
    requireNonNull(pluginInstanceId, "pluginInstanceId");
    requireNonNull(parseResult, "parseResult");
  }
}
