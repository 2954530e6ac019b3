package dev.plinth.runtime.lifecycle;

import dev.plinth.installer.events.EventSink;
import dev.plinth.manifest.PluginManifest;
import dev.plinth.runtime.PluginRuntimeException;
import dev.plinth.runtime.events.RuntimeEvents;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One {@link PluginRuntime#boot}: plans the order, then loads the candidates in that order, while
 * the loaders and entries of later ones are prepared ahead. Runs under the runtime's lifecycle
 * lock, on the caller's thread; used once.
 *
 * <p>What comes before a plugin's code runs (the loader with its bundle check, and the entry class)
 * is prepared ahead on up to {@link #prepareThreads()} helper threads for the plugins without
 * dependencies. Their {@code start} calls overlap: up to {@link #startWindow()} run side by side on
 * their workers, and the boot thread begins the next plugin instead of waiting for each worker to
 * wake and return; a plugin with dependencies waits until every start before it has finished, then
 * is prepared at its turn. Starts are finished (and reported, with their events) in boot order, and
 * failures are those of loading each plugin in turn.
 */
final class BootRun {
  private final PluginRuntime runtime;
  private final Loading loading;
  private final EventSink events;
  private final String corr = RuntimeEvents.newCorrelationId();
  private final List<PluginInfo> loaded = new ArrayList<>();
  private final List<BootReport.Skipped> skipped = new ArrayList<>();
  private final List<BootReport.Failed> failures = new ArrayList<>();

  BootRun(PluginRuntime runtime, Loading loading, EventSink events) {
    this.runtime = runtime;
    this.loading = loading;
    this.events = events;
  }

  BootReport run(List<BootCandidate> candidates) {
    BootOrder.Plan plan = BootOrder.plan(candidates);
    plan.disabled().forEach(id -> skipped.add(new BootReport.Skipped(id, BootReport.SkipReason.DISABLED)));
    Map<String, PluginManifest> manifests = new HashMap<>();
    candidates.forEach(c -> manifests.putIfAbsent(c.id(), c.manifest()));
    for (BootReport.Failed f : plan.failed()) {
      failures.add(f);
      runtime.failed(manifests.get(f.pluginId()), f.error(), corr);
    }
    List<BootCandidate> order = plan.order();
    Set<String> lazy = lazyIds(order);
    int window = startWindow();
    ArrayDeque<Loading.Starting> starting = new ArrayDeque<>();
    try (Lookahead<Loading.Prepared> ahead = prepareAhead(order, lazy)) {
      for (int i = 0; i < order.size(); i++) {
        BootCandidate c = order.get(i);
        if (!c.manifest().dependencies().isEmpty()) {
          // Its dependencies must have started (or failed) before it is prepared and started.
          while (!starting.isEmpty()) {
            finishOldest(starting);
          }
        }
        BootReport.SkipReason skip = runtime.skipReason(c.id());
        if (skip != null) {
          ahead.discard(i);
          skipped.add(new BootReport.Skipped(c.id(), skip));
          RuntimeEvents.emit(events, RuntimeEvents.SKIPPED, c.id(), c.manifest().version(), corr,
              Map.of("reason", skip.name()));
          continue;
        }
        if (lazy.contains(c.id())) {
          runtime.defer(c);
          skipped.add(new BootReport.Skipped(c.id(), BootReport.SkipReason.LAZY));
          continue;
        }
        int slot = i;
        if (window < 2) {
          try {
            PluginInfo info = runtime.load(c.manifest(), () -> ahead.take(slot), ahead::computeOne);
            loaded.add(info);
            runtime.activated(c.id(), info.version(), "boot", corr);
          } catch (PluginRuntimeException e) {
            failures.add(new BootReport.Failed(c.id(), e));
          }
          continue;
        }
        try {
          starting.add(runtime.beginLoad(c.manifest(), () -> ahead.take(slot)));
        } catch (PluginRuntimeException e) {
          failures.add(new BootReport.Failed(c.id(), e));
        }
        while (starting.size() >= window) {
          finishOldest(starting);
        }
      }
      while (!starting.isEmpty()) {
        finishOldest(starting);
      }
    } finally {
      // Only when something above threw past the loop (a bug, an Error): no start is left unawaited.
      while (!starting.isEmpty()) {
        try {
          finishOldest(starting);
        } catch (RuntimeException | Error e) {
          // the first failure is already on its way out
        }
      }
    }
    return new BootReport(corr, loaded, skipped, failures);
  }

  /**
   * Waits for the oldest start still running; records the plugin as loaded and activated, or its
   * failure. Starts are finished in the order they began, so the report lists plugins in boot order.
   */
  private void finishOldest(ArrayDeque<Loading.Starting> starting) {
    Loading.Starting s = starting.removeFirst();
    String id = s.manifest().id();
    try {
      PluginInfo info = runtime.finishLoad(s);
      loaded.add(info);
      runtime.activated(id, info.version(), "boot", corr);
    } catch (PluginRuntimeException e) {
      failures.add(new BootReport.Failed(id, e));
    }
  }

  /**
   * How many plugins' {@code start} may run side by side: plugins that need none of them are
   * started while earlier ones still run, up to the processors (at most {@value #MAX_WINDOW}); one
   * processor starts them one at a time. A plugin with dependencies waits for every start before it.
   */
  static int startWindow() {
    return Math.min(MAX_WINDOW, Runtime.getRuntime().availableProcessors());
  }

  private static final int MAX_WINDOW = 4;

  /** Helper threads a boot prepares plugins on: one fewer than the processors, at least one. */
  static int prepareThreads() {
    return Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
  }

  /**
   * The candidates activated lazily: their activation (manifest, else the host's default) is lazy
   * and no eager candidate depends on them, directly or through others. {@code order} lists
   * dependencies before dependents, so walking it backwards meets every dependent first.
   */
  private Set<String> lazyIds(List<BootCandidate> order) {
    Set<String> needed = new HashSet<>();
    Set<String> lazy = new HashSet<>();
    for (int i = order.size() - 1; i >= 0; i--) {
      BootCandidate c = order.get(i);
      boolean declaredLazy = runtime.settings().activationOf(c.manifest()) == PluginManifest.Activation.LAZY;
      if (declaredLazy && !needed.contains(c.id())) {
        lazy.add(c.id());
      } else {
        needed.addAll(c.manifest().dependencies().keySet());
      }
    }
    return lazy;
  }

  /**
   * Prepares ahead the candidates that need nothing loaded first: no dependencies, not lazy, and
   * not skipped now. The rest are prepared at their turn, after the dependency check.
   */
  private Lookahead<Loading.Prepared> prepareAhead(List<BootCandidate> order, Set<String> lazy) {
    boolean[] ahead = new boolean[order.size()];
    int count = 0;
    for (int i = 0; i < ahead.length; i++) {
      BootCandidate c = order.get(i);
      ahead[i] = c.manifest().dependencies().isEmpty() && !lazy.contains(c.id()) && runtime.skipReason(c.id()) == null;
      count += ahead[i] ? 1 : 0;
    }
    return new Lookahead<>(ahead, count < 2 ? 0 : prepareThreads(), "plinth-boot-prepare",
        i -> {
          BootCandidate c = order.get(i);
          return loading.prepare(c.manifest(), c.versionDir(), Loading.dependencies(c.manifest(), runtime::loadedOrNull),
              c.bootFacts());
        },
        p -> Loading.closeQuietly(p.loader()));
  }
}
