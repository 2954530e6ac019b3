package dev.plinth.installer.store;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import org.apiguardian.api.API;

/**
 * What {@link PluginStore#installFromLock} did.
 *
 * @param outcomes one outcome per lock entry, in the order they were applied
 * @param extraneous installed plugins the lock file does not list; left installed (removing a
 *     plugin is always an explicit {@code uninstall})
 */
@API(status = STABLE, since = "0.1")
public record LockSyncResult(List<InstallOutcome> outcomes, List<String> extraneous) {
  public LockSyncResult {
    outcomes = List.copyOf(outcomes);
    extraneous = List.copyOf(extraneous);
  }

  /** True when every entry is installed exactly as locked. */
  public boolean succeeded() {
    return outcomes.stream().allMatch(InstallOutcome::succeeded);
  }
}
