package dev.plinth.hooks.agent;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Map;
import org.apiguardian.api.API;

/**
 * Data of {@code tool.pre_exec}: may change {@code toolInput}; may block (the tool does not run
 * and the model gets a "blocked by plugin" result). Immutable.
 *
 * @param toolName the tool to run
 * @param toolInput its arguments; shallow copy, values must be immutable and non-null
 * @param toolCallId the model's call id
 * @param turn the turn number
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ToolPreExec(String toolName, Map<String, Object> toolInput, String toolCallId, int turn) {
  public ToolPreExec {
    requireNonNull(toolName, "toolName");
    toolInput = Map.copyOf(toolInput);
    requireNonNull(toolCallId, "toolCallId");
  }

  public ToolPreExec withToolInput(Map<String, Object> toolInput) {
    return new ToolPreExec(toolName, toolInput, toolCallId, turn);
  }
}
