package dev.plinth.runtime.classloading;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A plugin's new loader together with what its bundle check read on its one pass over the plugin's
 * jars and folders, so finding the entry needs no second pass.
 *
 * @param loader the loader; the caller owns it and must close it
 * @param pluginServices the plugin's own {@code META-INF/services/dev.plinth.api.Plugin} files in
 *     classpath order (empty list: it has none); empty when the pass could not tell what the loader
 *     would return (a multi-release jar or a jar index), so callers ask the loader
 */
@API(status = INTERNAL, since = "0.1")
public record OpenedLoader(PluginClassLoader loader, Optional<List<ServiceFile>> pluginServices) {
  public OpenedLoader {
    requireNonNull(loader, "loader");
    pluginServices = pluginServices.map(List::copyOf);
  }
}
