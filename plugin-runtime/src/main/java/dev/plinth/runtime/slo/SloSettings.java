package dev.plinth.runtime.slo;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * How the SLO layer measures: the objectives (a default and per-plugin overrides from the host's
 * configuration), the alert rules, and the rolling window the report's budget is counted over.
 * Immutable; every {@code withX} returns a new value and checks the rules again.
 *
 * <pre>{@code
 * SloSettings slo = SloSettings.defaults()
 *     .withObjective("acme_redactor", SloObjective.DEFAULT.withSuccessTarget(0.995));
 * PluginSystem.builder()...slo(slo).build();
 * }</pre>
 *
 * @param window the rolling window of the report (SLIs, budget left); at least every rule's long window
 * @param bucket the resolution of the windows; at most every rule's short window
 * @param rules the burn-rate alerts (distinct names)
 * @param minCalls calls a short window must hold before an alert may fire (one failed call out of
 *     one is a 100 % error rate, but not yet a signal)
 * @param defaultObjective the objective of plugins without their own
 * @param objectives per plugin id
 * @param snapshotInterval how often, at most, the runtime rewrites {@code <home>/slo.json} for
 *     {@code plinth slo} while receipts arrive (and always when the system closes)
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record SloSettings(
    Duration window,
    Duration bucket,
    List<BurnAlertRule> rules,
    int minCalls,
    SloObjective defaultObjective,
    Map<String, SloObjective> objectives,
    Duration snapshotInterval) {

  public SloSettings {
    requireNonNull(window, "window");
    requireNonNull(bucket, "bucket");
    requireNonNull(defaultObjective, "defaultObjective");
    requireNonNull(snapshotInterval, "snapshotInterval");
    rules = List.copyOf(rules);
    objectives = Map.copyOf(objectives);
    positive("bucket", bucket);
    positive("snapshotInterval", snapshotInterval);
    if (minCalls < 1) {
      throw new IllegalArgumentException("slo.minCalls must be >= 1: " + minCalls);
    }
    if (window.compareTo(bucket) < 0) {
      throw new IllegalArgumentException("slo.window must be >= bucket " + bucket + ": " + window);
    }
    Set<String> names = new HashSet<>();
    for (BurnAlertRule r : rules) {
      if (!names.add(r.name())) {
        throw new IllegalArgumentException("slo.rules names must be distinct, given twice: " + r.name());
      }
      if (r.shortWindow().compareTo(bucket) < 0) {
        throw new IllegalArgumentException("slo.bucket must be <= the short window of " + r.name() + " ("
            + r.shortWindow() + "): " + bucket);
      }
      if (r.longWindow().compareTo(window) > 0) {
        throw new IllegalArgumentException("slo.window must be >= the long window of " + r.name() + " ("
            + r.longWindow() + "): " + window);
      }
    }
  }

  /**
   * Six-hour window, 30-second buckets, the workbook's fast and slow alerts, at least 10 calls in a
   * short window, {@link SloObjective#DEFAULT}, a snapshot at most every 10 seconds.
   */
  public static SloSettings defaults() {
    return new SloSettings(Duration.ofHours(6), Duration.ofSeconds(30), List.of(BurnAlertRule.FAST, BurnAlertRule.SLOW),
        10, SloObjective.DEFAULT, Map.of(), Duration.ofSeconds(10));
  }

  /** The objective of {@code pluginId}: its own, else the default. */
  public SloObjective objective(String pluginId) {
    return objectives.getOrDefault(pluginId, defaultObjective);
  }

  public SloSettings withObjective(String pluginId, SloObjective objective) {
    requireNonNull(pluginId, "pluginId");
    requireNonNull(objective, "objective");
    Map<String, SloObjective> m = new LinkedHashMap<>(objectives);
    m.put(pluginId, objective);
    return new SloSettings(window, bucket, rules, minCalls, defaultObjective, m, snapshotInterval);
  }

  public SloSettings withDefaultObjective(SloObjective objective) {
    return new SloSettings(window, bucket, rules, minCalls, objective, objectives, snapshotInterval);
  }

  /** Replaces the rules and sets the window to the longest long window among them (at least one bucket). */
  public SloSettings withRules(List<BurnAlertRule> newRules) {
    Duration longest = bucket;
    for (BurnAlertRule r : newRules) {
      longest = r.longWindow().compareTo(longest) > 0 ? r.longWindow() : longest;
    }
    return new SloSettings(longest, bucket, newRules, minCalls, defaultObjective, objectives, snapshotInterval);
  }

  public SloSettings withBucket(Duration newBucket) {
    return new SloSettings(window, newBucket, rules, minCalls, defaultObjective, objectives, snapshotInterval);
  }

  public SloSettings withWindow(Duration newWindow) {
    return new SloSettings(newWindow, bucket, rules, minCalls, defaultObjective, objectives, snapshotInterval);
  }

  public SloSettings withMinCalls(int calls) {
    return new SloSettings(window, bucket, rules, calls, defaultObjective, objectives, snapshotInterval);
  }

  public SloSettings withSnapshotInterval(Duration interval) {
    return new SloSettings(window, bucket, rules, minCalls, defaultObjective, objectives, interval);
  }

  private static void positive(String name, Duration d) {
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("slo." + name + " must be > 0: " + d);
    }
  }
}
