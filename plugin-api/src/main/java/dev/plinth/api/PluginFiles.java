package dev.plinth.api;

import static org.apiguardian.api.API.Status.STABLE;

import java.nio.file.Path;
import org.apiguardian.api.API;

/** The plugin's own data folder. Paths outside it are refused. */
@API(status = STABLE, since = "0.1")
public interface PluginFiles {

  /** The data folder, which exists and is kept across upgrades (and uninstalls unless purged). */
  Path root();

  /**
   * Resolves a relative path inside the data folder.
   *
   * @throws PermissionDeniedException when the path is absolute or leaves the data folder
   */
  Path resolve(String relativePath);
}
