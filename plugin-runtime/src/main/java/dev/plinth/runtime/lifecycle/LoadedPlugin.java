package dev.plinth.runtime.lifecycle;

import dev.plinth.api.Plugin;
import dev.plinth.manifest.PluginManifest;
import dev.plinth.runtime.classloading.PluginClassLoader;
import dev.plinth.runtime.context.BoundaryContext;
import org.jspecify.annotations.Nullable;

/**
 * A started plugin held by the runtime. The only strong references to the plugin's loader and
 * instance that the runtime keeps live here, so dropping this record is what lets them be collected.
 */
record LoadedPlugin(
    PluginManifest manifest,
    @Nullable PluginClassLoader loader,
    Plugin plugin,
    BoundaryContext context,
    PluginInfo info) {

  String id() {
    return manifest.id();
  }

  /** The context classloader for calls into this plugin. */
  ClassLoader callLoader() {
    if (loader != null) {
      return loader;
    }
    ClassLoader own = plugin.getClass().getClassLoader();
    return own != null ? own : ClassLoader.getSystemClassLoader();
  }
}
