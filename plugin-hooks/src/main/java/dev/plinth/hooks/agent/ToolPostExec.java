package dev.plinth.hooks.agent;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Map;
import org.apiguardian.api.API;

/**
 * Data of {@code tool.post_exec}: may change {@code result.output} only (redaction, filtering);
 * never blocks. Immutable.
 *
 * @param toolName the tool that ran
 * @param toolInput its arguments; shallow copy, values must be immutable and non-null
 * @param result what it returned
 * @param durationMs how long it ran
 * @param turn the turn number
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ToolPostExec(String toolName, Map<String, Object> toolInput, ToolResult result, long durationMs, int turn) {
  public ToolPostExec {
    requireNonNull(toolName, "toolName");
    toolInput = Map.copyOf(toolInput);
    requireNonNull(result, "result");
  }

  public ToolPostExec withResult(ToolResult result) {
    return new ToolPostExec(toolName, toolInput, result, durationMs, turn);
  }
}
