package dev.plinth.installer.store;

import dev.plinth.installer.InstallErrorCode;
import dev.plinth.installer.InstallException;
import dev.plinth.installer.Phase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code prepare} checks on plugin dependencies: every declared dependency must be installed
 * in a version inside its range, and the dependency graph (installed plugins plus the incoming
 * one) must have no cycle.
 */
final class Dependencies {
  private Dependencies() {}

  /** Installs one missing dependency from a source; returns whether it ended installed. */
  @FunctionalInterface
  interface Installer {
    boolean install(String source);
  }

  /**
   * Checks {@code deps} of plugin {@code id}; when {@code installer} is given, missing ones are
   * first installed from the {@link DependencyResolver}'s sources.
   *
   * @throws InstallException {@code DEPENDENCY_CYCLE} or {@code DEPENDENCY_MISSING}
   */
  static void check(StoreContext ctx, String id, Map<String, String> deps, List<String> chain,
      Installer installer, boolean installMissing) {
    refuseCycle(ctx, id, deps, chain);
    Map<String, String> missing = missing(ctx, deps);
    if (!missing.isEmpty() && installMissing) {
      for (Map.Entry<String, String> m : missing.entrySet()) {
        ctx.dependencies().sourceFor(m.getKey(), m.getValue()).ifPresent(installer::install);
      }
      missing = missing(ctx, deps);
    }
    if (!missing.isEmpty()) {
      List<String> items = new ArrayList<>();
      missing.forEach((dep, why) -> items.add(dep + " " + deps.get(dep) + why));
      throw new InstallException(InstallErrorCode.DEPENDENCY_MISSING, Phase.PREPARE,
          "plugin.dependencies not satisfied by installed plugins: " + String.join(", ", items),
          "Install " + String.join(", ", missing.keySet()) + " in a matching version first, "
              + "or retry with installDependencies.",
          Map.of("plugin", id, "missing", List.copyOf(items)), null);
    }
  }

  /** Installed plugins, other than {@code id}, whose current version depends on {@code id}. */
  static List<String> dependents(StoreContext ctx, String id) {
    List<String> out = new ArrayList<>();
    ctx.installed().forEach((other, r) -> {
      if (!other.equals(id) && r.dependencies().containsKey(id)) {
        out.add(other);
      }
    });
    return out;
  }

  /** Missing or out-of-range dependencies, each with a note on what is installed. */
  private static Map<String, String> missing(StoreContext ctx, Map<String, String> deps) {
    Map<String, String> out = new LinkedHashMap<>();
    deps.forEach((dep, range) -> {
      Optional<InstallRecord> r = ctx.currentRecord(dep);
      if (r.isEmpty()) {
        out.put(dep, " (not installed)");
      } else if (!Versions.satisfies(r.get().version(), range)) {
        out.put(dep, " (installed " + r.get().version() + ")");
      }
    });
    return out;
  }

  private static void refuseCycle(StoreContext ctx, String id, Map<String, String> deps, List<String> chain) {
    Map<String, List<String>> graph = new HashMap<>();
    ctx.installed().forEach((other, r) -> graph.put(other, List.copyOf(r.dependencies().keySet())));
    graph.put(id, List.copyOf(deps.keySet()));
    // The plugins whose install is waiting on this one (installDependencies) depend on it too.
    for (int i = 0; i < chain.size(); i++) {
      String waiting = chain.get(i);
      String next = i + 1 < chain.size() ? chain.get(i + 1) : id;
      List<String> edges = new ArrayList<>(graph.getOrDefault(waiting, List.of()));
      edges.add(next);
      graph.put(waiting, edges);
    }
    List<String> path = new ArrayList<>();
    if (reaches(graph, id, id, path, new HashMap<>())) {
      path.add(0, id);
      throw new InstallException(InstallErrorCode.DEPENDENCY_CYCLE, Phase.PREPARE,
          "plugin.dependencies form a cycle: " + String.join(" -> ", path),
          "Remove one of the dependencies in the cycle; plugins must depend on each other in one direction.",
          Map.of("plugin", id, "cycle", List.copyOf(path)), null);
    }
  }

  private static boolean reaches(Map<String, List<String>> graph, String from, String target,
      List<String> path, Map<String, Boolean> visited) {
    for (String next : graph.getOrDefault(from, List.of())) {
      path.add(next);
      if (next.equals(target)) {
        return true;
      }
      if (visited.putIfAbsent(next, Boolean.TRUE) == null && reaches(graph, next, target, path, visited)) {
        return true;
      }
      path.remove(path.size() - 1);
    }
    return false;
  }
}
