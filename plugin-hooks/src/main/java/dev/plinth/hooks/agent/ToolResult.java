package dev.plinth.hooks.agent;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * What a tool returned. Immutable.
 *
 * @param success whether it succeeded
 * @param output its output text (mutable at {@code tool.post_exec}), or null
 * @param error its error text, or null
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ToolResult(boolean success, @Nullable String output, @Nullable String error) {
  public ToolResult withOutput(@Nullable String output) {
    return new ToolResult(success, output, error);
  }
}
