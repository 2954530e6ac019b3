package dev.plinth.hooks.agent;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A model's answer (the chosen completion). Immutable.
 *
 * @param id the provider's response id
 * @param model the model that answered
 * @param content the assistant text, or null when it only called tools
 * @param toolCalls the tools it asked to call
 * @param finishReason why it stopped ({@code stop}, {@code length}, {@code tool_calls}), if given
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ModelResponse(
    String id, String model, @Nullable String content, List<ToolCall> toolCalls, @Nullable String finishReason) {
  public ModelResponse {
    requireNonNull(id, "id");
    requireNonNull(model, "model");
    toolCalls = List.copyOf(toolCalls);
  }

  /**
   * A tool call the model asked for.
   *
   * @param id the call id
   * @param name the tool name
   * @param arguments the arguments as JSON text
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  public record ToolCall(String id, String name, String arguments) {
    public ToolCall {
      requireNonNull(id, "id");
      requireNonNull(name, "name");
      requireNonNull(arguments, "arguments");
    }
  }
}
