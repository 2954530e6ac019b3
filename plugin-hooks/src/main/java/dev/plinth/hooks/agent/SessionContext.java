package dev.plinth.hooks.agent;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The conversation a run continues. Immutable.
 *
 * @param sessionKey the conversation key
 * @param summary a summary of earlier turns, if the host keeps one
 * @param history recent messages, oldest first
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record SessionContext(String sessionKey, @Nullable String summary, List<ChatMessage> history) {
  public SessionContext {
    requireNonNull(sessionKey, "sessionKey");
    history = List.copyOf(history);
  }
}
