package dev.plinth.testkit.golden;

import dev.plinth.installer.Phase;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** Times a step and turns its checks' failures, and any error, into a failed step. */
final class Steps {
  private Steps() {}

  static GoldenStep run(String name, @Nullable Phase phase, Supplier<String> body) {
    long t0 = System.nanoTime();
    StepStatus status;
    String detail;
    try {
      detail = body.get();
      status = StepStatus.PASSED;
    } catch (StepFailure e) {
      detail = String.valueOf(e.getMessage());
      status = StepStatus.FAILED;
    } catch (RuntimeException | AssertionError e) {
      detail = "threw " + e;
      status = StepStatus.FAILED;
    }
    return new GoldenStep(name, phase, status, (System.nanoTime() - t0) / 1_000_000, detail);
  }
}
