package dev.plinth.testkit.golden;

import java.util.List;

/** A check in a golden step did not hold; the message lists what was found. */
final class StepFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  StepFailure(String message) {
    super(message, null, false, false);
  }

  static void require(boolean condition, String message) {
    if (!condition) {
      throw new StepFailure(message);
    }
  }

  static void requireNone(List<String> problems) {
    if (!problems.isEmpty()) {
      throw new StepFailure(String.join("; ", problems));
    }
  }
}
