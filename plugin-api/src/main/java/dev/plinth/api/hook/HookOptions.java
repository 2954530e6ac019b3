package dev.plinth.api.hook;

import static org.apiguardian.api.API.Status.STABLE;

import java.time.Duration;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * How one handler runs. Unset values fall back to the operator's policy in the manifest's
 * {@code [[plugin.hooks]]}, then to the point's and the dispatcher's defaults.
 *
 * @param priority higher runs first; ties by plugin id, then registration order
 * @param timeout per-call timeout, or null for the default (1500 ms)
 * @param failure failure policy, or null for the point's default
 * @param mode inline or isolated execution
 */
@API(status = STABLE, since = "0.1")
public record HookOptions(
    int priority, @Nullable Duration timeout, @Nullable FailurePolicy failure, ExecutionMode mode) {

  /** Priority 0, default timeout and policy, isolated. */
  public static final HookOptions DEFAULTS = new HookOptions(0, null, null, ExecutionMode.ISOLATED);

  public HookOptions {
    if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
      throw new IllegalArgumentException("timeout must be > 0: " + timeout);
    }
    java.util.Objects.requireNonNull(mode, "mode");
  }

  public HookOptions withPriority(int priority) {
    return new HookOptions(priority, timeout, failure, mode);
  }

  public HookOptions withTimeout(Duration timeout) {
    return new HookOptions(priority, timeout, failure, mode);
  }

  public HookOptions withFailure(FailurePolicy failure) {
    return new HookOptions(priority, timeout, failure, mode);
  }

  public HookOptions withMode(ExecutionMode mode) {
    return new HookOptions(priority, timeout, failure, mode);
  }

  public Optional<Duration> timeoutIfSet() {
    return Optional.ofNullable(timeout);
  }

  public Optional<FailurePolicy> failureIfSet() {
    return Optional.ofNullable(failure);
  }
}
