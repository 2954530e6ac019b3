package dev.plinth.installer.catalog;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.plinth.installer.store.InstallOutcome;
import java.util.List;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * How one catalog source answered.
 *
 * @param source the source's name ({@link CatalogSource#name()})
 * @param kind the source's kind ({@link CatalogSource#kind()})
 * @param plugins how many plugins it offered
 * @param millis how long it took
 * @param error why it failed as a whole (code, message, next step), or null when it answered
 * @param warnings entries it skipped, each with the reason (one bad repository of a GitHub listing)
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record SourceStatus(String source, String kind, int plugins, long millis,
    InstallOutcome.@Nullable Cause error, List<String> warnings) {
  public SourceStatus {
    requireNonNull(source, "source");
    requireNonNull(kind, "kind");
    warnings = List.copyOf(warnings);
  }

  /** True when the source answered (possibly with warnings). */
  public boolean ok() {
    return error == null;
  }
}
