package dev.plinth.runtime.leak;

import static org.apiguardian.api.API.Status.STABLE;

import dev.plinth.runtime.classloading.PluginClassLoader;
import java.lang.ref.WeakReference;
import java.lang.reflect.Field;
import java.security.Provider;
import java.security.Security;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Checks that an unloaded plugin's loader is collected (a weak reference, {@code System.gc()} and a
 * bounded poll, as IntelliJ does for dynamic plugins) and, when it is not, looks for the usual
 * holders: threads, shutdown hooks, thread-locals, JDBC drivers, security providers, MBeans,
 * JVM-wide defaults and logging handlers. Shutdown hooks and thread-locals live in {@code
 * java.lang} internals, which the JVM only lets Plinth read when started with {@code --add-opens
 * java.base/java.lang=ALL-UNNAMED} (or to Plinth's module).
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

  /**
   * Removes the {@link Security} providers whose classes {@code loader} defined: a plugin that
   * bundles a crypto library often registers its provider in {@code start} and never removes it,
   * and the JVM-wide provider list then holds the plugin's loader for good.
   *
   * @return the providers' names, in the list's order
   */
  private static List<String> removeSecurityProviders(ClassLoader loader) {
    List<String> names = new ArrayList<>();
    for (Provider p : Security.getProviders()) {
      if (p.getClass().getClassLoader() == loader) {
        names.add(p.getName());
        Security.removeProvider(p.getName());
      }
    }
    return names;
  }

  /** Unregisters the plugin's MBeans ({@link Mbeans}); none without {@code java.management}. */
  private static List<String> unregisterMBeans(ClassLoader loader) {
    try {
      return Mbeans.unregister(loader);
    } catch (LinkageError | SecurityException e) {
      return List.of();
    }
  }

  /**
   * Takes the baseline that {@link #cleanUp} restores JVM-wide defaults to (the default uncaught
   * exception handler, and {@code java.net}'s authenticator, proxy selector, cookie handler and
   * response cache), once per JVM: call before loading plugins.
   */
  public static void jvmDefaultsBaseline() {
    JvmDefaults.init();
  }

  /**
   * Clears what a plugin commonly leaves in JVM-wide registries, each of which would hold its
   * loader: deregisters its JDBC drivers, removes its security providers, unregisters its MBeans,
   * restores the JVM-wide defaults it replaced and removes its {@code java.util.logging} handlers.
   * Unloading runs it before closing the loader; {@link #inspect} runs it again and reports what it
   * still found.
   *
   * @return what was cleared, one holder each, in that order
   */
  public static List<LeakReport.Holder> cleanUp(PluginClassLoader loader) {
    List<LeakReport.Holder> out = new ArrayList<>();
    for (String driver : loader.jdbcDrivers(true)) {
      out.add(new LeakReport.Holder(LeakReport.Kind.JDBC_DRIVER, driver,
          "registered with java.sql.DriverManager by the plugin (now deregistered)"));
    }
    for (String provider : removeSecurityProviders(loader)) {
      out.add(new LeakReport.Holder(LeakReport.Kind.SECURITY_PROVIDER, provider,
          "registered with java.security.Security by the plugin (now removed)"));
    }
    for (String mbean : unregisterMBeans(loader)) {
      out.add(new LeakReport.Holder(LeakReport.Kind.MBEAN, mbean,
          "registered in an MBean server by the plugin (now unregistered)"));
    }
    for (String name : JvmDefaults.restore(loader)) {
      out.add(new LeakReport.Holder(LeakReport.Kind.JVM_DEFAULT, name,
          "a JVM-wide default the plugin set (now restored)"));
    }
    for (String name : removeLogHandlers(loader)) {
      out.add(new LeakReport.Holder(LeakReport.Kind.LOG_HANDLER, name,
          "a java.util.logging handler the plugin added to a logger (now removed)"));
    }
    return out;
  }

  /**
   * Removes the {@code java.util.logging} handlers of {@code loader}'s classes from every logger.
   * They are not closed: that would run plugin code on the unloading thread without a timeout.
   *
   * @return {@code <logger>: <handler class>} for each, the root logger named {@code root}
   */
  private static List<String> removeLogHandlers(ClassLoader loader) {
    List<String> out = new ArrayList<>();
    LogManager manager = LogManager.getLogManager();
    for (String name : Collections.list(manager.getLoggerNames())) {
      Logger logger = manager.getLogger(name);
      for (Handler h : logger == null ? new Handler[0] : logger.getHandlers()) {
        if (h.getClass().getClassLoader() == loader) {
          logger.removeHandler(h);
          out.add((name.isEmpty() ? "root" : name) + ": " + h.getClass().getName());
        }
      }
    }
    return out;
  }

  /** Looks for what still holds {@code loader}. */
  public static LeakReport inspect(PluginClassLoader loader) {
    List<LeakReport.Holder> holders = new ArrayList<>(threads(loader));
    List<LeakReport.Holder> hooks = shutdownHooks(loader);
    List<LeakReport.Holder> locals = threadLocals(loader);
    boolean hooksInspected = hooks != null && locals != null;
    if (hooks != null) {
      holders.addAll(hooks);
    }
    if (locals != null) {
      holders.addAll(locals);
    }
    holders.addAll(cleanUp(loader));
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

  /** How many elements of a thread-local collection, map or array are looked at. */
  private static final int MAX_ELEMENTS = 64;

  /**
   * Threads whose thread-locals hold an object of the plugin (plugin code that ran on a host thread,
   * such as an inline hook or an extension call, and left a value behind). Only values are looked
   * at, and the elements of a collection, map or array value one level down: a plugin-defined
   * thread-local key alone is held weakly and does not pin the loader. Null when the JVM does not
   * open {@code java.lang} to us.
   */
  static @Nullable List<LeakReport.Holder> threadLocals(PluginClassLoader loader) {
    Field locals;
    Field inheritable;
    Field table;
    Field value;
    try {
      locals = Thread.class.getDeclaredField("threadLocals");
      inheritable = Thread.class.getDeclaredField("inheritableThreadLocals");
      table = Class.forName("java.lang.ThreadLocal$ThreadLocalMap").getDeclaredField("table");
      value = Class.forName("java.lang.ThreadLocal$ThreadLocalMap$Entry").getDeclaredField("value");
      for (Field f : List.of(locals, inheritable, table, value)) {
        f.setAccessible(true);
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
    List<LeakReport.Holder> out = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      for (Field map : List.of(locals, inheritable)) {
        Object[] entries;
        try {
          Object m = map.get(t);
          entries = m == null ? null : (Object[]) table.get(m);
        } catch (ReflectiveOperationException | RuntimeException racing) {
          continue; // the map changed under us: another thread's thread-locals are read without a lock
        }
        for (Object e : entries == null ? new Object[0] : entries) {
          String held;
          try {
            held = e == null ? null : pluginClassIn(loader, value.get(e));
          } catch (ReflectiveOperationException | RuntimeException racing) {
            continue; // this entry changed under us; the others are still worth reading
          }
          if (held != null) {
            out.add(new LeakReport.Holder(LeakReport.Kind.THREAD_LOCAL, t.getName(),
                "a thread-local of this thread holds a " + held + " of the plugin (call ThreadLocal.remove()"
                    + " before the plugin's call returns, or stop this thread)"));
          }
        }
      }
    }
    return out;
  }

  /** The name of a plugin class found in {@code v}, one level into collections; null otherwise. */
  static @Nullable String pluginClassIn(PluginClassLoader loader, @Nullable Object v) {
    if (v == null) {
      return null;
    }
    if (ownedBy(loader, v)) {
      return v instanceof Class<?> c ? "class " + c.getName() : v.getClass().getName();
    }
    // Arrays.asList: a thread-local array (a buffer, a cache) often holds nulls, which List.of rejects
    Iterable<?> elements = v instanceof Object[] a ? java.util.Arrays.asList(a).subList(0, Math.min(a.length, MAX_ELEMENTS))
        : v instanceof java.util.Collection<?> c ? c
        : v instanceof Map<?, ?> m ? m.values()
        : List.of();
    int seen = 0;
    for (Object element : elements) {
      if (element != null && ownedBy(loader, element)) {
        return element.getClass().getName() + " (inside a " + v.getClass().getName() + ")";
      }
      if (++seen >= MAX_ELEMENTS) {
        break;
      }
    }
    return null;
  }

  private static boolean ownedBy(PluginClassLoader loader, Object o) {
    return o.getClass().getClassLoader() == loader || o instanceof Class<?> c && c.getClassLoader() == loader;
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
