package dev.plinth.runtime.lifecycle;

import dev.plinth.api.hook.HookRegistration;
import dev.plinth.manifest.PluginManifest;
import dev.plinth.runtime.PluginRuntimeException;
import dev.plinth.runtime.RuntimeErrorCode;
import dev.plinth.runtime.context.HookWiring;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * Plugins registered for lazy activation: their declared hook points hold stand-ins and their
 * declared extension interfaces are remembered, without a loader. The first dispatch to one of
 * those points or the first lookup of one of those interfaces starts the plugin (its dependencies
 * first) through {@code start}, once: concurrent first callers wait for that one activation and
 * then see its outcome. A failed activation leaves the stand-ins in place, failing with its error,
 * so each hook point's failure policy applies; it is not retried until the plugin is deferred again.
 *
 * <p>Thread-safe: the pending map is concurrent, and an activation runs under the runtime's
 * lifecycle lock ({@link Lifecycle}), which a boot also holds while it activates a lazy
 * dependency: one lock, taken in one order. Where the lock's owner waits for the plugin call that
 * asked for the activation, it runs the activation itself (see {@code Mailbox}).
 */
final class LazyPlugins {
  /** Starts a pending plugin for a trigger, under the lifecycle lock; throws its load or start failure. */
  interface Starter extends BiConsumer<BootCandidate, String> {}

  /** The runtime's lifecycle lock, as activation uses it. */
  interface Lifecycle {
    /** Runs {@code work} holding the lock (on this thread, or on the owner's, see {@code LifecycleLock}). */
    void run(Runnable work);

    /** True when the lock's owner is waiting for a plugin call that runs on {@code thread}. */
    boolean awaits(Thread thread);
  }

  private final HookWiring hooks;
  private final Starter start;
  private final Lifecycle lifecycle;
  private final ConcurrentHashMap<String, Pending> pending = new ConcurrentHashMap<>();

  LazyPlugins(HookWiring hooks, Starter start, Lifecycle lifecycle) {
    this.hooks = hooks;
    this.start = start;
    this.lifecycle = lifecycle;
  }

  /** One plugin waiting for its first use. */
  private static final class Pending {
    final BootCandidate candidate;
    final List<HookRegistration> standIns = new ArrayList<>();
    /** Set under the lifecycle lock when its activation begins. */
    volatile boolean activating;
    /** Counted down once, under the lifecycle lock, when the activation is over. */
    final CountDownLatch finished = new CountDownLatch(1);
    volatile @Nullable PluginRuntimeException failure;

    boolean done() {
      return finished.getCount() == 0;
    }

    Pending(BootCandidate candidate) {
      this.candidate = candidate;
    }
  }

  /** Registers the plugin's stand-ins; replaces an earlier deferral of the same id. */
  void defer(BootCandidate c) {
    forget(c.id());
    Pending p = new Pending(c);
    registerStandIns(p);
    pending.put(c.id(), p);
  }

  private void registerStandIns(Pending p) {
    PluginManifest m = p.candidate.manifest();
    for (String point : m.contributes().hooks()) {
      hooks.defer(m, point, () -> activate(m.id(), "hook:" + point), () -> failureOf(p))
          .ifPresent(p.standIns::add);
    }
  }

  boolean isPending(String id) {
    return pending.containsKey(id);
  }

  /** Ids of plugins waiting for first use (a failed activation included). */
  Set<String> ids() {
    return Set.copyOf(pending.keySet());
  }

  Optional<String> version(String id) {
    Pending p = pending.get(id);
    return p == null ? Optional.empty() : Optional.of(p.candidate.manifest().version());
  }

  Optional<PluginRuntimeException> failure(String id) {
    Pending p = pending.get(id);
    return p == null ? Optional.empty() : Optional.ofNullable(p.failure);
  }

  /** Starts every pending plugin that declares {@code type} among its extensions, in id order. */
  void activateFor(Class<?> type) {
    if (pending.isEmpty()) {
      return;
    }
    String name = type.getName();
    pending.values().stream()
        .filter(p -> !p.done() && p.candidate.manifest().contributes().extensions().contains(name))
        .map(p -> p.candidate.id())
        .sorted(Comparator.naturalOrder())
        .forEach(id -> activate(id, "extension:" + name));
  }

  /**
   * Starts a pending plugin once; later and concurrent callers return when that activation is
   * over. Never throws: a failure is kept and reported by the stand-ins.
   */
  void activate(String id, String trigger) {
    Pending p = pending.get(id);
    if (p == null || p.done()) {
      return;
    }
    try {
      lifecycle.run(() -> activateHeld(id, trigger));
    } catch (PluginRuntimeException interrupted) {
      return; // this thread was interrupted before the activation ran: it stays deferred, the stand-ins report it
    }
    if (!p.done()) {
      // The lock's owner ran this while the activation was in progress further up its stack.
      if (lifecycle.awaits(Thread.currentThread())) {
        // ...and it waits for the very call this thread runs (the plugin's start, or a dependency's,
        // dispatched to the plugin): waiting would last until the start's timeout. The stand-ins
        // report it (failureOf), and the point's failure policy applies.
        return;
      }
      // Wait for that activation, as every concurrent first caller does.
      try {
        p.finished.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * {@link #activate}, with the lifecycle lock held: dependencies first, each plugin once. Returns
   * at once for a plugin whose activation is under way on this thread (the lock's owner running
   * work posted while it waits for that plugin's start).
   */
  private void activateHeld(String id, String trigger) {
    Pending p = pending.get(id);
    if (p == null || p.done() || p.activating) {
      return;
    }
    p.activating = true;
    try {
      for (String dep : p.candidate.manifest().dependencies().keySet()) {
        activateHeld(dep, trigger);
      }
      start.accept(p.candidate, trigger);
      pending.remove(id, p);
      p.standIns.forEach(HookRegistration::unregister);
    } catch (PluginRuntimeException e) {
      failed(p, e);
    } catch (RuntimeException e) {
      failed(p, new PluginRuntimeException(RuntimeErrorCode.START_FAILED, id,
          "plugin must activate on first use: " + e, "Check the event log for the plugin's start failure.",
          java.util.Map.of("trigger", trigger), e));
    } finally {
      p.finished.countDown();
    }
  }

  /**
   * Keeps the failure and puts the stand-ins back: undoing the failed start removed every handler
   * of the plugin, and the stand-ins must stay so that dispatches report the failure.
   */
  private void failed(Pending p, PluginRuntimeException e) {
    p.failure = e;
    p.standIns.forEach(HookRegistration::unregister);
    p.standIns.clear();
    registerStandIns(p);
  }

  /** Drops a pending plugin and its stand-ins (disabled, uninstalled, closing). */
  void forget(String id) {
    Pending p = pending.remove(id);
    if (p != null) {
      p.standIns.forEach(HookRegistration::unregister);
    }
  }

  void forgetAll() {
    List.copyOf(pending.keySet()).forEach(this::forget);
  }

  private static RuntimeException failureOf(Pending p) {
    PluginRuntimeException f = p.failure;
    if (f != null) {
      return f;
    }
    if (p.activating && !p.done()) {
      return new PluginRuntimeException(RuntimeErrorCode.START_FAILED, p.candidate.id(),
          "plugin must not be needed by its own activation: a start it waits for dispatched to a hook point of "
              + p.candidate.id(),
          "Dispatch to the plugin's hook points after its start returns (or from a thread the start does not wait"
              + " for), or make the plugin that dispatches depend on " + p.candidate.id() + ".");
    }
    return new PluginRuntimeException(RuntimeErrorCode.START_FAILED, p.candidate.id(),
        "plugin must be activated before its hooks run: " + p.candidate.id(),
        "Dispatch through the host's HookDispatcher, which activates lazy plugins first.");
  }
}
