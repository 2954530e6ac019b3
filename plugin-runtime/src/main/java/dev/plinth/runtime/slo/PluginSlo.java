package dev.plinth.runtime.slo;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * One plugin's row of the SLO report, over the report's rolling window. Immutable.
 *
 * @param pluginId the plugin
 * @param version its version when last started ({@code ""} when not seen starting)
 * @param successTarget the availability objective
 * @param p95TargetMillis the fixed p95 bound, or null when each call is held to half its timeout
 * @param calls hook calls (receipts) in the window
 * @param errors calls that threw or returned unusable data
 * @param timeouts calls that ran past their timeout
 * @param blocked calls that blocked the operation (a success)
 * @param skipped calls never started (chain budget, bulkhead): counted by neither SLO
 * @param slow calls slower than their latency bound
 * @param successRatio {@code 1 - (errors + timeouts) / (calls - skipped)}; 1 when none ran
 * @param p50Millis median call duration (upper bound of its histogram bin)
 * @param p95Millis 95th percentile
 * @param p99Millis 99th percentile
 * @param availabilityBurn burn rate of the availability budget over the window
 * @param latencyBurn burn rate of the latency budget over the window
 * @param budgetLeft the smaller of the two budgets' unspent share ({@code 1 - burn}; negative when overspent)
 * @param firing alerts firing now, as {@code rule/sli}
 * @param lastStartMillis how long its last start took (loaded to started), when seen
 * @param cpuMillisPerCall CPU time per call on the calls that measured it (isolated handlers, where
 *     the JVM measures thread CPU time), else null
 * @param installs install transactions seen by this process, by outcome ({@code installed},
 *     {@code upgraded}, {@code downgraded}, {@code reverted}, {@code rolled_back}, {@code uninstalled})
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record PluginSlo(
    String pluginId,
    String version,
    double successTarget,
    @Nullable Double p95TargetMillis,
    long calls,
    long errors,
    long timeouts,
    long blocked,
    long skipped,
    long slow,
    double successRatio,
    double p50Millis,
    double p95Millis,
    double p99Millis,
    double availabilityBurn,
    double latencyBurn,
    double budgetLeft,
    List<String> firing,
    @Nullable Double lastStartMillis,
    @Nullable Double cpuMillisPerCall,
    Map<String, Long> installs) {

  public PluginSlo {
    requireNonNull(pluginId, "pluginId");
    requireNonNull(version, "version");
    firing = List.copyOf(firing);
    installs = Map.copyOf(installs);
  }

  /** Whether any alert fires for this plugin. */
  public boolean burning() {
    return !firing.isEmpty();
  }
}
