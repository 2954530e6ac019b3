package dev.plinth.runtime.leak;

import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.ResponseCache;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The JVM-wide defaults a plugin can replace with one of its own objects: the default uncaught
 * exception handler, and the {@code java.net} authenticator, proxy selector, cookie handler and
 * response cache. Each keeps the object, and so the plugin's loader, after unload; worse, that
 * object then runs with a closed loader for every thread or connection of the host. The values in
 * place when the first runtime was built are kept as the baseline to restore.
 */
final class JvmDefaults {
  private record Slot(String name, Supplier<@Nullable Object> get, Consumer<@Nullable Object> set) {}

  private static final List<Slot> SLOTS = List.of(
      new Slot("Thread.defaultUncaughtExceptionHandler", Thread::getDefaultUncaughtExceptionHandler,
          v -> Thread.setDefaultUncaughtExceptionHandler((Thread.UncaughtExceptionHandler) v)),
      new Slot("java.net.Authenticator", Authenticator::getDefault, v -> Authenticator.setDefault((Authenticator) v)),
      new Slot("java.net.ProxySelector", ProxySelector::getDefault, v -> ProxySelector.setDefault((ProxySelector) v)),
      new Slot("java.net.CookieHandler", CookieHandler::getDefault, v -> CookieHandler.setDefault((CookieHandler) v)),
      new Slot("java.net.ResponseCache", ResponseCache::getDefault, v -> ResponseCache.setDefault((ResponseCache) v)));

  /** The values when this class initialised, slot by slot; read before any plugin is loaded. */
  private static final List<@Nullable Object> BASELINE = baseline();

  private JvmDefaults() {}

  /** Makes sure the baseline is taken: call before loading plugins. */
  static void init() {
    // class initialisation took the baseline
  }

  /**
   * Sets each default that is an object of {@code loader}'s classes back to its baseline, or to
   * none when the baseline is itself such an object.
   *
   * @return the names of the defaults restored
   */
  static List<String> restore(ClassLoader loader) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < SLOTS.size(); i++) {
      Slot slot = SLOTS.get(i);
      Object current = slot.get().get();
      if (current != null && current.getClass().getClassLoader() == loader) {
        Object base = BASELINE.get(i);
        slot.set().accept(base != null && base.getClass().getClassLoader() == loader ? null : base);
        out.add(slot.name());
      }
    }
    return out;
  }

  private static List<@Nullable Object> baseline() {
    List<@Nullable Object> values = new ArrayList<>();
    for (Slot s : SLOTS) {
      values.add(s.get().get());
    }
    return values;
  }
}
