package dev.plinth.installer.store;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.plinth.manifest.PluginManifest;
import java.nio.file.Path;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Computes a version's {@link BootFacts} when the store writes its index entry (after a commit,
 * rollback or uninstall, and on a rebuild), under the store lock. The runtime supplies it to the
 * store it opens; a store without one indexes manifests only.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface BootFactsProvider {
  /** The key of the check this provider runs now; entries whose facts carry another are recomputed. */
  String checkKey();

  /**
   * The facts of the version in {@code versionDir}, or empty when it has none (a class folder on
   * its classpath, a failed check): boot then takes the full path for it. Must not run plugin code
   * and must not throw.
   */
  Optional<BootFacts> compute(PluginManifest manifest, Path versionDir);
}
