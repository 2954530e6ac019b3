package dev.plinth.runtime.events;

import static org.apiguardian.api.API.Status.STABLE;

import dev.plinth.installer.events.EventSink;
import dev.plinth.installer.events.PlinthEvent;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apiguardian.api.API;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event types the runtime writes, and the one place that writes them. Every event carries the
 * plugin id and version and a correlation id that ties together the events of one operation (a
 * load, an unload, a boot).
 *
 * <p>Thread-safe: {@link #emit} never throws, whatever the sink does.
 */
@API(status = STABLE, since = "0.1")
public final class RuntimeEvents {
  public static final String LOADED = "loaded";
  public static final String STARTED = "started";
  public static final String STOPPED = "stopped";
  public static final String UNLOADED = "unloaded";
  public static final String LOAD_FAILED = "load_failed";
  public static final String START_FAILED = "start_failed";
  public static final String STOP_FAILED = "stop_failed";
  public static final String HEALTH_FAILED = "health_failed";
  public static final String SKIPPED = "skipped";
  public static final String PERMISSION_DENIED = "permission_denied";
  public static final String AUTO_DISABLED = "auto_disabled";
  public static final String RE_ENABLED = "re_enabled";
  public static final String LEAK_SUSPECTED = "leak_suspected";
  public static final String JDBC_DRIVER_DEREGISTERED = "jdbc_driver_deregistered";
  /** Unloading removed {@code java.security} providers the plugin had left registered. */
  public static final String SECURITY_PROVIDER_REMOVED = "security_provider_removed";
  /** Unloading unregistered MBeans the plugin had left registered. */
  public static final String MBEAN_UNREGISTERED = "mbean_unregistered";
  /** Unloading restored JVM-wide defaults (uncaught exception handler, proxy selector...) the plugin had set. */
  public static final String JVM_DEFAULT_RESTORED = "jvm_default_restored";
  /** Unloading removed {@code java.util.logging} handlers the plugin had added to loggers. */
  public static final String LOG_HANDLER_REMOVED = "log_handler_removed";
  public static final String EXTENSION_UNDECLARED = "extension_undeclared";
  public static final String EXTENSION_FAILED = "extension_failed";
  /** A transaction committed a version without loading it (safe mode, crash guard, dependency not loaded). */
  public static final String ACTIVATION_DEFERRED = "activation_deferred";
  /** An install asked to enable, but the permissions are not acknowledged: the plugin stays disabled. */
  public static final String ENABLE_DEFERRED = "enable_deferred";
  /** An operator acknowledged the permissions a plugin version declares. */
  public static final String PERMISSIONS_ACKNOWLEDGED = "permissions_acknowledged";
  /** A plugin started; detail {@code trigger}: {@code boot}, {@code hook:<point>}, {@code extension:<interface>} or {@code host}. */
  public static final String PLUGIN_ACTIVATED = "plugin_activated";

  /** Every type above, for documentation and tests. */
  public static final List<String> ALL =
      List.of(LOADED, STARTED, STOPPED, UNLOADED, LOAD_FAILED, START_FAILED, STOP_FAILED,
          HEALTH_FAILED, SKIPPED, PERMISSION_DENIED, AUTO_DISABLED, RE_ENABLED, LEAK_SUSPECTED,
          JDBC_DRIVER_DEREGISTERED, SECURITY_PROVIDER_REMOVED, MBEAN_UNREGISTERED, JVM_DEFAULT_RESTORED,
          LOG_HANDLER_REMOVED,
          EXTENSION_UNDECLARED, EXTENSION_FAILED, ACTIVATION_DEFERRED,
          ENABLE_DEFERRED, PERMISSIONS_ACKNOWLEDGED, PLUGIN_ACTIVATED);

  private static final Logger LOG = LoggerFactory.getLogger(RuntimeEvents.class);

  private RuntimeEvents() {}

  /**
   * A fresh correlation id: a random (version 4) UUID. Drawn from {@link ThreadLocalRandom}, since
   * it must be unique, not unguessable; {@link UUID#randomUUID()} seeds a {@code SecureRandom},
   * which costs a cold host tens of milliseconds on its first boot.
   */
  public static String newCorrelationId() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    long msb = (r.nextLong() & ~0xF000L) | 0x4000L; // version 4
    long lsb = (r.nextLong() & ~0xC000000000000000L) | 0x8000000000000000L; // RFC 4122 variant
    return new UUID(msb, lsb).toString();
  }

  /** Writes one event; a failing sink is logged, never thrown to the caller. */
  public static void emit(
      EventSink sink,
      String type,
      String pluginId,
      String version,
      String correlationId,
      Map<String, ?> detail) {
    try {
      sink.emit(PlinthEvent.of(type, pluginId, version, correlationId, detail));
    } catch (RuntimeException e) {
      LOG.warn("event sink failed for {} of {}: {}", type, pluginId, e.toString());
    }
  }
}
