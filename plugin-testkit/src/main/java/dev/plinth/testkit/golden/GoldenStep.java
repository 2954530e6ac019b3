package dev.plinth.testkit.golden;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.plinth.installer.Phase;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * One step of a golden run.
 *
 * @param name what the step did, e.g. {@code upgrade to 2.0.0} or {@code fail at health}
 * @param phase for a fault step, the install phase that was made to fail; else null
 * @param status how it ended
 * @param durationMillis how long it took
 * @param detail what it found: receipts, outcomes, or every check that failed
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record GoldenStep(String name, @Nullable Phase phase, StepStatus status, long durationMillis, String detail) {
  public GoldenStep {
    requireNonNull(name, "name");
    requireNonNull(status, "status");
    requireNonNull(detail, "detail");
    if (durationMillis < 0) {
      throw new IllegalArgumentException("durationMillis must be >= 0: " + durationMillis);
    }
  }

  /** Whether the step passed. */
  public boolean passed() {
    return status == StepStatus.PASSED;
  }
}
