package dev.plinth.installer.store;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.nio.file.Path;
import java.util.List;
import org.apiguardian.api.API;

/**
 * One step of {@link PluginStore#repair()}: finds what it owns under the home that is damaged and
 * rebuilds it where the truth can be recovered from the files on disk. Steps run one after the
 * other under the store lock, after interrupted transactions were recovered; the store's own
 * steps run first, then those given to {@link PluginStoreBuilder#repairStep}, in the order given.
 *
 * <p>A step reports every finding, repaired or not, and never throws for a damaged file: a file
 * it cannot rebuild is a {@link RepairAction} with {@code repaired == false} and a next step.
 */
@API(status = EXPERIMENTAL, since = "0.1")
@FunctionalInterface
public interface RepairStep {
  /** Repairs what this step owns under {@code home}; an empty list when all is well. */
  List<RepairAction> repair(Path home);
}
