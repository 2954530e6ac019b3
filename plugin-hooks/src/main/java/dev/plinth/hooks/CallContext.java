package dev.plinth.hooks;

import dev.plinth.api.hook.HookContext;
import dev.plinth.api.hook.HookPoint;
import dev.plinth.api.hook.HookScope;
import java.time.Duration;

/** What one handler call sees. Immutable; one per call, so an abandoned call keeps its own view. */
final class CallContext<T> implements HookContext<T> {
  private final HookPoint<T> point;
  private final T data;
  private final HookScope scope;
  private final String pluginId;
  private final long deadlineNanos;

  CallContext(HookPoint<T> point, T data, HookScope scope, String pluginId, long deadlineNanos) {
    this.point = point;
    this.data = data;
    this.scope = scope;
    this.pluginId = pluginId;
    this.deadlineNanos = deadlineNanos;
  }

  @Override
  public HookPoint<T> point() {
    return point;
  }

  @Override
  public T data() {
    return data;
  }

  @Override
  public HookScope scope() {
    return scope;
  }

  @Override
  public String pluginId() {
    return pluginId;
  }

  @Override
  public Duration remaining() {
    return Duration.ofNanos(Math.max(0L, deadlineNanos - System.nanoTime()));
  }
}
