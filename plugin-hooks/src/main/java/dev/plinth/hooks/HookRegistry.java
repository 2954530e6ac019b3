package dev.plinth.hooks;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import dev.plinth.api.hook.HookPoint;
import dev.plinth.api.hook.HookRegistration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Holds the handlers of every hook point. Reads dominate, so it is copy-on-write: each point maps
 * to an immutable array already sorted in dispatch order (priority descending, then plugin id,
 * then registration order), and a dispatch takes that array once and runs it without a lock.
 * Writers serialise on one lock and publish a new array; a dispatch that already started keeps
 * the array it took. A point nobody handles has no entry, so dispatching it costs one map lookup.
 *
 * <p>Thread-safe. Plugins never see this type: they get a {@link PluginHookRegistrar} from
 * {@link #registrarFor}, which can register (and remove its own handlers) but cannot dispatch.
 */
@API(status = STABLE, since = "0.1")
public final class HookRegistry {
  private static final RegisteredHandler<?>[] NONE = new RegisteredHandler<?>[0];

  /** Point name to its chain. Read without locks; replaced only under {@link #writeLock}. */
  private final ConcurrentHashMap<String, Chain> chains = new ConcurrentHashMap<>();

  private final ConcurrentHashMap<String, PluginSlot> slots = new ConcurrentHashMap<>();
  private final AtomicLong sequence = new AtomicLong();
  /** Stand-ins registered with {@link #registerDeferred} and not removed; dispatches skip the scan at 0. */
  private volatile int deferred;
  private final Object writeLock = new Object();

  private HookRegistry() {}

  /** An empty registry. */
  public static HookRegistry create() {
    return new HookRegistry();
  }

  /**
   * Registers a handler. The returned handle removes it; dispatches already running still call it.
   *
   * @throws HookException {@code HANDLER_DUPLICATE} when this plugin already registered this very
   *     handler for this point; {@code HOOK_POINT_CONFLICT} when another point with the same name
   *     but a different data type is registered
   */
  public <T> HookRegistration register(HandlerSpec<T> spec) {
    return add(spec, null);
  }

  /**
   * Registers a stand-in for a plugin that is not started yet (lazy activation). Before a dispatch
   * of the stand-in's point runs its chain, the dispatcher runs {@code activation} on the caller's
   * thread; it is expected to start the plugin (whose own handlers then register) and to remove this
   * stand-in, and must be idempotent and not throw. The dispatch then takes the point's chain again.
   * A stand-in still registered at that moment (the activation failed) runs as an ordinary handler
   * with the spec's options, so the point's failure policy applies to it.
   */
  public <T> HookRegistration registerDeferred(HandlerSpec<T> standIn, Runnable activation) {
    requireNonNull(activation, "activation");
    return add(standIn, null, activation);
  }

  /** Whether any stand-in is registered (a dispatch then looks for stand-ins in its chain). */
  boolean hasDeferred() {
    return deferred > 0;
  }

  /**
   * Removes every handler of a plugin, on every point, in one step (a plugin stopping).
   *
   * @return how many handlers were removed
   */
  public int unregisterAll(String pluginId) {
    requireNonNull(pluginId, "pluginId");
    return removeWhere(h -> h.pluginId.equals(pluginId));
  }

  /**
   * A plugin's own view: it registers handlers under {@code pluginId} with {@code loader} as their
   * context classloader, each request first passing {@code policy} (declared points, the operator's
   * priority/timeout/failure), and it cannot dispatch.
   */
  public PluginHookRegistrar registrarFor(String pluginId, ClassLoader loader, RegistrationPolicy policy) {
    return new PluginHookRegistrar(this, pluginId, loader, policy);
  }

  /** The handlers of a point in dispatch order. */
  public List<HandlerInfo> handlers(HookPoint<?> point) {
    Chain chain = chains.get(point.name());
    if (chain == null) {
      return List.of();
    }
    List<HandlerInfo> out = new ArrayList<>(chain.handlers.length);
    for (RegisteredHandler<?> h : chain.handlers) {
      out.add(h.info());
    }
    return List.copyOf(out);
  }

  /** How many handlers are registered, over all points. */
  public int size() {
    int n = 0;
    for (Chain c : chains.values()) {
      n += c.handlers.length;
    }
    return n;
  }

  /**
   * The current chain of a point, never null. The array is shared and must not be modified.
   *
   * @throws HookException {@code HOOK_POINT_CONFLICT} when the registered point of that name has
   *     another data type
   */
  RegisteredHandler<?>[] snapshot(HookPoint<?> point) {
    Chain chain = chains.get(point.name());
    if (chain == null) {
      return NONE;
    }
    if (chain.point != point && chain.point.type() != point.type()) {
      throw conflict(chain.point, point);
    }
    return chain.handlers;
  }

  <T> RegisteredHandler<T> add(HandlerSpec<T> spec, @Nullable Object owner) {
    return add(spec, owner, null);
  }

  private <T> RegisteredHandler<T> add(HandlerSpec<T> spec, @Nullable Object owner, @Nullable Runnable activation) {
    requireNonNull(spec, "spec");
    PluginSlot slot = slots.computeIfAbsent(spec.pluginId(), PluginSlot::new);
    synchronized (writeLock) {
      Chain chain = chains.get(spec.point().name());
      RegisteredHandler<?>[] current = NONE;
      if (chain != null) {
        if (chain.point.type() != spec.point().type()) {
          throw conflict(chain.point, spec.point());
        }
        current = chain.handlers;
        for (RegisteredHandler<?> h : current) {
          if (h.handler == spec.handler() && h.pluginId.equals(spec.pluginId())) {
            throw new HookException(
                HookErrorCode.HANDLER_DUPLICATE,
                "handler must be registered once per point and plugin: "
                    + spec.pluginId() + " on " + spec.point().name(),
                "keep the HookRegistration from the first register call instead of registering again",
                Map.of("pluginId", spec.pluginId(), "point", spec.point().name()));
          }
        }
      }
      RegisteredHandler<T> added =
          new RegisteredHandler<>(sequence.incrementAndGet(), spec, slot, owner, activation, this);
      if (activation != null) {
        deferred++;
      }
      int at = Arrays.binarySearch(current, added, RegisteredHandler.ORDER);
      int insert = at >= 0 ? at + 1 : -at - 1;
      RegisteredHandler<?>[] next = new RegisteredHandler<?>[current.length + 1];
      System.arraycopy(current, 0, next, 0, insert);
      next[insert] = added;
      System.arraycopy(current, insert, next, insert + 1, current.length - insert);
      chains.put(spec.point().name(), new Chain(chain != null ? chain.point : spec.point(), next));
      return added;
    }
  }

  void remove(RegisteredHandler<?> handler) {
    synchronized (writeLock) {
      Chain chain = chains.get(handler.point.name());
      if (chain == null) {
        return;
      }
      RegisteredHandler<?>[] next =
          Arrays.stream(chain.handlers).filter(h -> h != handler).toArray(RegisteredHandler<?>[]::new);
      if (next.length != chain.handlers.length && handler.activation != null) {
        deferred--;
      }
      publish(chain, next);
    }
  }

  int removeWhere(java.util.function.Predicate<RegisteredHandler<?>> doomed) {
    int removed = 0;
    synchronized (writeLock) {
      for (Chain chain : List.copyOf(chains.values())) {
        List<RegisteredHandler<?>> keep = new ArrayList<>(chain.handlers.length);
        for (RegisteredHandler<?> h : chain.handlers) {
          if (doomed.test(h)) {
            h.deactivate();
            removed++;
            if (h.activation != null) {
              deferred--;
            }
          } else {
            keep.add(h);
          }
        }
        if (keep.size() != chain.handlers.length) {
          publish(chain, keep.toArray(RegisteredHandler<?>[]::new));
        }
      }
    }
    return removed;
  }

  private void publish(Chain old, RegisteredHandler<?>[] next) {
    if (next.length == 0) {
      chains.remove(old.point.name(), old);
    } else {
      chains.put(old.point.name(), new Chain(old.point, next));
    }
  }

  private static HookException conflict(HookPoint<?> registered, HookPoint<?> other) {
    return new HookException(
        HookErrorCode.HOOK_POINT_CONFLICT,
        "point data type must match the registered point " + registered.name() + ": "
            + other.type().getName() + " (registered: " + registered.type().getName() + ")",
        "declare each hook point once, as a constant, and use that constant everywhere",
        Map.of("point", registered.name(), "value", other.type().getName()));
  }

  /** A point and its handlers in dispatch order; the array is never modified after publication. */
  private static final class Chain {
    final HookPoint<?> point;
    final RegisteredHandler<?>[] handlers;

    Chain(HookPoint<?> point, RegisteredHandler<?>[] handlers) {
      this.point = point;
      this.handlers = handlers;
    }
  }
}
