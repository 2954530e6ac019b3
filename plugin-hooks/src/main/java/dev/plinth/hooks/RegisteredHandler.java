package dev.plinth.hooks;

import dev.plinth.api.hook.ExecutionMode;
import dev.plinth.api.hook.FailurePolicy;
import dev.plinth.api.hook.HookHandler;
import dev.plinth.api.hook.HookPoint;
import dev.plinth.api.hook.HookRegistration;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/** One registration, as stored in the registry's snapshots. Immutable except its active flag. */
final class RegisteredHandler<T> implements HookRegistration {
  /** Dispatch order: priority descending, then plugin id, then registration order. */
  static final Comparator<RegisteredHandler<?>> ORDER =
      Comparator.<RegisteredHandler<?>>comparingInt(h -> -h.priority)
          .thenComparing(h -> h.pluginId)
          .thenComparingLong(h -> h.id);

  final long id;
  final String pluginId;
  final HookPoint<T> point;
  final HookHandler<T> handler;
  final ClassLoader loader;
  final int priority;
  /** The handler's own timeout in nanoseconds, or 0 for the dispatcher's default. */
  final long timeoutNanos;
  final @Nullable FailurePolicy failure;
  final ExecutionMode mode;
  final PluginSlot slot;
  final @Nullable Object owner;
  /** For a stand-in of a plugin not started yet: starts it (see {@link HookRegistry#registerDeferred}). */
  final @Nullable Runnable activation;
  private final HookRegistry registry;
  private final AtomicBoolean active = new AtomicBoolean(true);

  RegisteredHandler(long id, HandlerSpec<T> spec, PluginSlot slot, @Nullable Object owner, HookRegistry registry) {
    this(id, spec, slot, owner, null, registry);
  }

  RegisteredHandler(
      long id, HandlerSpec<T> spec, PluginSlot slot, @Nullable Object owner, @Nullable Runnable activation,
      HookRegistry registry) {
    this.id = id;
    this.pluginId = spec.pluginId();
    this.point = spec.point();
    this.handler = spec.handler();
    this.loader = spec.loader();
    this.priority = spec.options().priority();
    this.timeoutNanos = spec.options().timeoutIfSet().map(d -> d.toNanos()).orElse(0L);
    this.failure = spec.options().failure();
    this.mode = spec.options().mode();
    this.slot = slot;
    this.owner = owner;
    this.activation = activation;
    this.registry = registry;
  }

  @Override
  public HookPoint<?> point() {
    return point;
  }

  @Override
  public String pluginId() {
    return pluginId;
  }

  @Override
  public boolean isActive() {
    return active.get();
  }

  @Override
  public void unregister() {
    if (active.compareAndSet(true, false)) {
      registry.remove(this);
    }
  }

  /** Marks it inactive without touching the snapshots (the registry is removing it in bulk). */
  boolean deactivate() {
    return active.compareAndSet(true, false);
  }

  HandlerInfo info() {
    return new HandlerInfo(
        point.name(),
        pluginId,
        id,
        priority,
        timeoutNanos == 0 ? null : java.time.Duration.ofNanos(timeoutNanos),
        failure,
        mode);
  }

  @Override
  public String toString() {
    return "RegisteredHandler[" + point.name() + " " + pluginId + "#" + id + " priority=" + priority + "]";
  }
}
