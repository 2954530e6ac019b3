package dev.plinth.runtime.leak;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import org.apiguardian.api.API;

/**
 * An unloaded plugin whose classloader was still reachable after the leak wait, with what most
 * likely holds it. The list is a diagnosis, not a proof: a static field of a host class, a cache or
 * a listener the plugin registered can also hold a loader, and only a heap dump shows those.
 *
 * @param pluginId the plugin
 * @param version its version
 * @param loaderName the name of the loader that was not collected
 * @param holders likely holders found
 * @param shutdownHooksInspected false when the JVM did not allow looking at shutdown hooks and
 *     thread-locals (both need {@code java.lang} opened to Plinth)
 */
@API(status = STABLE, since = "0.1")
public record LeakReport(
    String pluginId, String version, String loaderName, List<Holder> holders, boolean shutdownHooksInspected) {
  public LeakReport {
    requireNonNull(pluginId, "pluginId");
    requireNonNull(version, "version");
    requireNonNull(loaderName, "loaderName");
    holders = List.copyOf(holders);
  }

  /** The kinds of holders the runtime can find. */
  public enum Kind {
    /** A live thread that runs plugin code, is a plugin class, or has the plugin's context loader. */
    THREAD,
    /** A registered JVM shutdown hook of the plugin. */
    SHUTDOWN_HOOK,
    /** A thread whose thread-locals hold an object of the plugin. */
    THREAD_LOCAL,
    /** A JDBC driver the plugin registered and that could not be deregistered. */
    JDBC_DRIVER,
    /** A {@code java.security} provider the plugin registered (removed once found). */
    SECURITY_PROVIDER,
    /** An MBean of the plugin left registered (unregistered once found). */
    MBEAN,
    /** A JVM-wide default (uncaught exception handler, proxy selector...) set to a plugin object (restored once found). */
    JVM_DEFAULT,
    /** A {@code java.util.logging} handler of the plugin on a logger (removed once found). */
    LOG_HANDLER
  }

  /**
   * One likely holder.
   *
   * @param kind what it is
   * @param name the thread's name or the driver's class
   * @param detail why it holds the loader
   */
  public record Holder(Kind kind, String name, String detail) {
    public Holder {
      requireNonNull(kind, "kind");
      requireNonNull(name, "name");
      requireNonNull(detail, "detail");
    }
  }

  /**
   * What the operator should do next: stop the named holders in {@code Plugin.stop()}, or, when
   * none was found, where else to look.
   */
  public String nextStep() {
    if (!holders.isEmpty()) {
      return "Stop or remove the holders listed in " + pluginId + "'s Plugin.stop(), then re-enable it;"
          + " until the JVM restarts, the old loader stays in memory.";
    }
    return "No thread" + (shutdownHooksInspected ? ", shutdown hook, thread-local" : "")
        + ", JDBC driver, security provider, MBean, JVM-wide default or logging handler holds it."
        + (shutdownHooksInspected ? "" : " Start the JVM with --add-opens java.base/java.lang=ALL-UNNAMED"
            + " to inspect shutdown hooks and thread-locals too.")
        + " Look for host objects that still refer to objects of " + pluginId
        + " (caches, listener lists, static fields) or threads a host service started during one of its"
        + " calls; a heap dump (jcmd <pid> GC.heap_dump) shows the path to the loader.";
  }

  /** The names of the holders of one kind. */
  public List<String> names(Kind kind) {
    return holders.stream().filter(h -> h.kind() == kind).map(Holder::name).toList();
  }
}
