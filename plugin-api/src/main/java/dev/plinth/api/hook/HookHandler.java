package dev.plinth.api.hook;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * Handles one hook point. Return {@link HookResult#unchanged()} to observe,
 * {@link HookResult#proceed(Object)} to propose changed data (only the point's allowed fields are
 * applied), or {@link HookResult#block(String)} to stop the operation where the point allows it.
 *
 * <p>A handler that throws or outlives its timeout is handled by the point's failure policy; it
 * should honour thread interruption so a timed-out call can end early.
 */
@API(status = STABLE, since = "0.1")
@FunctionalInterface
public interface HookHandler<T> {
  HookResult<T> handle(HookContext<T> context) throws Exception;
}
