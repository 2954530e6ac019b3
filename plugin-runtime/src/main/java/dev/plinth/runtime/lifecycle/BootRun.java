package dev.plinth.runtime.lifecycle;

import dev.plinth.installer.events.EventSink;
import dev.plinth.manifest.PluginManifest;
import dev.plinth.runtime.PluginRuntimeException;
import dev.plinth.runtime.events.RuntimeEvents;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One {@link PluginRuntime#boot}: plans the order, then loads the candidates one at a time in that
 * order, while the loaders and entries of later ones are prepared ahead. Runs under the runtime's
 * lifecycle lock, on the caller's thread; used once.
 *
 * <p>What comes before a plugin's code runs (the loader with its bundle check, and the entry class)
 * is prepared ahead on up to {@link #prepareThreads()} helper threads for the plugins without
 * dependencies, and on the boot thread while an earlier plugin's {@code start} runs on its worker.
 * A plugin with dependencies is prepared at its turn, once they are loaded. Events, the report and
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
    try (Lookahead<Loading.Prepared> ahead = prepareAhead(order, lazy)) {
      for (int i = 0; i < order.size(); i++) {
        BootCandidate c = order.get(i);
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
        try {
          PluginInfo info = runtime.load(c.manifest(), () -> ahead.take(slot), ahead::computeOne);
          loaded.add(info);
          runtime.activated(c.id(), info.version(), "boot", corr);
        } catch (PluginRuntimeException e) {
          failures.add(new BootReport.Failed(c.id(), e));
        }
      }
    }
    return new BootReport(corr, loaded, skipped, failures);
  }

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
