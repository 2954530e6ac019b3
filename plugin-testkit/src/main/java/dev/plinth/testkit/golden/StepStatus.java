package dev.plinth.testkit.golden;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/** How a golden step or matrix cell ended. */
@API(status = EXPERIMENTAL, since = "0.1")
public enum StepStatus {
  /** Everything it checked held. */
  PASSED,
  /** At least one check failed; the detail says which. */
  FAILED,
  /** Not run, because a step it needs failed; the detail names it. */
  SKIPPED
}
