package dev.plinth.runtime;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import dev.plinth.installer.SignatureVerdict;
import java.util.List;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * One plugin as a host UI or the command line shows it: what the store holds (versions, source,
 * signature), what the operator decided (enabled, permissions acknowledged) and what this process
 * did with it (load state, last error). Immutable; serialises to JSON with Jackson.
 *
 * @param id the plugin id
 * @param currentVersion the current version, or null when the store's pointer dangles
 * @param versions every kept version, newest install first (for a builtin: its one version)
 * @param enabled whether the operator enabled it (builtins: true unless disabled in this process)
 * @param permissionsAcknowledged whether the current version's declared permissions are
 *     acknowledged (true when it declares none)
 * @param loadState where it stands in this process
 * @param lastError the last load, start, health or hook failure seen in this process, or null
 * @param signature the current version's signature verdict at install time, or null (builtins)
 * @param source the source string the current version came from, or null (builtins)
 * @param builtin true for a host-classpath plugin registered with {@link PluginSystem.Builder#builtin}
 */
@API(status = STABLE, since = "0.1")
public record PluginStatus(
    String id,
    @Nullable String currentVersion,
    List<String> versions,
    boolean enabled,
    boolean permissionsAcknowledged,
    LoadState loadState,
    @Nullable String lastError,
    @Nullable SignatureVerdict signature,
    @Nullable String source,
    boolean builtin) {
  public PluginStatus {
    requireNonNull(id, "id");
    versions = List.copyOf(versions);
    requireNonNull(loadState, "loadState");
  }

  /** True when it is loaded and started. */
  public boolean started() {
    return loadState == LoadState.STARTED;
  }

  /** True when its classloader exists, i.e. it is loaded and started (a deferred plugin is not). */
  public boolean loaded() {
    return loadState == LoadState.STARTED;
  }
}
