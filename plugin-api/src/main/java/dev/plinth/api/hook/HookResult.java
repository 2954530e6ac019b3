package dev.plinth.api.hook;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * What a handler decided. A sealed type, so a {@code switch} covers every case.
 *
 * @param <T> the point's data type
 */
@API(status = STABLE, since = "0.1")
public sealed interface HookResult<T>
    permits HookResult.Continue, HookResult.Unchanged, HookResult.Block {

  /** Continue with proposed data; the point's merge decides which changes apply. */
  record Continue<T>(T data) implements HookResult<T> {
    public Continue {
      requireNonNull(data, "data");
    }
  }

  /** Continue without changing anything. */
  record Unchanged<T>() implements HookResult<T> {}

  /** Stop the operation (only where the point is blockable). */
  record Block<T>(String reason) implements HookResult<T> {
    public Block {
      requireNonNull(reason, "reason");
    }
  }

  static <T> HookResult<T> proceed(T data) {
    return new Continue<>(data);
  }

  @SuppressWarnings("unchecked")
  static <T> HookResult<T> unchanged() {
    return (HookResult<T>) UnchangedHolder.INSTANCE;
  }

  static <T> HookResult<T> block(String reason) {
    return new Block<>(reason);
  }
}

final class UnchangedHolder {
  static final HookResult.Unchanged<Object> INSTANCE = new HookResult.Unchanged<>();

  private UnchangedHolder() {}
}
