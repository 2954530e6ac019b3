package dev.plinth.runtime.guard;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import dev.plinth.api.ErrorCode;
import dev.plinth.installer.events.EventSink;
import dev.plinth.runtime.events.RuntimeEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Stops a crash loop: {@code threshold} failures of one plugin (load, start or health errors, hook
 * errors or timeouts) inside a sliding {@code window} auto-disable it. The guard then writes {@code
 * auto_disabled} and tells its {@link AutoDisable.Listener} (which persists the disable and unloads
 * the plugin). A success clears the count; {@link #reset} (re-enable) clears the disable.
 *
 * <pre>{@code
 * CrashGuard guard = CrashGuard.create(5, Duration.ofMinutes(5), Clock.systemUTC(), sink, listener);
 * if (guard.recordFailure("acme", "1.0.0", RuntimeErrorCode.START_FAILED, "boom")) { ... }
 * }</pre>
 *
 * <p>Thread-safe: state changes serialise on the guard; the listener runs outside the lock.
 */
@API(status = STABLE, since = "0.1")
public final class CrashGuard {
  private final int threshold;
  private final Duration window;
  private final Clock clock;
  private final EventSink events;
  private volatile AutoDisable.Listener listener;
  private final Map<String, Track> tracks = new HashMap<>();
  private final Map<String, Limits> limits = new HashMap<>();

  /** A plugin's own, stricter limits. */
  private record Limits(int threshold, Duration window) {}

  private static final class Track {
    final Deque<Instant> failures = new ArrayDeque<>();
    boolean disabled;
    @Nullable String lastCode;
    @Nullable Instant lastAt;
  }

  private CrashGuard(int threshold, Duration window, Clock clock, EventSink events, AutoDisable.Listener listener) {
    if (threshold < 1) {
      throw new IllegalArgumentException("threshold must be >= 1: " + threshold);
    }
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window must be > 0: " + window);
    }
    this.threshold = threshold;
    this.window = window;
    this.clock = requireNonNull(clock, "clock");
    this.events = requireNonNull(events, "events");
    this.listener = requireNonNull(listener, "listener");
  }

  public static CrashGuard create(
      int threshold, Duration window, Clock clock, EventSink events, AutoDisable.Listener listener) {
    return new CrashGuard(threshold, window, clock, events, listener);
  }

  /** Replaces the listener (the runtime sets itself here when it wraps a host's listener). */
  public void listener(AutoDisable.Listener listener) {
    this.listener = requireNonNull(listener, "listener");
  }

  /**
   * Counts a failure.
   *
   * @return true when this failure disabled the plugin
   */
  public boolean recordFailure(String pluginId, String version, ErrorCode code, String detail) {
    AutoDisable trip;
    synchronized (this) {
      Track t = tracks.computeIfAbsent(pluginId, k -> new Track());
      if (t.disabled) {
        return false;
      }
      Instant now = clock.instant();
      t.failures.addLast(now);
      t.lastCode = code.code();
      t.lastAt = now;
      Limits l = limitsOf(pluginId);
      prune(t, now, l.window());
      if (t.failures.size() < l.threshold()) {
        return false;
      }
      t.disabled = true;
      trip = new AutoDisable(pluginId, version, t.failures.size(), l.window(), code.code(), detail, now);
      t.failures.clear();
    }
    RuntimeEvents.emit(events, RuntimeEvents.AUTO_DISABLED, pluginId, version,
        RuntimeEvents.newCorrelationId(),
        Map.of("failures", trip.failures(), "windowSeconds", trip.window().toSeconds(), "code", trip.lastCode(),
            "detail", detail, "nextStep", "fix the plugin (see the failures above), then re-enable it"));
    listener.onAutoDisable(trip);
    return true;
  }

  /**
   * Applies the limits a plugin asks for in its manifest ({@code [plugin.crash_guard]}), as far as
   * they are stricter than the guard's: the smaller failure count and the longer window win, so a
   * plugin can never loosen the host's guard. Null keeps the guard's value.
   */
  public synchronized void limits(String pluginId, @Nullable Integer maxFailures, @Nullable Duration pluginWindow) {
    int n = maxFailures == null ? threshold : Math.max(1, Math.min(threshold, maxFailures));
    Duration w = pluginWindow == null || pluginWindow.compareTo(window) < 0 ? window : pluginWindow;
    if (n == threshold && w.equals(window)) {
      limits.remove(pluginId);
    } else {
      limits.put(pluginId, new Limits(n, w));
    }
  }

  /** The failure count and window that apply to one plugin. */
  public synchronized int threshold(String pluginId) {
    return limitsOf(pluginId).threshold();
  }

  /** The window that applies to one plugin. */
  public synchronized Duration window(String pluginId) {
    return limitsOf(pluginId).window();
  }

  private Limits limitsOf(String pluginId) {
    Limits l = limits.get(pluginId);
    return l != null ? l : new Limits(threshold, window);
  }

  /** A success (a start or a healthy check): clears the failure count. */
  public synchronized void recordSuccess(String pluginId) {
    Track t = tracks.get(pluginId);
    if (t != null) {
      t.failures.clear();
    }
  }

  /** Re-enabled by an operator: clears the count and the disable. */
  public synchronized void reset(String pluginId) {
    tracks.remove(pluginId);
  }

  /** True when the guard disabled the plugin and it was not re-enabled since. */
  public synchronized boolean isDisabled(String pluginId) {
    Track t = tracks.get(pluginId);
    return t != null && t.disabled;
  }

  /** The guard's state for one plugin. */
  public synchronized GuardState state(String pluginId) {
    Track t = tracks.get(pluginId);
    if (t == null) {
      return new GuardState(pluginId, 0, false, null, null);
    }
    prune(t, clock.instant(), limitsOf(pluginId).window());
    return new GuardState(pluginId, t.failures.size(), t.disabled, t.lastAt, t.lastCode);
  }

  public int threshold() {
    return threshold;
  }

  public Duration window() {
    return window;
  }

  private static void prune(Track t, Instant now, Duration window) {
    Instant oldest = now.minus(window);
    while (!t.failures.isEmpty() && !t.failures.peekFirst().isAfter(oldest)) {
      t.failures.removeFirst();
    }
  }
}
