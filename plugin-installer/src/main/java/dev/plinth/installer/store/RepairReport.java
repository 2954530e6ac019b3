package dev.plinth.installer.store;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.nio.file.Path;
import java.util.List;
import org.apiguardian.api.API;

/**
 * What {@link PluginStore#repair()} did, and the integrity check of the home afterwards.
 *
 * @param home the home repaired
 * @param actions every finding of every step, in the order the steps ran
 * @param after {@link StoreIntegrity#check} of the home once every step ran
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record RepairReport(Path home, List<RepairAction> actions, IntegrityReport after) {
  public RepairReport {
    requireNonNull(home, "home");
    actions = List.copyOf(actions);
    requireNonNull(after, "after");
  }

  /** True when every finding was repaired and the home checks clean afterwards. */
  public boolean ok() {
    return after.ok() && actions.stream().allMatch(RepairAction::repaired);
  }
}
