package dev.plinth.runtime;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import dev.plinth.installer.store.IntegrityReport;
import dev.plinth.runtime.guard.GuardState;
import dev.plinth.runtime.leak.LeakReport;
import java.util.List;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The doctor's findings for one plugin.
 *
 * @param id the plugin id
 * @param currentVersion the current version, or null when the pointer dangles
 * @param versions every kept version
 * @param enabled whether the operator enabled it
 * @param loadState where it stands in this process
 * @param lastError the last failure seen in this process, or null
 * @param permissions the current version's declared permissions, one {@code kind=value} per entry
 * @param permissionsAcknowledged whether they are acknowledged (true when none are declared)
 * @param crashGuard the crash guard's counters for it
 * @param leaks loaders of this plugin that were not collected after an unload in this process
 * @param integrity file problems of its current version (re-hashed against {@code .install.json})
 *     and of its folder (missing records, dangling pointer)
 * @param builtin true for a host-classpath plugin
 * @param audited whether the current version's code was audited for capabilities at install
 * @param capabilities one line per capability its code uses, with the count and first call site
 */
@API(status = STABLE, since = "0.1")
public record PluginDiagnosis(
    String id,
    @Nullable String currentVersion,
    List<String> versions,
    boolean enabled,
    LoadState loadState,
    @Nullable String lastError,
    List<String> permissions,
    boolean permissionsAcknowledged,
    GuardState crashGuard,
    List<LeakReport> leaks,
    List<IntegrityReport.Problem> integrity,
    boolean builtin,
    boolean audited,
    List<String> capabilities) {
  public PluginDiagnosis {
    requireNonNull(id, "id");
    versions = List.copyOf(versions);
    requireNonNull(loadState, "loadState");
    permissions = List.copyOf(permissions);
    requireNonNull(crashGuard, "crashGuard");
    leaks = List.copyOf(leaks);
    integrity = List.copyOf(integrity);
    capabilities = List.copyOf(capabilities);
  }

  /** True when nothing needs an operator's attention. */
  public boolean ok() {
    return integrity.isEmpty() && leaks.isEmpty()
        && loadState != LoadState.FAILED && loadState != LoadState.AUTO_DISABLED;
  }
}
