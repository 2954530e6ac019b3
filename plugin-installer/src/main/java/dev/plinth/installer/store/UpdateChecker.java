package dev.plinth.installer.store;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * Finds the newest version a source offers, without installing it, for
 * {@link PluginStore#checkUpdates()}. The pipeline can implement it cheaply (resolve only); the
 * store's default stages the source into a scratch folder under {@code staging/}, reads the
 * version and deletes the folder. Implementations must be thread-safe.
 */
@API(status = STABLE, since = "0.1")
@FunctionalInterface
public interface UpdateChecker {
  /**
   * The newest version {@code source} offers for {@code pluginId}.
   *
   * @param source the source with any version pin removed (see {@link PluginStore#upgrade})
   * @throws dev.plinth.installer.InstallException when the source cannot be resolved
   */
  String latestVersion(String pluginId, String source);
}
