package dev.plinth.runtime.slo;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * A burn-rate alert that started or stopped firing for one plugin's SLO. Immutable; serialises to
 * JSON as it is (snake_case keys in {@code slo.json}).
 *
 * @param pluginId the plugin
 * @param rule the rule's name, e.g. {@code slo_burn_fast}
 * @param sli {@code availability} or {@code latency}
 * @param state whether it began or stopped firing
 * @param longBurn the burn rate over the rule's long window when it changed
 * @param shortBurn the burn rate over the rule's short window when it changed
 * @param threshold the rule's threshold
 * @param longWindowSeconds the rule's long window
 * @param shortWindowSeconds the rule's short window
 * @param time when it changed (ISO-8601)
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record SloAlert(
    String pluginId,
    String rule,
    String sli,
    State state,
    double longBurn,
    double shortBurn,
    double threshold,
    long longWindowSeconds,
    long shortWindowSeconds,
    String time) {

  /** The SLI whose calls failed. */
  public static final String AVAILABILITY = "availability";
  /** The SLI whose calls were slower than the bound. */
  public static final String LATENCY = "latency";

  /** Event type written when an alert stops firing (its detail names the rule). */
  public static final String RESOLVED_EVENT = "slo_burn_resolved";

  public SloAlert {
    requireNonNull(pluginId, "pluginId");
    requireNonNull(rule, "rule");
    requireNonNull(sli, "sli");
    requireNonNull(state, "state");
    requireNonNull(time, "time");
  }

  /** Whether an alert begins or ends. */
  @API(status = EXPERIMENTAL, since = "0.1")
  public enum State {
    FIRING,
    RESOLVED
  }
}
