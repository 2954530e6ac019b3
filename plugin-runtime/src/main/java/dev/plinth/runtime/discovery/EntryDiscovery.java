package dev.plinth.runtime.discovery;

import static org.apiguardian.api.API.Status.INTERNAL;
import static org.apiguardian.api.API.Status.STABLE;

import dev.plinth.api.Plugin;
import dev.plinth.manifest.PluginManifest;
import dev.plinth.runtime.PluginRuntimeException;
import dev.plinth.runtime.RuntimeErrorCode;
import dev.plinth.runtime.classloading.OpenedLoader;
import dev.plinth.runtime.classloading.PluginClassLoader;
import dev.plinth.runtime.classloading.ServiceFile;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import org.apiguardian.api.API;

/**
 * Finds a plugin's entry point: the manifest's {@code runtime.entry}, or else the single {@code
 * Plugin} provider that the plugin's own loader defines (providers a shared loader could show are
 * ignored without being instantiated). Finding never runs plugin code; {@link EntryPoint#create()}
 * does, so callers run it under {@code PluginCalls}.
 *
 * <p>Stateless and thread-safe.
 */
@API(status = STABLE, since = "0.1")
public final class EntryDiscovery {
  private static final String SERVICES = "META-INF/services/" + Plugin.class.getName();

  /**
   * An entry class, found but not instantiated.
   *
   * @param className the class that will be instantiated
   * @param factory creates the instance (runs the plugin's constructor)
   */
  public record EntryPoint(String className, Callable<Plugin> factory) {
    /** Instantiates the plugin: plugin code runs here. */
    public Plugin create() throws Exception {
      return factory.call();
    }
  }

  private EntryDiscovery() {}

  /**
   * Finds the entry of the plugin whose classes {@code loader} defines.
   *
   * @throws PluginRuntimeException {@code ENTRY_NOT_FOUND}, {@code ENTRY_AMBIGUOUS} or {@code
   *     ENTRY_INVALID}
   */
  public static EntryPoint find(PluginManifest manifest, ClassLoader loader) {
    String entry = manifest.runtime().entry();
    return entry != null ? named(manifest.id(), entry, loader) : fromServices(manifest.id(), loader);
  }

  /**
   * Finds the entry like {@link #find(PluginManifest, ClassLoader)}, from the services files the
   * loader's bundle check already read when it has them: the same files {@code ServiceLoader} would
   * read through the loader, parsed by the same rules (comments, one binary name a line, repeats
   * dropped), each named class loaded without initialising it, checked to implement {@code Plugin}
   * with a public no-arg constructor, and kept only when the plugin's own loader defines it.
   *
   * @throws PluginRuntimeException {@code ENTRY_NOT_FOUND}, {@code ENTRY_AMBIGUOUS} or {@code
   *     ENTRY_INVALID}
   */
  @API(status = INTERNAL, since = "0.1")
  public static EntryPoint find(PluginManifest manifest, OpenedLoader opened) {
    PluginClassLoader loader = opened.loader();
    String entry = manifest.runtime().entry();
    if (entry != null) {
      return named(manifest.id(), entry, loader);
    }
    return opened.pluginServices()
        .map(files -> fromServiceFiles(manifest.id(), files, loader))
        .orElseGet(() -> fromServices(manifest.id(), loader));
  }

  private static EntryPoint named(String pluginId, String entry, ClassLoader loader) {
    Class<?> type;
    try {
      type = Class.forName(entry, false, loader);
    } catch (ClassNotFoundException e) {
      throw error(RuntimeErrorCode.ENTRY_NOT_FOUND, pluginId,
          "plugin.runtime.entry must name a class in the bundle: " + entry,
          "Fix [plugin.runtime] entry to the fully qualified name of the plugin's Plugin class.", entry);
    } catch (LinkageError | SecurityException e) {
      // SecurityException: the JDK's loader refuses a package split across sealed or differently
      // signed jars.
      throw invalid(pluginId, "plugin.runtime.entry must be loadable (" + e + "): " + entry, entry);
    }
    if (type.getClassLoader() != loader) {
      throw invalid(pluginId, "plugin.runtime.entry must be a class of this bundle: " + entry, entry);
    }
    if (!Plugin.class.isAssignableFrom(type)) {
      throw invalid(pluginId, "plugin.runtime.entry must implement " + Plugin.class.getName() + ": " + entry, entry);
    }
    int mods = type.getModifiers();
    if (!Modifier.isPublic(mods) || Modifier.isAbstract(mods) || type.isInterface()) {
      throw invalid(pluginId, "plugin.runtime.entry must be a public concrete class: " + entry, entry);
    }
    Constructor<? extends Plugin> ctor;
    try {
      ctor = type.asSubclass(Plugin.class).getConstructor();
    } catch (NoSuchMethodException e) {
      throw invalid(pluginId, "plugin.runtime.entry must have a public no-arg constructor: " + entry, entry);
    }
    return new EntryPoint(entry, ctor::newInstance);
  }

  private static EntryPoint fromServices(String pluginId, ClassLoader loader) {
    List<EntryPoint> own;
    try {
      own = ServiceLoader.load(Plugin.class, loader).stream()
          .filter(p -> p.type().getClassLoader() == loader)
          .map(p -> new EntryPoint(p.type().getName(), p::get))
          .toList();
    } catch (ServiceConfigurationError | LinkageError | SecurityException e) {
      throw invalid(pluginId, SERVICES + " must list loadable Plugin classes: " + e.getMessage(), SERVICES);
    }
    return theOne(pluginId, own);
  }

  private static EntryPoint fromServiceFiles(String pluginId, List<ServiceFile> files, ClassLoader loader) {
    List<EntryPoint> own = new ArrayList<>();
    try {
      for (String name : ServiceFiles.providerNames(Plugin.class, files)) {
        Constructor<? extends Plugin> ctor = ServiceFiles.provider(Plugin.class, name, loader);
        if (ctor != null && ctor.getDeclaringClass().getClassLoader() == loader) {
          own.add(new EntryPoint(ctor.getDeclaringClass().getName(), () -> ServiceFiles.instantiate(Plugin.class, ctor)));
        }
      }
    } catch (ServiceConfigurationError | LinkageError | SecurityException e) {
      throw invalid(pluginId, SERVICES + " must list loadable Plugin classes: " + e.getMessage(), SERVICES);
    }
    return theOne(pluginId, own);
  }

  /** The single provider of the plugin's own loader; none or several is an error naming them. */
  private static EntryPoint theOne(String pluginId, List<EntryPoint> own) {
    if (own.isEmpty()) {
      throw noneFound(pluginId);
    }
    if (own.size() > 1) {
      throw ambiguous(pluginId, own.stream().map(EntryPoint::className).toList());
    }
    return own.get(0);
  }

  private static PluginRuntimeException noneFound(String pluginId) {
    return error(RuntimeErrorCode.ENTRY_NOT_FOUND, pluginId,
        SERVICES + " must list one Plugin class of this bundle: none found",
        "Add " + SERVICES + " naming the plugin's Plugin class, or set [plugin.runtime] entry.",
        SERVICES);
  }

  private static PluginRuntimeException ambiguous(String pluginId, List<String> names) {
    return error(RuntimeErrorCode.ENTRY_AMBIGUOUS, pluginId,
        SERVICES + " must list exactly one Plugin class: " + names,
        "Set [plugin.runtime] entry to the one to use, or remove the others from " + SERVICES + ".",
        String.join(",", names));
  }

  private static PluginRuntimeException invalid(String pluginId, String message, String value) {
    return error(RuntimeErrorCode.ENTRY_INVALID, pluginId, message,
        "Make the entry a public, non-abstract class implementing dev.plinth.api.Plugin with a public"
            + " no-arg constructor, and rebuild the bundle.",
        value);
  }

  private static PluginRuntimeException error(
      RuntimeErrorCode code, String pluginId, String message, String nextStep, String value) {
    return new PluginRuntimeException(code, pluginId, message, nextStep,
        Map.of("field", "plugin.runtime.entry", "value", value), null);
  }
}
