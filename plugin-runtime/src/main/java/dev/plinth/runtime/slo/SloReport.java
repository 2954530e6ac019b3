package dev.plinth.runtime.slo;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * Per plugin: its SLIs over the rolling window, the budget left, the alerts firing, its cost, and
 * the alerts that changed lately. Immutable. {@link #toJson()} and {@link #fromJson(String)} use
 * the form of {@code <home>/slo.json}, which the runtime writes for {@code plinth slo}.
 *
 * @param generatedAt when it was computed (ISO-8601)
 * @param windowSeconds the rolling window the SLIs cover
 * @param plugins one row per plugin that had a hook call or a start, by plugin id
 * @param recentAlerts the latest alert changes, oldest first (at most 50)
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record SloReport(String generatedAt, long windowSeconds, List<PluginSlo> plugins, List<SloAlert> recentAlerts) {
  public SloReport {
    requireNonNull(generatedAt, "generatedAt");
    plugins = List.copyOf(plugins);
    recentAlerts = List.copyOf(recentAlerts);
  }

  /** The row of {@code pluginId}. */
  public Optional<PluginSlo> plugin(String pluginId) {
    return plugins.stream().filter(p -> p.pluginId().equals(pluginId)).findFirst();
  }

  /** The window as a duration. */
  public Duration window() {
    return Duration.ofSeconds(windowSeconds);
  }

  /** Pretty-printed JSON with snake_case keys. */
  public String toJson() {
    return SloJson.write(this);
  }

  /**
   * Reads what {@link #toJson()} wrote.
   *
   * @throws IllegalArgumentException when the text is not such a report
   */
  public static SloReport fromJson(String json) {
    return SloJson.read(json);
  }

  /** A fixed-width table for people, one line per plugin, then the firing and recent alerts. */
  public String toText() {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "SLOs over the last %s (at %s)%n", human(window()), generatedAt));
    if (plugins.isEmpty()) {
      b.append("no hook calls or starts recorded yet").append(System.lineSeparator());
      return b.toString();
    }
    b.append(String.format(Locale.ROOT, "%-24s %7s %8s %9s %9s %9s %7s %7s %8s %9s  %s%n", "plugin", "calls", "success",
        "target", "p95 ms", "p99 ms", "burn", "budget", "start ms", "cpu ms", "alerts"));
    for (PluginSlo p : plugins) {
      double burn = Math.max(p.availabilityBurn(), p.latencyBurn());
      b.append(String.format(Locale.ROOT, "%-24s %7d %7.2f%% %8.2f%% %9s %9s %7.2f %6.0f%% %8s %9s  %s%n",
          p.pluginId(), p.calls(), p.successRatio() * 100, p.successTarget() * 100, ms(p.p95Millis()),
          ms(p.p99Millis()), burn, p.budgetLeft() * 100,
          p.lastStartMillis() == null ? "-" : ms(p.lastStartMillis()),
          p.cpuMillisPerCall() == null ? "-" : String.format(Locale.ROOT, "%.3f", p.cpuMillisPerCall()),
          p.firing().isEmpty() ? "ok" : "BURNING " + String.join(", ", p.firing())));
    }
    for (PluginSlo p : plugins) {
      if (p.errors() + p.timeouts() + p.slow() + p.skipped() > 0 || !p.installs().isEmpty()) {
        b.append(String.format(Locale.ROOT, "  %s: %d errors, %d timeouts, %d slow (p95 bound %s), %d blocked, %d skipped%s%n",
            p.pluginId(), p.errors(), p.timeouts(), p.slow(),
            p.p95TargetMillis() == null ? "timeout/2" : ms(p.p95TargetMillis()) + " ms", p.blocked(), p.skipped(),
            p.installs().isEmpty() ? "" : "; installs " + new TreeMap<>(p.installs())));
      }
    }
    if (!recentAlerts.isEmpty()) {
      b.append("recent alerts:").append(System.lineSeparator());
      for (SloAlert a : recentAlerts) {
        b.append(String.format(Locale.ROOT, "  %s %-9s %-14s %-16s %-12s burn %.1f over %s, %.1f over %s (threshold %.1f)%n",
            a.time(), a.state(), a.rule(), a.pluginId(), a.sli(), a.longBurn(), human(Duration.ofSeconds(a.longWindowSeconds())),
            a.shortBurn(), human(Duration.ofSeconds(a.shortWindowSeconds())), a.threshold()));
      }
    }
    return b.toString();
  }

  private static String ms(double millis) {
    return millis >= 100 ? String.format(Locale.ROOT, "%.0f", millis) : String.format(Locale.ROOT, "%.2f", millis);
  }

  static String human(Duration d) {
    long s = d.getSeconds();
    if (s % 3600 == 0 && s > 0) {
      return (s / 3600) + " h";
    }
    if (s % 60 == 0 && s > 0) {
      return (s / 60) + " min";
    }
    return s > 0 ? s + " s" : d.toMillis() + " ms";
  }
}
