package dev.plinth.installer;

import static org.apiguardian.api.API.Status.STABLE;

import dev.plinth.manifest.HostProfile;
import java.nio.file.Path;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The front half of an install: resolve, preflight, download, verify and extract a source into a
 * staging folder. The store's transaction calls it, then takes the {@link StagedBundle} from
 * there.
 */
@API(status = STABLE, since = "0.1")
@FunctionalInterface
public interface BundleStager {

  /**
   * Stages a bundle.
   *
   * @param request what to install
   * @param stagingDir an empty folder {@code <home>/staging/<tx>/} for this transaction
   * @param host the host profile preflight checks against (installed plugins included)
   * @param progress progress callbacks
   * @throws InstallException typed, with the phase, on any failure; nothing is left in stagingDir
   *     but what the caller cleans up
   */
  StagedBundle stage(InstallRequest request, Path stagingDir, HostProfile host, ProgressListener progress);

  /**
   * The version {@code request}'s source offers for {@code pluginId} when the source tells it
   * without its archive (a GitHub release's manifest, a Maven repository's coordinates or metadata,
   * a catalog entry); empty when only the archive tells (a URL, a local archive or folder), or when
   * the source names another plugin (staging then reports the mismatch). Used by {@code
   * checkUpdates}, which stages only when this is empty. The default knows nothing.
   *
   * @throws InstallException when the source cannot be resolved
   */
  default Optional<String> resolveVersion(String pluginId, InstallRequest request) {
    return Optional.empty();
  }
}
