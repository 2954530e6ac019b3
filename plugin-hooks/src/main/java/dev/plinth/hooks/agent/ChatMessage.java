package dev.plinth.hooks.agent;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * One chat message sent to a model. Immutable.
 *
 * @param role {@code system}, {@code user}, {@code assistant} or {@code tool}
 * @param content its text, or null (an assistant message with only tool calls)
 * @param toolCallId for {@code tool} messages, the call it answers
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ChatMessage(String role, @Nullable String content, @Nullable String toolCallId) {
  public ChatMessage {
    requireNonNull(role, "role");
  }
}
