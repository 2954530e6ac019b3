package dev.plinth.hooks.agent;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Data of {@code response.post_deliver}: observe only, never blocks. Immutable.
 *
 * @param content the text that was delivered
 * @param result what the integration reported
 * @param pluginType the integration type
 * @param pluginInstanceId the integration instance
 * @param workItemId the work item answered
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ResponsePostDeliver(
    String content, DeliveryResult result, String pluginType, String pluginInstanceId, String workItemId) {
  public ResponsePostDeliver {
    requireNonNull(content, "content");
    requireNonNull(result, "result");
    requireNonNull(pluginType, "pluginType");
    requireNonNull(pluginInstanceId, "pluginInstanceId");
    requireNonNull(workItemId, "workItemId");
  }
}
