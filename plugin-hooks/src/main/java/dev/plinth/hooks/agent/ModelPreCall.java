package dev.plinth.hooks.agent;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import org.apiguardian.api.API;

/**
 * Data of {@code model.pre_call}: may change {@code temperature}, {@code maxTokens} and
 * {@code model} (never the messages or tools); may block (the run ends with its current
 * response). Immutable.
 *
 * @param model the model (or provider route) to call
 * @param temperature sampling temperature, {@code >= 0}
 * @param maxTokens output token limit, {@code > 0}
 * @param messages the prepared messages
 * @param tools the tools offered this turn
 * @param turn the turn number, from 0
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ModelPreCall(
    String model, double temperature, int maxTokens, List<ChatMessage> messages, List<ToolDefinition> tools, int turn) {
  public ModelPreCall {
    requireNonNull(model, "model");
    if (!(temperature >= 0)) {
      throw new IllegalArgumentException("temperature must be >= 0: " + temperature);
    }
    if (maxTokens <= 0) {
      throw new IllegalArgumentException("maxTokens must be > 0: " + maxTokens);
    }
    messages = List.copyOf(messages);
    tools = List.copyOf(tools);
  }

  public ModelPreCall withModel(String model) {
    return new ModelPreCall(model, temperature, maxTokens, messages, tools, turn);
  }

  public ModelPreCall withTemperature(double temperature) {
    return new ModelPreCall(model, temperature, maxTokens, messages, tools, turn);
  }

  public ModelPreCall withMaxTokens(int maxTokens) {
    return new ModelPreCall(model, temperature, maxTokens, messages, tools, turn);
  }
}
