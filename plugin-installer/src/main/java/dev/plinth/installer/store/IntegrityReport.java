package dev.plinth.installer.store;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import java.nio.file.Path;
import java.util.List;
import org.apiguardian.api.API;

/**
 * What {@link StoreIntegrity#check} found: every problem, not just the first.
 *
 * @param home the home checked
 * @param pluginsChecked how many plugin folders were looked at
 * @param problems every problem found; empty when the store is consistent
 */
@API(status = STABLE, since = "0.1")
public record IntegrityReport(Path home, int pluginsChecked, List<Problem> problems) {
  public IntegrityReport {
    requireNonNull(home, "home");
    problems = List.copyOf(problems);
  }

  public boolean ok() {
    return problems.isEmpty();
  }

  /**
   * One problem.
   *
   * @param code what kind
   * @param pluginId the plugin concerned, empty for store-wide problems
   * @param path the file or folder concerned, relative to the home
   * @param message what is wrong, naming the value
   * @param nextStep how to fix it
   */
  public record Problem(IntegrityCode code, String pluginId, String path, String message, String nextStep) {
    public Problem {
      requireNonNull(code, "code");
      requireNonNull(pluginId, "pluginId");
      requireNonNull(path, "path");
      requireNonNull(message, "message");
      requireNonNull(nextStep, "nextStep");
    }
  }
}
