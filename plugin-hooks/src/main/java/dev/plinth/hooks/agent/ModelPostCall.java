package dev.plinth.hooks.agent;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Data of {@code model.post_call}: observe only, never blocks. Immutable.
 *
 * @param response the model's answer
 * @param model the model called
 * @param turn the turn number
 * @param durationMs how long the call took
 * @param usage tokens and cost
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ModelPostCall(ModelResponse response, String model, int turn, long durationMs, Usage usage) {
  public ModelPostCall {
    requireNonNull(response, "response");
    requireNonNull(model, "model");
    requireNonNull(usage, "usage");
  }

  /**
   * Token use and cost of one model call.
   *
   * @param promptTokens input tokens
   * @param completionTokens output tokens
   * @param costUsd cost in US dollars
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  public record Usage(long promptTokens, long completionTokens, double costUsd) {}
}
