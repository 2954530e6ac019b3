package dev.plinth.runtime.leak;

import static org.apiguardian.api.API.Status.STABLE;

import dev.plinth.runtime.classloading.PluginClassLoader;
import java.lang.ref.WeakReference;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Checks that an unloaded plugin's loader is collected (a weak reference, {@code System.gc()} and a
 * bounded poll, as IntelliJ does for dynamic plugins) and, when it is not, looks for the usual
 * holders: threads, shutdown hooks, JDBC drivers and security providers.
 *
 * <p>Stateless and thread-safe.
 */
@API(status = STABLE, since = "0.1")
public final class LeakDetector {
  private static final long POLL_MS = 20;

  private LeakDetector() {}

  /**
   * Waits until the referent is collected, requesting garbage collections meanwhile.
   *
   * @return true when collected within {@code maxWait}
   */
  public static boolean awaitCollected(WeakReference<?> ref, Duration maxWait) {
    long deadline = System.nanoTime() + maxWait.toNanos();
    while (true) {
      System.gc();
      if (ref.refersTo(null)) {
        return true;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      try {
        Thread.sleep(Math.min(POLL_MS, Math.max(1, left / 1_000_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return ref.refersTo(null);
      }
    }
  }

  /** Looks for what still holds {@code loader}. */
  public static LeakReport inspect(PluginClassLoader loader) {
    List<LeakReport.Holder> holders = new ArrayList<>(threads(loader));
    List<LeakReport.Holder> hooks = shutdownHooks(loader);
    boolean hooksInspected = hooks != null;
    if (hooks != null) {
      holders.addAll(hooks);
    }
    for (String driver : loader.jdbcDrivers(true)) {
      holders.add(new LeakReport.Holder(LeakReport.Kind.JDBC_DRIVER, driver,
          "registered with java.sql.DriverManager by the plugin (now deregistered)"));
    }
    for (String provider : loader.securityProviders(true)) {
      holders.add(new LeakReport.Holder(LeakReport.Kind.SECURITY_PROVIDER, provider,
          "registered with java.security.Security by the plugin (now removed)"));
    }
    return new LeakReport(loader.pluginId(), loader.version(), loader.getName(), holders, hooksInspected);
  }

  static List<LeakReport.Holder> threads(PluginClassLoader loader) {
    List<LeakReport.Holder> out = new ArrayList<>();
    for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
      Thread t = e.getKey();
      List<String> why = new ArrayList<>();
      if (t.getContextClassLoader() == loader) {
        why.add("its context classloader is the plugin's");
      }
      if (t.getClass().getClassLoader() == loader) {
        why.add("its class " + t.getClass().getName() + " is the plugin's");
      }
      for (StackTraceElement frame : e.getValue()) {
        if (loader.getName().equals(frame.getClassLoaderName())) {
          why.add("it runs plugin code at " + frame.getClassName() + "." + frame.getMethodName());
          break;
        }
      }
      if (!why.isEmpty()) {
        out.add(new LeakReport.Holder(LeakReport.Kind.THREAD, t.getName(),
            String.join("; ", why) + " (stop it in Plugin.stop())"));
      }
    }
    return out;
  }

  /** Null when the JVM does not open {@code java.lang} to us (the normal case). */
  static @Nullable List<LeakReport.Holder> shutdownHooks(PluginClassLoader loader) {
    Map<?, ?> hooks;
    try {
      Class<?> c = Class.forName("java.lang.ApplicationShutdownHooks");
      Field f = c.getDeclaredField("hooks");
      f.setAccessible(true);
      Object value = f.get(null);
      if (!(value instanceof Map<?, ?> m)) {
        return null;
      }
      synchronized (c) {
        hooks = Map.copyOf(m);
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
    List<LeakReport.Holder> out = new ArrayList<>();
    for (Object key : hooks.keySet()) {
      if (key instanceof Thread t
          && (t.getContextClassLoader() == loader || t.getClass().getClassLoader() == loader)) {
        out.add(new LeakReport.Holder(LeakReport.Kind.SHUTDOWN_HOOK, t.getName(),
            "a JVM shutdown hook registered by the plugin (remove it in Plugin.stop())"));
      }
    }
    return out;
  }
}
