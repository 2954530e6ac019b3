package dev.plinth.runtime.discovery;

import dev.plinth.installer.events.EventSink;
import dev.plinth.runtime.classloading.PluginCalls;
import dev.plinth.runtime.events.RuntimeEvents;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.jspecify.annotations.Nullable;

/**
 * A provider found for a declared extension, instantiated on first use under the plugin's context
 * classloader. A provider whose constructor fails is reported once ({@code extension_failed}) and
 * then left out. Thread-safe.
 */
final class LazyExtension<X> {
  private final String pluginId;
  private final String version;
  private final Class<X> type;
  private final ServiceLoader.Provider<X> provider;
  private final ClassLoader loader;
  private final EventSink events;
  private @Nullable X instance;
  private boolean failed;

  LazyExtension(
      String pluginId,
      String version,
      Class<X> type,
      ServiceLoader.Provider<X> provider,
      ClassLoader loader,
      EventSink events) {
    this.pluginId = pluginId;
    this.version = version;
    this.type = type;
    this.provider = provider;
    this.loader = loader;
    this.events = events;
  }

  String pluginId() {
    return pluginId;
  }

  Class<X> type() {
    return type;
  }

  String providerClass() {
    return provider.type().getName();
  }

  synchronized Optional<X> get() {
    if (instance == null && !failed) {
      try {
        instance = PluginCalls.inContext(loader, provider::get);
      } catch (Exception | LinkageError | java.util.ServiceConfigurationError e) {
        failed = true;
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        RuntimeEvents.emit(events, RuntimeEvents.EXTENSION_FAILED, pluginId, version,
            RuntimeEvents.newCorrelationId(),
            Map.of("interface", type.getName(), "provider", providerClass(), "error", cause.toString()));
      }
    }
    return Optional.ofNullable(instance);
  }
}
