package dev.plinth.api;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * The result of a health check.
 *
 * @param state whether the plugin can work
 * @param detail a short human-readable explanation, empty when healthy
 */
@API(status = STABLE, since = "0.1")
public record HealthStatus(State state, String detail) {

  /** How well a plugin can do its work. */
  public enum State {
    HEALTHY,
    DEGRADED,
    UNHEALTHY
  }

  public HealthStatus {
    requireNonNull(state, "state");
    requireNonNull(detail, "detail");
  }

  public static HealthStatus healthy() {
    return new HealthStatus(State.HEALTHY, "");
  }

  public static HealthStatus degraded(String detail) {
    return new HealthStatus(State.DEGRADED, detail);
  }

  public static HealthStatus unhealthy(String detail) {
    return new HealthStatus(State.UNHEALTHY, detail);
  }

  /** True unless the state is {@link State#UNHEALTHY}: a degraded plugin still serves. */
  public boolean isUsable() {
    return state != State.UNHEALTHY;
  }
}
