package dev.plinth.hooks.agent;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Map;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * What the integration made of an inbound webhook. Immutable.
 *
 * @param shouldProcess whether the integration wants a work item created
 * @param idempotencyKey the key that deduplicates redeliveries, if any
 * @param command a slash command or similar found in the event, if any
 * @param responseContext integration data needed to answer later (channel, thread); shallow copy,
 *     values must be immutable and non-null
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record WebhookParseResult(
    boolean shouldProcess, @Nullable String idempotencyKey, @Nullable String command, Map<String, Object> responseContext) {
  public WebhookParseResult {
    responseContext = Map.copyOf(requireNonNull(responseContext, "responseContext"));
  }
}
