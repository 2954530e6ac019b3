package dev.plinth.runtime.slo;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Duration;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * What one plugin's hook handlers promise, as two SLOs over the same calls.
 *
 * <ul>
 *   <li><b>availability</b>: at least {@code successTarget} of calls end {@code OK} or
 *       {@code BLOCKED} (an {@code ERROR} or {@code TIMEOUT} spends budget; a skipped call does
 *       not, since the handler never ran);
 *   <li><b>latency</b>: the 95th percentile of call durations stays at or under
 *       {@code p95Latency}, i.e. at most 5 % of calls are slower. When {@code p95Latency} is absent,
 *       each call is held to half of its own handler's timeout.
 * </ul>
 *
 * <pre>{@code
 * SloObjective strict = SloObjective.DEFAULT.withSuccessTarget(0.999).withP95Latency(Duration.ofMillis(50));
 * }</pre>
 *
 * @param successTarget the share of calls that must succeed, strictly between 0 and 1
 * @param p95Latency the 95th-percentile bound, or null for half of each handler's timeout
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record SloObjective(double successTarget, @Nullable Duration p95Latency) {
  /** Success at least 99 %, p95 at most half of the hook's timeout. */
  public static final SloObjective DEFAULT = new SloObjective(0.99, null);

  /** The share of calls the latency SLO allows to be slower than the bound. */
  public static final double LATENCY_BUDGET = 0.05;

  public SloObjective {
    if (!(successTarget > 0 && successTarget < 1)) {
      throw new IllegalArgumentException("slo.successTarget must be > 0 and < 1: " + successTarget);
    }
    if (p95Latency != null && (p95Latency.isNegative() || p95Latency.isZero())) {
      throw new IllegalArgumentException("slo.p95Latency must be > 0: " + p95Latency);
    }
  }

  public SloObjective withSuccessTarget(double target) {
    return new SloObjective(target, p95Latency);
  }

  public SloObjective withP95Latency(Duration bound) {
    return new SloObjective(successTarget, bound);
  }

  /** The fixed p95 bound, when one is set. */
  public Optional<Duration> fixedP95() {
    return Optional.ofNullable(p95Latency);
  }

  /** The share of calls that may fail: {@code 1 - successTarget}. */
  public double errorBudget() {
    return 1 - successTarget;
  }

  /** The latency bound for a call whose handler has {@code handlerTimeout}. */
  Duration latencyBound(Duration handlerTimeout) {
    return p95Latency != null ? p95Latency : handlerTimeout.dividedBy(2);
  }
}
