package dev.plinth.runtime;

import static org.apiguardian.api.API.Status.STABLE;

import dev.plinth.runtime.classloading.PluginClassLoader;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A copy of a throwable raised by plugin code: the original class name, message and stack trace,
 * with no reference to any class the plugin defined. The runtime keeps these instead of the
 * originals, which would pin the plugin's classloader for as long as the error is remembered.
 *
 * <p>Immutable after construction.
 */
@API(status = STABLE, since = "0.1")
public final class PluginFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String originalClass;

  private PluginFailure(String originalClass, @Nullable String message, @Nullable Throwable cause) {
    super(originalClass + (message == null ? "" : ": " + message), cause, false, true);
    this.originalClass = originalClass;
  }

  /** The fully qualified name of the throwable's class. */
  public String originalClass() {
    return originalClass;
  }

  /**
   * Returns the throwable itself when nothing in its cause chain can pin a plugin loader; otherwise
   * a detached copy of the chain. A throwable pins a loader when its class is the plugin's, and
   * also when it was raised in plugin code: the JVM keeps, with a throwable's stack trace, the
   * classes of its frames (so that they stay loaded while the trace may still be printed), even
   * for a JDK exception such as {@code IllegalStateException}.
   */
  public static @Nullable Throwable detach(@Nullable Throwable t) {
    if (t == null || !needsCopy(t, 0)) {
      return t;
    }
    return copy(t, 0);
  }

  private static boolean needsCopy(Throwable t, int depth) {
    if (depth > 32) {
      return false;
    }
    ClassLoader host = PluginFailure.class.getClassLoader();
    ClassLoader own = t.getClass().getClassLoader();
    boolean foreign = own != null && own != host && own != ClassLoader.getPlatformClassLoader();
    if (foreign || t.getSuppressed().length > 0 || raisedInPluginCode(t)) {
      return true;
    }
    Throwable cause = t.getCause();
    return cause != null && cause != t && needsCopy(cause, depth + 1);
  }

  private static boolean raisedInPluginCode(Throwable t) {
    for (StackTraceElement frame : t.getStackTrace()) {
      String loader = frame.getClassLoaderName();
      if (loader != null && loader.startsWith(PluginClassLoader.NAME_PREFIX)) {
        return true;
      }
    }
    return false;
  }

  private static PluginFailure copy(Throwable t, int depth) {
    Throwable cause = t.getCause();
    PluginFailure copiedCause =
        cause == null || cause == t || depth > 32 ? null : copy(cause, depth + 1);
    PluginFailure out = new PluginFailure(t.getClass().getName(), t.getMessage(), copiedCause);
    out.setStackTrace(t.getStackTrace());
    return out;
  }
}
