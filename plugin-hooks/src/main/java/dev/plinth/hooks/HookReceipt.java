package dev.plinth.hooks;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import java.time.Duration;
import java.util.List;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * What happened in one handler call, for the host, the crash guard, metrics and the event log.
 * Immutable.
 *
 * @param point the hook point name
 * @param pluginId the plugin that owns the handler
 * @param handlerId the registration's id (unique within a registry; registration order)
 * @param scopeId the dispatch scope's id ({@code ""} when none)
 * @param status how the call ended
 * @param durationNanos wall time from the start of the call until the dispatcher moved on
 * @param mutated whether the handler's changes altered the data
 * @param changedFields fields the handler changed (applied)
 * @param refusedFields fields the handler tried to change but may not (not applied)
 * @param errorType class name of the error, for {@code ERROR} (and a timed-out inline call: none)
 * @param errorMessage the error's message, if any
 * @param detail block reason, skip reason, {@code "block refused: point not blockable"}, or what
 *     the failure policy did
 * @param stillRunning for {@code TIMEOUT}: the abandoned call had started and may still be running
 * @param cpuNanos CPU time the handler's thread spent in the call, or -1 when not measured: only
 *     isolated calls that completed on a platform thread are measured, where the JVM supports
 *     per-thread CPU time (it does not measure virtual threads)
 */
@API(status = STABLE, since = "0.1")
public record HookReceipt(
    String point,
    String pluginId,
    long handlerId,
    String scopeId,
    ReceiptStatus status,
    long durationNanos,
    boolean mutated,
    List<String> changedFields,
    List<String> refusedFields,
    @Nullable String errorType,
    @Nullable String errorMessage,
    @Nullable String detail,
    boolean stillRunning,
    long cpuNanos) {

  public HookReceipt {
    requireNonNull(point, "point");
    requireNonNull(pluginId, "pluginId");
    requireNonNull(scopeId, "scopeId");
    requireNonNull(status, "status");
    changedFields = List.copyOf(changedFields);
    refusedFields = List.copyOf(refusedFields);
  }

  /** A receipt without a CPU time measurement. */
  public HookReceipt(String point, String pluginId, long handlerId, String scopeId, ReceiptStatus status,
      long durationNanos, boolean mutated, List<String> changedFields, List<String> refusedFields,
      @Nullable String errorType, @Nullable String errorMessage, @Nullable String detail, boolean stillRunning) {
    this(point, pluginId, handlerId, scopeId, status, durationNanos, mutated, changedFields, refusedFields, errorType,
        errorMessage, detail, stillRunning, -1);
  }

  /** The call's duration. */
  public Duration duration() {
    return Duration.ofNanos(durationNanos);
  }
}
