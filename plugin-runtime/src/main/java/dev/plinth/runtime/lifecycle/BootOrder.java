package dev.plinth.runtime.lifecycle;

import static org.apiguardian.api.API.Status.STABLE;

import dev.plinth.installer.InstallErrorCode;
import dev.plinth.runtime.PluginRuntimeException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;
import org.semver4j.Semver;

/**
 * Orders boot candidates so that each plugin loads after its dependencies. Problems affect only the
 * plugins concerned: a plugin whose dependency is not installed, not enabled or out of range fails
 * with {@code DEPENDENCY_MISSING}; every member of a dependency cycle fails with {@code
 * DEPENDENCY_CYCLE}; everything else is ordered (dependents of failed plugins stay in the order and
 * fail when they load). Ties keep the candidates' given order, so the order is deterministic.
 *
 * <p>Stateless and thread-safe.
 */
@API(status = STABLE, since = "0.1")
public final class BootOrder {

  /**
   * The outcome of ordering.
   *
   * @param order enabled candidates to load, dependencies first
   * @param disabled ids of candidates not enabled
   * @param failed candidates that cannot load, with their error
   */
  public record Plan(List<BootCandidate> order, List<String> disabled, List<BootReport.Failed> failed) {
    public Plan {
      order = List.copyOf(order);
      disabled = List.copyOf(disabled);
      failed = List.copyOf(failed);
    }
  }

  private BootOrder() {}

  public static Plan plan(List<BootCandidate> candidates) {
    Map<String, BootCandidate> all = new LinkedHashMap<>();
    candidates.forEach(c -> all.putIfAbsent(c.id(), c));
    Map<String, BootCandidate> enabled = new LinkedHashMap<>();
    List<String> disabled = new ArrayList<>();
    for (BootCandidate c : all.values()) {
      if (c.enabled()) {
        enabled.put(c.id(), c);
      } else {
        disabled.add(c.id());
      }
    }
    Map<String, PluginRuntimeException> failed = new LinkedHashMap<>();
    for (BootCandidate c : enabled.values()) {
      c.manifest().dependencies().forEach((dep, range) -> {
        if (!failed.containsKey(c.id())) {
          String why = unsatisfied(all.get(dep), enabled.containsKey(dep), range);
          if (why != null) {
            failed.put(c.id(), missing(c.id(), dep, range, why));
          }
        }
      });
    }
    for (List<String> cycle : cycles(enabled)) {
      for (String id : cycle) {
        failed.putIfAbsent(id, cycle(id, cycle));
      }
    }
    List<BootCandidate> order = topological(enabled, failed.keySet());
    List<BootReport.Failed> failures = new ArrayList<>();
    failed.forEach((id, e) -> failures.add(new BootReport.Failed(id, e)));
    return new Plan(order, disabled, failures);
  }

  private static @Nullable String unsatisfied(@Nullable BootCandidate dep, boolean enabled, String range) {
    if (dep == null) {
      return "not installed";
    }
    if (!enabled) {
      return "not enabled";
    }
    if (!satisfies(dep.manifest().version(), range)) {
      return "version " + dep.manifest().version() + " is outside " + range;
    }
    return null;
  }

  static boolean satisfies(String version, String range) {
    try {
      Semver v = Semver.parse(version);
      return v != null && v.satisfies(range);
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Kahn's algorithm, choosing the first ready candidate in the given order at each step. */
  private static List<BootCandidate> topological(Map<String, BootCandidate> enabled, Set<String> failed) {
    List<BootCandidate> pending = new ArrayList<>();
    for (BootCandidate c : enabled.values()) {
      if (!failed.contains(c.id())) {
        pending.add(c);
      }
    }
    List<BootCandidate> out = new ArrayList<>();
    Set<String> placed = new HashSet<>();
    while (!pending.isEmpty()) {
      int pick = 0;
      for (int i = 0; i < pending.size(); i++) {
        boolean ready = true;
        for (String dep : pending.get(i).manifest().dependencies().keySet()) {
          if (enabled.containsKey(dep) && !failed.contains(dep) && !placed.contains(dep)) {
            ready = false;
            break;
          }
        }
        if (ready) {
          pick = i;
          break;
        }
      }
      BootCandidate next = pending.remove(pick);
      placed.add(next.id());
      out.add(next);
    }
    return out;
  }

  /** Tarjan's strongly connected components with more than one member, or a self-dependency. */
  private static List<List<String>> cycles(Map<String, BootCandidate> enabled) {
    Tarjan t = new Tarjan(enabled);
    for (String id : enabled.keySet()) {
      if (!t.index.containsKey(id)) {
        t.visit(id);
      }
    }
    return t.cycles;
  }

  private static final class Tarjan {
    final Map<String, BootCandidate> graph;
    final Map<String, Integer> index = new HashMap<>();
    final Map<String, Integer> low = new HashMap<>();
    final List<String> stack = new ArrayList<>();
    final Set<String> onStack = new HashSet<>();
    final List<List<String>> cycles = new ArrayList<>();
    int counter;

    Tarjan(Map<String, BootCandidate> graph) {
      this.graph = graph;
    }

    void visit(String v) {
      index.put(v, counter);
      low.put(v, counter++);
      stack.add(v);
      onStack.add(v);
      for (String w : graph.get(v).manifest().dependencies().keySet()) {
        if (!graph.containsKey(w)) {
          continue;
        }
        if (!index.containsKey(w)) {
          visit(w);
          low.put(v, Math.min(low.get(v), low.get(w)));
        } else if (onStack.contains(w)) {
          low.put(v, Math.min(low.get(v), index.get(w)));
        }
      }
      if (low.get(v).equals(index.get(v))) {
        List<String> component = new ArrayList<>();
        String w;
        do {
          w = stack.remove(stack.size() - 1);
          onStack.remove(w);
          component.add(0, w);
        } while (!w.equals(v));
        if (component.size() > 1 || graph.get(v).manifest().dependencies().containsKey(v)) {
          cycles.add(List.copyOf(component));
        }
      }
    }
  }

  private static PluginRuntimeException missing(String id, String dep, String range, String why) {
    return new PluginRuntimeException(
        InstallErrorCode.DEPENDENCY_MISSING,
        id,
        "plugin.dependencies." + dep + " must be an enabled plugin matching " + range + ": " + why,
        "Install and enable " + dep + " (" + range + "), or remove the dependency from " + id + ".",
        Map.of("field", "plugin.dependencies." + dep, "value", range, "reason", why),
        null);
  }

  private static PluginRuntimeException cycle(String id, List<String> members) {
    String path = String.join(" -> ", members) + " -> " + members.get(0);
    return new PluginRuntimeException(
        InstallErrorCode.DEPENDENCY_CYCLE,
        id,
        "plugin.dependencies must not form a cycle: " + path,
        "Break the cycle: move the shared types into a plugin that depends on none of " + members + ".",
        Map.of("field", "plugin.dependencies", "value", path),
        null);
  }
}
