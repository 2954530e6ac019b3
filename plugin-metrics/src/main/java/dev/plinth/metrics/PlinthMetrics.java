package dev.plinth.metrics;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.plinth.hooks.HookDispatcher;
import dev.plinth.hooks.HookReceipt;
import dev.plinth.hooks.ReceiptListener;
import dev.plinth.hooks.ReceiptStatus;
import dev.plinth.installer.events.EventSink;
import dev.plinth.installer.events.PlinthEvent;
import dev.plinth.runtime.PluginSystem;
import dev.plinth.runtime.events.RuntimeEvents;
import dev.plinth.runtime.slo.SloAlert;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Binds a plugin system to a Micrometer {@link MeterRegistry}. It listens to hook receipts (on the
 * dispatcher's delivery thread, never the dispatching one) and to events, and records:
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th></tr>
 *   <tr><td>{@value #HOOK_CALLS}</td><td>counter</td><td>plugin, point, outcome
 *       ({@code ok|blocked|timeout|error|skipped})</td></tr>
 *   <tr><td>{@value #HOOK_LATENCY}</td><td>timer, p50/p95/p99 and a percentile histogram</td>
 *       <td>plugin, point</td></tr>
 *   <tr><td>{@value #PLUGIN_START}</td><td>timer: loaded to started</td><td>plugin</td></tr>
 *   <tr><td>{@value #INSTALLS}</td><td>counter</td><td>plugin, outcome ({@code installed|upgraded|
 *       downgraded|reverted|rolled_back|uninstalled|already_installed})</td></tr>
 *   <tr><td>{@value #SLO_ALERTS}</td><td>counter</td><td>plugin, rule, sli, state</td></tr>
 *   <tr><td>{@value #RECEIPTS_DROPPED}</td><td>function counter</td><td>none</td></tr>
 * </table>
 *
 * <p>Cardinality is bounded: point names are those the host declares, outcomes are fixed sets,
 * and plugin ids past {@code maxPlugins} distinct ones are tagged {@value #OTHER}.
 *
 * <pre>{@code
 * PluginSystem system = PluginSystem.builder()...build();
 * PlinthMetrics metrics = PlinthMetrics.bind(system, prometheusRegistry);
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} stops recording (the meters stay in the registry).
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class PlinthMetrics implements AutoCloseable {
  public static final String HOOK_CALLS = "plinth.hook.calls";
  public static final String HOOK_LATENCY = "plinth.hook.latency";
  public static final String PLUGIN_START = "plinth.plugin.start";
  public static final String INSTALLS = "plinth.install.transactions";
  public static final String SLO_ALERTS = "plinth.slo.alerts";
  public static final String RECEIPTS_DROPPED = "plinth.hook.receipts.dropped";
  /** Every meter name above. */
  public static final List<String> METER_NAMES =
      List.of(HOOK_CALLS, HOOK_LATENCY, PLUGIN_START, INSTALLS, SLO_ALERTS, RECEIPTS_DROPPED);
  /** The plugin tag of plugins past the cap. */
  public static final String OTHER = "_other";
  /** Default cap on distinct plugin tag values. */
  public static final int DEFAULT_MAX_PLUGINS = 256;

  private static final ReceiptStatus[] STATUSES = ReceiptStatus.values();
  private static final Set<String> INSTALL_OUTCOMES =
      Set.of("installed", "upgraded", "downgraded", "reverted", "rolled_back", "uninstalled", "already_installed");

  private final MeterRegistry registry;
  private final int maxPlugins;
  private final HookDispatcher dispatcher;
  private final @Nullable PluginSystem system;
  private final Map<String, Map<String, HookMeters>> hooks = new ConcurrentHashMap<>();
  private final Set<String> plugins = ConcurrentHashMap.newKeySet();
  private final Map<String, Instant> loadedAt = new ConcurrentHashMap<>();
  private final ReceiptListener receipts = this::onReceipt;
  private final EventSink events = this::onEvent;

  /** The meters of one plugin on one point: one counter per outcome and the latency timer. */
  private static final class HookMeters {
    final Counter[] calls = new Counter[STATUSES.length];
    final Timer latency;

    HookMeters(MeterRegistry r, String plugin, String point) {
      for (ReceiptStatus s : STATUSES) {
        calls[s.ordinal()] = Counter.builder(HOOK_CALLS)
            .description("Hook handler calls by outcome")
            .tags("plugin", plugin, "point", point, "outcome", s.name().toLowerCase(Locale.ROOT))
            .register(r);
      }
      latency = Timer.builder(HOOK_LATENCY)
          .description("Hook handler call duration (skipped calls excluded)")
          .tags("plugin", plugin, "point", point)
          .publishPercentiles(0.5, 0.95, 0.99)
          .publishPercentileHistogram()
          .minimumExpectedValue(Duration.ofMillis(1))
          .maximumExpectedValue(Duration.ofSeconds(30))
          .register(r);
    }
  }

  private PlinthMetrics(MeterRegistry registry, HookDispatcher dispatcher, @Nullable PluginSystem system, int maxPlugins) {
    if (maxPlugins < 1) {
      throw new IllegalArgumentException("maxPlugins must be >= 1: " + maxPlugins);
    }
    this.registry = requireNonNull(registry, "registry");
    this.dispatcher = requireNonNull(dispatcher, "dispatcher");
    this.system = system;
    this.maxPlugins = maxPlugins;
    FunctionCounter.builder(RECEIPTS_DROPPED, dispatcher, HookDispatcher::droppedReceipts)
        .description("Hook receipts dropped because the delivery queue was full")
        .register(registry);
  }

  /** Records into a new {@link SimpleMeterRegistry}. */
  public static PlinthMetrics bind(PluginSystem system) {
    return bind(system, new SimpleMeterRegistry());
  }

  /** Records {@code system}'s hooks and events into the host's {@code registry}. */
  public static PlinthMetrics bind(PluginSystem system, MeterRegistry registry) {
    return bind(system, registry, DEFAULT_MAX_PLUGINS);
  }

  /** As {@link #bind(PluginSystem, MeterRegistry)}, tagging at most {@code maxPlugins} distinct plugins. */
  public static PlinthMetrics bind(PluginSystem system, MeterRegistry registry, int maxPlugins) {
    requireNonNull(system, "system");
    PlinthMetrics m = new PlinthMetrics(registry, system.hooks(), system, maxPlugins);
    system.addEventSink(m.events);
    system.hooks().addReceiptListener(m.receipts);
    return m;
  }

  /** Hook meters only, for a host that uses a {@link HookDispatcher} without a plugin system. */
  public static PlinthMetrics bind(HookDispatcher dispatcher, MeterRegistry registry) {
    PlinthMetrics m = new PlinthMetrics(registry, dispatcher, null, DEFAULT_MAX_PLUGINS);
    dispatcher.addReceiptListener(m.receipts);
    return m;
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** Stops recording; the meters recorded so far stay registered. */
  @Override
  public void close() {
    dispatcher.removeReceiptListener(receipts);
    if (system != null) {
      system.removeEventSink(events);
    }
  }

  private void onReceipt(HookReceipt r) {
    String plugin = pluginTag(r.pluginId());
    HookMeters m = hooks.computeIfAbsent(plugin, k -> new ConcurrentHashMap<>())
        .computeIfAbsent(r.point(), p -> new HookMeters(registry, plugin, p));
    if (r.status() != ReceiptStatus.SKIPPED) {
      m.latency.record(r.durationNanos(), TimeUnit.NANOSECONDS);
    }
    m.calls[r.status().ordinal()].increment();
  }

  private void onEvent(PlinthEvent e) {
    String type = e.type();
    if (e.pluginId().isEmpty()) {
      return;
    }
    if (type.equals(RuntimeEvents.LOADED)) {
      loadedAt.put(e.correlationId(), e.time());
    } else if (type.equals(RuntimeEvents.LOAD_FAILED) || type.equals(RuntimeEvents.START_FAILED)) {
      loadedAt.remove(e.correlationId());
    } else if (type.equals(RuntimeEvents.STARTED)) {
      Instant loaded = loadedAt.remove(e.correlationId());
      if (loaded != null) {
        Timer.builder(PLUGIN_START).description("Plugin start: class loader ready to started")
            .tags("plugin", pluginTag(e.pluginId())).register(registry)
            .record(Duration.between(loaded, e.time()));
      }
    } else if (INSTALL_OUTCOMES.contains(type)) {
      Counter.builder(INSTALLS).description("Install transactions by outcome")
          .tags("plugin", pluginTag(e.pluginId()), "outcome", type).register(registry).increment();
    } else if (type.startsWith("slo_burn_")) {
      Object rule = e.detail().get("rule");
      Object sli = e.detail().get("sli");
      Counter.builder(SLO_ALERTS).description("SLO burn-rate alerts that started or stopped firing")
          .tags("plugin", pluginTag(e.pluginId()), "rule", String.valueOf(rule), "sli", String.valueOf(sli),
              "state", type.equals(SloAlert.RESOLVED_EVENT) ? "resolved" : "firing")
          .register(registry).increment();
    }
  }

  private String pluginTag(String pluginId) {
    if (plugins.contains(pluginId)) {
      return pluginId;
    }
    synchronized (plugins) {
      if (plugins.size() < maxPlugins) {
        plugins.add(pluginId);
        return pluginId;
      }
    }
    return plugins.contains(pluginId) ? pluginId : OTHER;
  }
}
