package dev.plinth.runtime.slo;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Duration;
import org.apiguardian.api.API;

/**
 * One multi-window burn-rate alert, as the SRE workbook ("Alerting on SLOs", approach 6) sets
 * them: it fires while the burn rate over both the long and the short window is at least
 * {@code threshold}, so it needs a sustained burn (long window) that is still going on (short
 * window), and it resolves soon after the burn stops.
 *
 * <p>A burn rate of 1 spends the error budget exactly over the SLO period; the workbook's
 * defaults for a 30-day period are {@link #FAST} (2 % of the budget in one hour) and
 * {@link #SLOW} (5 % in six hours).
 *
 * @param name the event type written when it fires, e.g. {@code slo_burn_fast}
 * @param longWindow the window that shows the burn is sustained
 * @param shortWindow the window that shows it is still going on (shorter than {@code longWindow})
 * @param threshold the burn rate at which it fires, {@code > 0}
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record BurnAlertRule(String name, Duration longWindow, Duration shortWindow, double threshold) {
  /** Burn rate 14.4 over 1 h and 5 min: a page. */
  public static final BurnAlertRule FAST =
      new BurnAlertRule("slo_burn_fast", Duration.ofHours(1), Duration.ofMinutes(5), 14.4);
  /** Burn rate 6 over 6 h and 30 min: a page, or a ticket. */
  public static final BurnAlertRule SLOW =
      new BurnAlertRule("slo_burn_slow", Duration.ofHours(6), Duration.ofMinutes(30), 6);

  public BurnAlertRule {
    requireNonNull(name, "name");
    requireNonNull(longWindow, "longWindow");
    requireNonNull(shortWindow, "shortWindow");
    if (!name.matches("[a-z][a-z0-9_]{0,63}")) {
      throw new IllegalArgumentException("alert.name must be snake_case: '" + name + "'");
    }
    if (shortWindow.isNegative() || shortWindow.isZero()) {
      throw new IllegalArgumentException("alert.shortWindow must be > 0: " + shortWindow);
    }
    if (longWindow.compareTo(shortWindow) <= 0) {
      throw new IllegalArgumentException("alert.longWindow must be > shortWindow " + shortWindow + ": " + longWindow);
    }
    if (!(threshold > 0) || Double.isInfinite(threshold)) {
      throw new IllegalArgumentException("alert.threshold must be > 0: " + threshold);
    }
  }
}
