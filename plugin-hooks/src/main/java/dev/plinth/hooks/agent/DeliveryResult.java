package dev.plinth.hooks.agent;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * What the integration reported after delivering a response. Immutable.
 *
 * @param success whether delivery succeeded
 * @param outcome sent, failed, or unknown (the integration could not tell)
 * @param retryable whether a failed delivery may be retried
 * @param providerRef the provider's id for the delivered message, if any
 * @param error the error text, if any
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record DeliveryResult(
    boolean success, Outcome outcome, boolean retryable, @Nullable String providerRef, @Nullable String error) {
  public DeliveryResult {
    requireNonNull(outcome, "outcome");
  }

  /** How a delivery ended. */
  @API(status = EXPERIMENTAL, since = "0.1")
  public enum Outcome {
    SENT,
    FAILED,
    UNKNOWN
  }
}
