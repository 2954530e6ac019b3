package dev.plinth.runtime.slo;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.INTERNAL;

import dev.plinth.hooks.HookReceipt;
import dev.plinth.hooks.ReceiptListener;
import dev.plinth.hooks.ReceiptStatus;
import dev.plinth.installer.events.EventSink;
import dev.plinth.installer.events.PlinthEvent;
import dev.plinth.runtime.events.RuntimeEvents;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SLO layer of one plugin system: a {@link ReceiptListener} that files every hook receipt in
 * its plugin's rolling window, and an {@link EventSink} that notes starts (the time from
 * {@code loaded} to {@code started} of one correlation id) and install outcomes. After a receipt
 * (at most every {@link #EVALUATE_EVERY}) and on every {@link #report()}, it evaluates each
 * {@link BurnAlertRule} for both SLIs of the plugin; a change writes an event ({@code rule.name}
 * when it fires, {@code slo_burn_resolved} when it stops) and tells the listeners. While receipts
 * arrive it rewrites the snapshot file at most every {@code snapshotInterval}, and always on
 * {@link #close()}.
 *
 * <p>All of it runs on the dispatcher's receipt-delivery thread or the caller's: the dispatch path
 * itself does nothing more than it did. Thread-safe.
 */
@API(status = INTERNAL, since = "0.1")
public final class SloTracker implements ReceiptListener, EventSink, AutoCloseable {
  /** The snapshot's file name in the plugin home. */
  public static final String SNAPSHOT_FILE = "slo.json";
  /** How often, at most, receipts trigger an evaluation of a plugin's alerts. */
  static final Duration EVALUATE_EVERY = Duration.ofMillis(250);
  private static final int RECENT_ALERTS = 50;
  private static final Set<String> INSTALL_OUTCOMES =
      Set.of("installed", "upgraded", "downgraded", "reverted", "rolled_back", "uninstalled");
  private static final Logger LOG = LoggerFactory.getLogger(SloTracker.class);

  private final SloSettings settings;
  private final InstantSource clock;
  private final EventSink events;
  private final BiFunction<String, String, Duration> hookTimeout;
  private final @Nullable Path snapshotFile;
  private final Map<String, Track> tracks = new ConcurrentHashMap<>();
  private final Map<String, Duration> bounds = new ConcurrentHashMap<>();
  private final Map<String, Long> loadedAt = new ConcurrentHashMap<>();
  private final CopyOnWriteArrayList<SloAlertListener> listeners = new CopyOnWriteArrayList<>();
  private final Deque<SloAlert> recent = new ArrayDeque<>();
  private final Object snapshotLock = new Object();
  private volatile long lastSnapshotMillis = Long.MIN_VALUE;

  private final class Track {
    final String pluginId;
    /** Made on the first receipt: a plugin that starts and is never called needs none (a window is tens of KB). */
    private volatile @Nullable CallWindow window;
    final Map<String, Boolean> firing = new LinkedHashMap<>();
    final Map<String, Long> installs = new TreeMap<>();
    volatile String version = "";
    volatile @Nullable Double lastStartMillis;
    long lastEvaluated = Long.MIN_VALUE;

    Track(String pluginId) {
      this.pluginId = pluginId;
    }

    CallWindow window() {
      CallWindow w = window;
      if (w == null) {
        synchronized (this) {
          w = window;
          if (w == null) {
            w = new CallWindow(settings.window(), settings.bucket());
            window = w;
          }
        }
      }
      return w;
    }

    WindowCounts sum(long now, Duration span) {
      CallWindow w = window;
      return w == null ? WindowCounts.EMPTY : w.sum(now, span);
    }

    LatencyHistogram latency(long now, Duration span) {
      CallWindow w = window;
      return w == null ? new LatencyHistogram() : w.latency(now, span);
    }
  }

  private SloTracker(SloSettings settings, InstantSource clock, EventSink events,
      BiFunction<String, String, Duration> hookTimeout, @Nullable Path snapshotFile) {
    this.settings = requireNonNull(settings, "settings");
    this.clock = requireNonNull(clock, "clock");
    this.events = requireNonNull(events, "events");
    this.hookTimeout = requireNonNull(hookTimeout, "hookTimeout");
    this.snapshotFile = snapshotFile;
  }

  /**
   * A tracker.
   *
   * @param events where alert events go (not this tracker itself)
   * @param hookTimeout the timeout of a plugin's handler on a point, for the default latency bound
   * @param snapshotFile where to write the report for other processes, or null for nowhere
   */
  public static SloTracker create(SloSettings settings, InstantSource clock, EventSink events,
      BiFunction<String, String, Duration> hookTimeout, @Nullable Path snapshotFile) {
    return new SloTracker(settings, clock, events, hookTimeout, snapshotFile);
  }

  public SloSettings settings() {
    return settings;
  }

  public void addListener(SloAlertListener listener) {
    listeners.add(requireNonNull(listener, "listener"));
  }

  public boolean removeListener(SloAlertListener listener) {
    return listeners.remove(listener);
  }

  @Override
  public void onReceipt(HookReceipt r) {
    long now = clock.millis();
    Track t = track(r.pluginId());
    boolean slow = r.status() != ReceiptStatus.SKIPPED
        && r.durationNanos() > bound(r.pluginId(), r.point()).toNanos();
    t.window().record(now, r.status(), r.durationNanos(), slow, r.cpuNanos());
    maybeEvaluate(t, now, false);
    maybeSnapshot(now);
  }

  @Override
  public void emit(PlinthEvent e) {
    String id = e.pluginId();
    if (id.isEmpty()) {
      return;
    }
    switch (e.type()) {
      case RuntimeEvents.LOADED -> loadedAt.put(e.correlationId(), micros(e.time()));
      case RuntimeEvents.START_FAILED, RuntimeEvents.LOAD_FAILED -> loadedAt.remove(e.correlationId());
      case RuntimeEvents.STARTED -> {
        Long loaded = loadedAt.remove(e.correlationId());
        Track t = track(id);
        t.version = e.version();
        if (loaded != null) {
          t.lastStartMillis = Math.max(0, micros(e.time()) - loaded) / 1000.0;
        }
        forgetBounds(id);
      }
      case RuntimeEvents.UNLOADED -> forgetBounds(id);
      default -> {
        if (INSTALL_OUTCOMES.contains(e.type())) {
          Track t = track(id);
          synchronized (t) {
            t.installs.merge(e.type(), 1L, Long::sum);
          }
        }
      }
    }
  }

  /** Availability burn rate of {@code pluginId} over the last {@code window} (0 when it made no calls). */
  public double burnRate(String pluginId, Duration window) {
    Track t = tracks.get(pluginId);
    if (t == null) {
      return 0;
    }
    return t.sum(clock.millis(), window).availabilityBurn(settings.objective(pluginId));
  }

  /** Evaluates every plugin's alerts and reports its SLIs over the window. */
  public SloReport report() {
    long now = clock.millis();
    List<PluginSlo> rows = new ArrayList<>();
    for (Track t : new TreeMap<>(tracks).values()) {
      maybeEvaluate(t, now, true);
      rows.add(row(t, now));
    }
    List<SloAlert> alerts;
    synchronized (recent) {
      alerts = List.copyOf(recent);
    }
    return new SloReport(Instant.ofEpochMilli(now).toString(), settings.window().toSeconds(), rows, alerts);
  }

  /** Writes the report to the snapshot file now (atomically), once there is something to report; a failure is logged. */
  public void writeSnapshot() {
    Path file = snapshotFile;
    if (file == null || tracks.isEmpty()) {
      return;
    }
    synchronized (snapshotLock) {
      lastSnapshotMillis = clock.millis();
      try {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, report().toJson(), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException | RuntimeException e) {
        LOG.warn("could not write the SLO snapshot {}: {}", file, e.toString());
      }
    }
  }

  /** Writes a last snapshot. */
  @Override
  public void close() {
    writeSnapshot();
  }

  /** For tests: whether the plugin's rolling window was made (its first receipt makes it). */
  boolean hasWindow(String pluginId) {
    Track t = tracks.get(pluginId);
    return t != null && t.window != null;
  }

  private Track track(String pluginId) {
    return tracks.computeIfAbsent(pluginId, Track::new);
  }

  private Duration bound(String pluginId, String point) {
    return bounds.computeIfAbsent(pluginId + '\u0000' + point,
        k -> settings.objective(pluginId).latencyBound(hookTimeout.apply(pluginId, point)));
  }

  private void forgetBounds(String pluginId) {
    bounds.keySet().removeIf(k -> k.startsWith(pluginId + '\u0000'));
  }

  private void maybeSnapshot(long now) {
    if (snapshotFile != null && now - lastSnapshotMillis >= settings.snapshotInterval().toMillis()) {
      writeSnapshot();
    }
  }

  private void maybeEvaluate(Track t, long now, boolean force) {
    List<SloAlert> changes = new ArrayList<>();
    synchronized (t) {
      if (!force && now - t.lastEvaluated < EVALUATE_EVERY.toMillis()) {
        return;
      }
      t.lastEvaluated = now;
      SloObjective objective = settings.objective(t.pluginId);
      for (BurnAlertRule rule : settings.rules()) {
        WindowCounts longW = t.sum(now, rule.longWindow());
        WindowCounts shortW = t.sum(now, rule.shortWindow());
        boolean enough = shortW.eligible() >= settings.minCalls();
        check(t, rule, SloAlert.AVAILABILITY, longW.availabilityBurn(objective), shortW.availabilityBurn(objective),
            enough, now, changes);
        check(t, rule, SloAlert.LATENCY, longW.latencyBurn(), shortW.latencyBurn(), enough, now, changes);
      }
    }
    for (SloAlert a : changes) {
      publish(t, a);
    }
  }

  private void check(Track t, BurnAlertRule rule, String sli, double longBurn, double shortBurn, boolean enough,
      long now, List<SloAlert> changes) {
    String key = rule.name() + "/" + sli;
    boolean was = t.firing.getOrDefault(key, false);
    boolean is = enough && longBurn >= rule.threshold() && shortBurn >= rule.threshold();
    // Once firing, it resolves when the short window stops burning, even on few calls.
    if (was && !enough) {
      is = shortBurn >= rule.threshold() && longBurn >= rule.threshold();
    }
    if (is == was) {
      return;
    }
    t.firing.put(key, is);
    changes.add(new SloAlert(t.pluginId, rule.name(), sli, is ? SloAlert.State.FIRING : SloAlert.State.RESOLVED,
        round(longBurn), round(shortBurn), rule.threshold(), rule.longWindow().toSeconds(),
        rule.shortWindow().toSeconds(), Instant.ofEpochMilli(now).toString()));
  }

  private void publish(Track t, SloAlert a) {
    synchronized (recent) {
      recent.addLast(a);
      while (recent.size() > RECENT_ALERTS) {
        recent.removeFirst();
      }
    }
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("rule", a.rule());
    detail.put("sli", a.sli());
    detail.put("long_burn", a.longBurn());
    detail.put("short_burn", a.shortBurn());
    detail.put("threshold", a.threshold());
    detail.put("long_window_s", a.longWindowSeconds());
    detail.put("short_window_s", a.shortWindowSeconds());
    String type = a.state() == SloAlert.State.FIRING ? a.rule() : SloAlert.RESOLVED_EVENT;
    RuntimeEvents.emit(events, type, t.pluginId, t.version, RuntimeEvents.newCorrelationId(), detail);
    for (SloAlertListener l : listeners) {
      try {
        l.onAlert(a);
      } catch (RuntimeException ex) {
        LOG.warn("SLO alert listener {} failed on {}", l, a, ex);
      }
    }
  }

  private PluginSlo row(Track t, long now) {
    SloObjective objective = settings.objective(t.pluginId);
    WindowCounts c = t.sum(now, settings.window());
    LatencyHistogram h = t.latency(now, settings.window());
    double availability = c.availabilityBurn(objective);
    double latency = c.latencyBurn();
    List<String> firing = new ArrayList<>();
    Map<String, Long> installs;
    synchronized (t) {
      t.firing.forEach((k, on) -> {
        if (on) {
          firing.add(k);
        }
      });
      installs = Map.copyOf(t.installs);
    }
    double success = c.eligible() == 0 ? 1 : 1 - (double) c.failed() / c.eligible();
    Duration fixed = objective.p95Latency();
    return new PluginSlo(t.pluginId, t.version, objective.successTarget(), fixed == null ? null : fixed.toNanos() / 1e6,
        c.calls(), c.errors(), c.timeouts(), c.blocked(), c.skipped(), c.slow(), round(success),
        millis(h.quantileNanos(0.50)), millis(h.quantileNanos(0.95)), millis(h.quantileNanos(0.99)),
        round(availability), round(latency), round(Math.min(BurnRates.budgetLeft(availability), BurnRates.budgetLeft(latency))),
        firing, t.lastStartMillis, c.cpuCalls() == 0 ? null : round(c.cpuNanos() / 1e6 / c.cpuCalls()), installs);
  }

  private static double millis(long nanos) {
    return round(nanos / 1e6);
  }

  private static long micros(Instant t) {
    return t.getEpochSecond() * 1_000_000 + t.getNano() / 1000;
  }

  private static double round(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }
}
