package dev.plinth.hooks;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of one dispatch. Immutable.
 *
 * @param data the data after every applied change (the input when nothing changed)
 * @param blocked whether the host must not carry on with the operation
 * @param blockedBy the plugin that blocked (by a block result or by its fail-closed policy)
 * @param blockReason why, as the handler or the dispatcher put it
 * @param receipts one receipt per handler the chain reached, in dispatch order; handlers after a
 *     stop (block, fail-closed) have none
 */
@API(status = STABLE, since = "0.1")
public record DispatchResult<T>(
    T data,
    boolean blocked,
    @Nullable String blockedBy,
    @Nullable String blockReason,
    List<HookReceipt> receipts) {

  public DispatchResult {
    requireNonNull(data, "data");
    receipts = receipts instanceof ReceiptList ? receipts : List.copyOf(receipts);
    if (blocked && (blockedBy == null || blockReason == null)) {
      throw new IllegalArgumentException("blocked result must name blockedBy and blockReason");
    }
  }

  /** A pass-through result: no handler ran. */
  static <T> DispatchResult<T> passThrough(T data) {
    return new DispatchResult<>(data, false, null, null, List.of());
  }

  /** The blocking plugin, when blocked. */
  public Optional<String> blockingPlugin() {
    return Optional.ofNullable(blockedBy);
  }
}
