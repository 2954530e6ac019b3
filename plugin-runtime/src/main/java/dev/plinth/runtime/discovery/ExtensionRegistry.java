package dev.plinth.runtime.discovery;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import dev.plinth.installer.events.EventSink;
import dev.plinth.manifest.PluginManifest;
import dev.plinth.runtime.PluginRuntimeException;
import dev.plinth.runtime.RuntimeErrorCode;
import dev.plinth.runtime.events.RuntimeEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.apiguardian.api.API;

/**
 * The extensions of loaded plugins, per interface the host offers, in plugin load order.
 *
 * <p>A plugin contributes an interface only if the host offers it and its manifest declares it in
 * {@code contributes.extensions}; providers of offered interfaces it does not declare are ignored
 * with an {@code extension_undeclared} event. Providers are found through {@link ServiceLoader}
 * restricted to the plugin's own loader and are instantiated on first request.
 *
 * <p>Thread-safe: reads take a copy-on-write snapshot without locking; {@link #register} and
 * {@link #unregister} serialise on the registry.
 */
@API(status = STABLE, since = "0.1")
public final class ExtensionRegistry {
  private final Set<Class<?>> offered;
  private final EventSink events;
  private volatile List<LazyExtension<?>> entries = List.of();

  private ExtensionRegistry(Set<Class<?>> offered, EventSink events) {
    this.offered = Set.copyOf(offered);
    this.events = requireNonNull(events, "events");
  }

  /** A registry for the interfaces the host offers. */
  public static ExtensionRegistry of(Set<Class<?>> offered, EventSink events) {
    return new ExtensionRegistry(offered, events);
  }

  /** The interfaces the host offers. */
  public Set<Class<?>> offered() {
    return offered;
  }

  /** The extensions of every registered plugin for {@code type}, in plugin load order. */
  public <X> List<Extension<X>> extensions(Class<X> type) {
    List<Extension<X>> out = new ArrayList<>();
    for (LazyExtension<?> e : entries) {
      if (e.type() == type) {
        e.get().ifPresent(i -> out.add(new Extension<>(e.pluginId(), type.cast(i))));
      }
    }
    return List.copyOf(out);
  }

  /**
   * Finds and registers the extensions of a loaded plugin.
   *
   * @return the number of providers registered
   * @throws PluginRuntimeException {@code EXTENSION_INVALID} when a declared interface's services
   *     file names a class that cannot be loaded or does not implement it
   */
  public int register(PluginManifest manifest, ClassLoader loader, String correlationId) {
    List<LazyExtension<?>> found = new ArrayList<>();
    for (Class<?> type : offered) {
      if (manifest.contributes().extensions().contains(type.getName())) {
        found.addAll(declared(manifest, type, loader));
      } else {
        reportUndeclared(manifest, type, loader, correlationId);
      }
    }
    synchronized (this) {
      List<LazyExtension<?>> next = new ArrayList<>(entries);
      next.addAll(found);
      entries = List.copyOf(next);
    }
    return found.size();
  }

  /** Removes every extension of the plugin. */
  public synchronized void unregister(String pluginId) {
    entries = entries.stream().filter(e -> !e.pluginId().equals(pluginId)).toList();
  }

  private <X> List<LazyExtension<?>> declared(PluginManifest manifest, Class<X> type, ClassLoader loader) {
    try {
      return ServiceLoader.load(type, loader).stream()
          .filter(p -> p.type().getClassLoader() == loader)
          .<LazyExtension<?>>map(p -> new LazyExtension<>(manifest.id(), manifest.version(), type, p, loader, events))
          .toList();
    } catch (ServiceConfigurationError | LinkageError | SecurityException e) {
      throw new PluginRuntimeException(
          RuntimeErrorCode.EXTENSION_INVALID,
          manifest.id(),
          "META-INF/services/" + type.getName() + " must list loadable implementations: " + e.getMessage(),
          "Fix the services file so it names public classes of the bundle that implement "
              + type.getName() + ", and rebuild the bundle.",
          Map.of("field", "plugin.contributes.extensions", "value", type.getName()),
          e);
    }
  }

  private void reportUndeclared(PluginManifest manifest, Class<?> type, ClassLoader loader, String correlationId) {
    List<String> providers;
    try {
      providers = ServiceLoader.load(type, loader).stream()
          .filter(p -> p.type().getClassLoader() == loader)
          .map(p -> p.type().getName())
          .toList();
    } catch (ServiceConfigurationError | LinkageError | SecurityException e) {
      providers = List.of("unloadable: " + e.getMessage());
    }
    if (!providers.isEmpty()) {
      RuntimeEvents.emit(events, RuntimeEvents.EXTENSION_UNDECLARED, manifest.id(), manifest.version(),
          correlationId, Map.of("interface", type.getName(), "providers", providers,
              "nextStep", "declare " + type.getName() + " in [plugin.contributes] extensions"));
    }
  }
}
