package dev.plinth.spring;

import dev.plinth.runtime.DoctorReport;
import dev.plinth.runtime.LoadState;
import dev.plinth.runtime.PluginStatus;
import dev.plinth.runtime.PluginSystem;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * {@code plinth} in {@code /actuator/health}: DOWN when {@code doctor} finds a problem (a plugin that
 * failed or was auto-disabled, leaked loaders, files changed since install, an interrupted
 * transaction), UP otherwise; details count plugins by load state and name the failing ones.
 * Load states are read on every call; the doctor report, which re-hashes installed files under the
 * store lock, is reused for {@code plinth.health-doctor-interval} so frequent probes stay cheap.
 * Thread-safe.
 */
final class PlinthHealthIndicator implements HealthIndicator {
  private record Checked(DoctorReport report, long atNanos) {}

  private final PluginSystem system;
  private final long intervalNanos;
  private final AtomicReference<@Nullable Checked> last = new AtomicReference<>();

  PlinthHealthIndicator(PluginSystem system, Duration doctorInterval) {
    this.system = system;
    this.intervalNanos = doctorInterval.toNanos();
  }

  private DoctorReport doctor() {
    long now = System.nanoTime();
    Checked c = last.get();
    if (c == null || now - c.atNanos() >= intervalNanos) {
      c = new Checked(system.doctor(), now);
      last.set(c);
    }
    return c.report();
  }

  @Override
  public Health health() {
    DoctorReport doctor = doctor();
    List<PluginStatus> plugins = system.list();
    Map<String, Long> byState = new TreeMap<>();
    plugins.forEach(p -> byState.merge(p.loadState().name().toLowerCase(java.util.Locale.ROOT), 1L, Long::sum));
    List<String> failing = plugins.stream()
        .filter(p -> p.loadState() == LoadState.FAILED || p.loadState() == LoadState.AUTO_DISABLED)
        .map(p -> p.id() + (p.lastError() == null ? "" : ": " + p.lastError()))
        .toList();
    Health.Builder health = doctor.healthy() && failing.isEmpty() ? Health.up() : Health.down();
    return health.withDetail("plugins", plugins.size())
        .withDetail("states", byState)
        .withDetail("failing", failing)
        .withDetail("storeOk", doctor.store().ok())
        .withDetail("doctorCheckedAt", doctor.checkedAt().toString())
        .build();
  }
}
