package dev.plinth.runtime;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import dev.plinth.installer.store.IntegrityReport;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The doctor's findings for the store as a whole, from its integrity check.
 *
 * @param home the plugin home
 * @param interruptedTransactions journals left by transactions that did not finish
 * @param orphans entries left in {@code staging/} and version folders without an install record
 * @param danglingPointers {@code current} pointers that are missing or name a missing version
 * @param other the remaining store-wide problems ({@code plinth.lock}, {@code state.json})
 */
@API(status = STABLE, since = "0.1")
public record StoreDiagnosis(
    String home,
    List<IntegrityReport.Problem> interruptedTransactions,
    List<IntegrityReport.Problem> orphans,
    List<IntegrityReport.Problem> danglingPointers,
    List<IntegrityReport.Problem> other) {
  public StoreDiagnosis {
    requireNonNull(home, "home");
    interruptedTransactions = List.copyOf(interruptedTransactions);
    orphans = List.copyOf(orphans);
    danglingPointers = List.copyOf(danglingPointers);
    other = List.copyOf(other);
  }

  public boolean ok() {
    return interruptedTransactions.isEmpty() && orphans.isEmpty() && danglingPointers.isEmpty() && other.isEmpty();
  }
}
