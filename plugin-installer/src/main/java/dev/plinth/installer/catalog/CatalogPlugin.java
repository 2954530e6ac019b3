package dev.plinth.installer.catalog;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.plinth.installer.trust.TrustMode;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * One plugin a catalog offers: its newest version across the sources, and what a person needs to
 * decide whether to install it.
 *
 * @param id the plugin id
 * @param name a display name (the manifest's, else the id)
 * @param description one line, possibly empty
 * @param latestVersion the newest version offered
 * @param installSource the source string that installs exactly this offer (e.g. {@code catalog:id@=1.2.0})
 * @param sourceName the catalog source that offers it ({@link CatalogSource#name()})
 * @param compatibility the preflight verdict against this host, before download
 * @param trust the trust tier under the policy
 * @param trustMode the policy's mode for this id ({@code require} refuses an unsigned install)
 * @param installedVersion the version installed now, or null
 * @param updateAvailable true when installed and {@code latestVersion} is newer
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record CatalogPlugin(
    String id,
    String name,
    String description,
    String latestVersion,
    String installSource,
    String sourceName,
    CompatibilityVerdict compatibility,
    TrustTier trust,
    TrustMode trustMode,
    @Nullable String installedVersion,
    boolean updateAvailable) {
  public CatalogPlugin {
    requireNonNull(id, "id");
    requireNonNull(name, "name");
    requireNonNull(description, "description");
    requireNonNull(latestVersion, "latestVersion");
    requireNonNull(installSource, "installSource");
    requireNonNull(sourceName, "sourceName");
    requireNonNull(compatibility, "compatibility");
    requireNonNull(trust, "trust");
    requireNonNull(trustMode, "trustMode");
  }
}
