package dev.plinth.installer.store;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import dev.plinth.installer.SignatureVerdict;
import dev.plinth.manifest.CapabilityReport;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * One installed plugin as {@link PluginStore#list()} and {@link PluginStore#info} report it.
 *
 * @param id the plugin id
 * @param currentVersion the version {@code current} points at, or null when it dangles (see the doctor)
 * @param versions every kept version, newest install first
 * @param state the operator state from {@code state.json}
 */
@API(status = STABLE, since = "0.1")
public record PluginInfo(String id, @Nullable String currentVersion, List<Version> versions, PluginState state) {
  public PluginInfo {
    requireNonNull(id, "id");
    versions = List.copyOf(versions);
    requireNonNull(state, "state");
  }

  /** The current version's details. */
  public Optional<Version> current() {
    return versions.stream().filter(Version::current).findFirst();
  }

  /**
   * One kept version.
   *
   * @param version the version
   * @param current whether {@code current} points here
   * @param source the source string it was installed from
   * @param archiveSha256 the archive digest, or null for a local folder
   * @param treeSha256 the digest over every extracted file
   * @param signature the signature verdict at install time
   * @param installedAt when it was committed
   * @param dependencies the plugin dependencies it declared (id to range)
   * @param audit the capability audit of its code at install time, or null when none ran
   */
  public record Version(
      String version,
      boolean current,
      String source,
      @Nullable String archiveSha256,
      String treeSha256,
      SignatureVerdict signature,
      Instant installedAt,
      Map<String, String> dependencies,
      @Nullable CapabilityReport audit) {
    public Version {
      requireNonNull(version, "version");
      requireNonNull(source, "source");
      requireNonNull(treeSha256, "treeSha256");
      requireNonNull(signature, "signature");
      requireNonNull(installedAt, "installedAt");
      dependencies = Map.copyOf(dependencies);
    }
  }
}
