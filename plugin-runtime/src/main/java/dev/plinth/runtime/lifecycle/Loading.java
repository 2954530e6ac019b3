package dev.plinth.runtime.lifecycle;

import dev.plinth.api.Plugin;
import dev.plinth.installer.events.EventSink;
import dev.plinth.installer.store.BootFacts;
import dev.plinth.manifest.PluginManifest;
import dev.plinth.runtime.PluginRuntimeException;
import dev.plinth.runtime.RuntimeErrorCode;
import dev.plinth.runtime.RuntimeSettings;
import dev.plinth.runtime.classloading.ClassLoaderFactory;
import dev.plinth.runtime.classloading.OpenedLoader;
import dev.plinth.runtime.classloading.PluginCalls;
import dev.plinth.runtime.classloading.PluginClassLoader;
import dev.plinth.runtime.context.BoundaryContext;
import dev.plinth.runtime.context.PluginContextFactory;
import dev.plinth.runtime.discovery.EntryDiscovery;
import dev.plinth.runtime.discovery.ExtensionRegistry;
import dev.plinth.runtime.events.RuntimeEvents;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The steps of loading one plugin: dependencies, loader (with the bundle check), entry, context,
 * start under timeout, extensions. A failure at any step undoes the earlier ones (stop if start
 * began, unregister hooks and extensions, revoke the context, close the loader) before it is thrown.
 */
final class Loading {
  private final RuntimeSettings settings;
  private final ClassLoaderFactory loaders;
  private final PluginContextFactory contexts;
  private final ExtensionRegistry extensions;
  private final EventSink events;
  private final Path dataRoot;
  private final Function<String, Map<String, ?>> configs;

  Loading(
      RuntimeSettings settings,
      PluginContextFactory contexts,
      ExtensionRegistry extensions,
      EventSink events,
      Path dataRoot,
      Function<String, Map<String, ?>> configs) {
    this.settings = settings;
    this.loaders = ClassLoaderFactory.of(settings.sharedPackages());
    this.contexts = contexts;
    this.extensions = extensions;
    this.events = events;
    this.dataRoot = dataRoot;
    this.configs = configs;
  }

  /** A plugin's loader with its entry found: everything before plugin code runs. */
  record Prepared(PluginClassLoader loader, EntryDiscovery.EntryPoint entry) {}

  /**
   * Creates the plugin's loader (bundle check included) and finds its entry class, without running
   * plugin code; safe on any thread. A failure closes the loader before it is thrown.
   */
  Prepared prepare(PluginManifest m, Path versionDir, List<PluginClassLoader> deps) {
    return prepare(m, versionDir, deps, null);
  }

  /** Like {@link #prepare(PluginManifest, Path, List)}, from the version's boot facts while they match its files. */
  Prepared prepare(PluginManifest m, Path versionDir, List<PluginClassLoader> deps, @Nullable BootFacts facts) {
    OpenedLoader opened = loaders.open(m, versionDir, deps, facts);
    try {
      return new Prepared(opened.loader(), EntryDiscovery.find(m, opened));
    } catch (RuntimeException | Error e) {
      closeQuietly(opened.loader());
      throw e;
    }
  }

  /**
   * Starts a prepared plugin; a failure closes its loader before it is thrown. {@code meanwhile}
   * runs on this thread while the plugin's {@code start} runs on its worker.
   */
  LoadedPlugin start(PluginManifest m, Prepared p, String corr, Runnable meanwhile) {
    Starting s = begin(m, p, corr);
    return PluginCalls.meanwhileThen(meanwhile, () -> finish(s));
  }

  /**
   * A plugin whose {@code start} was handed to its worker and not yet waited for.
   *
   * @param call the start call
   * @param instance the plugin instance, once the worker created it
   */
  record Starting(
      PluginManifest manifest, @Nullable PluginClassLoader loader, ClassLoader callLoader, String entryClass,
      String corr, BoundaryContext context, AtomicReference<Plugin> instance, PluginCalls.Started<Void> call) {}

  /**
   * Records {@code plugin_loaded}, creates the plugin's context and hands its creation and {@code
   * start} to a worker; returns without waiting. A failure closes the loader before it is thrown.
   * {@link #finish} waits for it.
   */
  Starting begin(PluginManifest m, Prepared p, String corr) {
    PluginClassLoader loader = p.loader();
    try {
      RuntimeEvents.emit(events, RuntimeEvents.LOADED, m.id(), m.version(), corr,
          Map.of("entry", p.entry().className(), "loader", loader.getName()));
      return begin(m, loader, loader, p.entry()::create, p.entry().className(), corr);
    } catch (RuntimeException | Error e) {
      closeQuietly(loader);
      throw e;
    }
  }

  /**
   * Waits for a plugin's start and registers its extensions. A failure undoes the start (stop if it
   * began, hooks, extensions, context) and closes the loader before it is thrown.
   */
  LoadedPlugin finish(Starting s) {
    PluginManifest m = s.manifest();
    try {
      s.call().await();
      int registered = s.loader() == null ? 0 : extensions.register(m, s.loader(), s.corr());
      PluginInfo info = new PluginInfo(m.id(), m.version(), s.loader() == null, s.entryClass(), registered,
          settings.clock().instant());
      return new LoadedPlugin(m, s.loader(), s.instance().get(), s.context(), info);
    } catch (RuntimeException | Error e) {
      undoStart(m, s.instance().get(), s.callLoader(), s.context(), s.corr());
      if (s.loader() != null) {
        closeQuietly(s.loader());
      }
      throw e;
    }
  }

  LoadedPlugin startBuiltin(PluginManifest m, Plugin plugin, String corr) {
    ClassLoader own = plugin.getClass().getClassLoader();
    ClassLoader callLoader = own != null ? own : ClassLoader.getSystemClassLoader();
    return finish(begin(m, null, callLoader, () -> plugin, plugin.getClass().getName(), corr));
  }

  private Starting begin(
      PluginManifest m,
      @Nullable PluginClassLoader loader,
      ClassLoader callLoader,
      Callable<Plugin> factory,
      String entryClass,
      String corr) {
    BoundaryContext ctx = contexts.create(m, dataRoot.resolve(m.id()), configs.apply(m.id()), corr);
    AtomicReference<Plugin> instance = new AtomicReference<>();
    try {
      PluginCalls.Started<Void> call = PluginCalls.begin(
          new PluginCalls.Call(m.id(), "start", callLoader, settings.startTimeout(), RuntimeErrorCode.START_FAILED),
          () -> {
            Plugin p = factory.call();
            instance.set(p);
            p.start(ctx);
            return null;
          });
      return new Starting(m, loader, callLoader, entryClass, corr, ctx, instance, call);
    } catch (RuntimeException | Error e) {
      undoStart(m, instance.get(), callLoader, ctx, corr);
      throw e;
    }
  }

  private void undoStart(
      PluginManifest m, @Nullable Plugin plugin, ClassLoader callLoader, BoundaryContext ctx, String corr) {
    if (plugin != null) {
      try {
        PluginCalls.call(
            new PluginCalls.Call(m.id(), "stop", callLoader, settings.stopTimeout(), RuntimeErrorCode.STOP_FAILED),
            () -> {
              plugin.stop();
              return null;
            });
      } catch (PluginRuntimeException e) {
        RuntimeEvents.emit(events, RuntimeEvents.STOP_FAILED, m.id(), m.version(), corr,
            Map.of("code", e.code().code(), "message", String.valueOf(e.getMessage())));
      }
    }
    contexts.hookWiring().unregisterAll(m.id());
    extensions.unregister(m.id());
    ctx.close();
  }

  /** The loaders of the plugin's dependencies, each loaded and inside its declared range. */
  static List<PluginClassLoader> dependencies(
      PluginManifest m, Function<String, @Nullable LoadedPlugin> loaded) {
    List<PluginClassLoader> out = new ArrayList<>();
    m.dependencies().forEach((dep, range) -> {
      LoadedPlugin d = loaded.apply(dep);
      String why = d == null ? "not loaded"
          : BootOrder.satisfies(d.manifest().version(), range) ? null
          : "loaded version " + d.manifest().version() + " is outside " + range;
      if (why != null) {
        throw new PluginRuntimeException(
            RuntimeErrorCode.DEPENDENCY_UNSATISFIED, m.id(),
            "plugin.dependencies." + dep + " must be loaded in range " + range + ": " + why,
            "Load " + dep + " (" + range + ") first: check why it failed in the boot report or event log.",
            Map.of("field", "plugin.dependencies." + dep, "value", range, "reason", why), null);
      }
      if (d.loader() != null) {
        out.add(d.loader());
      }
    });
    return out;
  }

  static void closeQuietly(PluginClassLoader loader) {
    PluginCalls.retireWorkersOf(loader);
    try {
      loader.close();
    } catch (IOException e) {
      // Closing only releases jar handles; a failure leaves them to the garbage collector.
    }
  }
}
