package dev.plinth.hooks.agent;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Data of {@code response.pre_deliver}: may change {@code content}; may block (delivery is
 * suppressed). Immutable.
 *
 * @param content the outgoing text, already normalised and prefixed
 * @param pluginType the integration type delivering it
 * @param pluginInstanceId the integration instance
 * @param workItemId the work item answered
 * @param responseMode streamed update or final answer
 * @param hitLimit whether the run stopped at a turn or budget limit
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ResponsePreDeliver(
    String content, String pluginType, String pluginInstanceId, String workItemId, ResponseMode responseMode, boolean hitLimit) {
  public ResponsePreDeliver {
    requireNonNull(content, "content");
    requireNonNull(pluginType, "pluginType");
    requireNonNull(pluginInstanceId, "pluginInstanceId");
    requireNonNull(workItemId, "workItemId");
    requireNonNull(responseMode, "responseMode");
  }

  public ResponsePreDeliver withContent(String content) {
    return new ResponsePreDeliver(content, pluginType, pluginInstanceId, workItemId, responseMode, hitLimit);
  }
}
