package dev.plinth.runtime;

import dev.plinth.api.ApiErrorCode;
import dev.plinth.api.ErrorCode;
import dev.plinth.api.PlinthException;
import dev.plinth.api.PluginDescriptor;
import dev.plinth.api.hook.FailurePolicy;
import dev.plinth.api.hook.HookHandler;
import dev.plinth.api.hook.HookOptions;
import dev.plinth.api.hook.HookPoint;
import dev.plinth.api.hook.HookRegistrar;
import dev.plinth.api.hook.HookRegistration;
import dev.plinth.hooks.HandlerSpec;
import dev.plinth.hooks.HookReceipt;
import dev.plinth.hooks.HookRegistry;
import dev.plinth.hooks.PluginHookRegistrar;
import dev.plinth.hooks.ReceiptListener;
import dev.plinth.hooks.ReceiptStatus;
import dev.plinth.hooks.RegistrationPolicy;
import dev.plinth.manifest.PluginManifest;
import dev.plinth.runtime.context.HookWiring;
import dev.plinth.runtime.lifecycle.PluginRuntime;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Connects the runtime to the system's one {@link HookRegistry}, both ways.
 *
 * <p>Into plugins ({@link HookWiring}): each plugin gets registrars from
 * {@link HookRegistry#registrarFor} whose policy is, in order: the point must be one the host
 * offers ({@code HOOK_POINT_UNKNOWN}), the manifest must list it in {@code contributes.hooks}
 * ({@code HOOK_NOT_DECLARED}), then the manifest's {@code [[plugin.hooks]]} priority,
 * {@code timeout_ms} and {@code failure} replace what the handler asked for, and third-party
 * handlers always run isolated (only builtins may run inline). The context loader of a handler is
 * the loader that defined its class (the plugin's). Unload closes the plugin's registrars.
 *
 * <p>Out of the dispatcher ({@link ReceiptListener}): {@code ERROR} and {@code TIMEOUT} receipts
 * of a loaded plugin count toward its crash guard and become its last error; {@code OK} clears the
 * count. Runs on the dispatcher's delivery thread.
 *
 * <p>Thread-safe.
 */
final class HookBridge implements HookWiring, ReceiptListener {
  private final HookRegistry registry;
  private final Set<String> hostPoints;
  private final Map<String, HookPoint<?>> points;
  private final Set<String> builtins;
  private final LoadTracker tracker;
  private final Map<String, PluginManifest> manifests = new ConcurrentHashMap<>();
  /** Per plugin, one registrar per loader its handlers come from (almost always exactly one). */
  private final Map<String, Map<ClassLoader, PluginHookRegistrar>> registrars = new ConcurrentHashMap<>();
  private volatile @Nullable PluginRuntime runtime;

  HookBridge(HookRegistry registry, Map<String, HookPoint<?>> hostPoints, Set<String> builtins, LoadTracker tracker) {
    this.registry = registry;
    this.points = Map.copyOf(hostPoints);
    this.hostPoints = Set.copyOf(hostPoints.keySet());
    this.builtins = Set.copyOf(builtins);
    this.tracker = tracker;
  }

  /** The runtime whose crash guard receipts feed (set once, right after it is built). */
  void attach(PluginRuntime runtime) {
    this.runtime = runtime;
  }

  /** Tells the bridge which manifest a plugin about to load has; its hook policy comes from it. */
  void expect(PluginManifest manifest) {
    manifests.put(manifest.id(), manifest);
  }

  @Override
  public HookRegistrar registrar(PluginDescriptor plugin) {
    String id = plugin.id();
    RegistrationPolicy policy = policy(id, plugin.hooks());
    return new HookRegistrar() {
      @Override
      public <T> HookRegistration register(HookPoint<T> point, HookOptions options, HookHandler<T> handler) {
        return registrarFor(id, loaderOf(handler), policy).register(point, options, handler);
      }
    };
  }

  @Override
  public void unregisterAll(String pluginId) {
    Map<ClassLoader, PluginHookRegistrar> mine = registrars.remove(pluginId);
    if (mine != null) {
      mine.values().forEach(PluginHookRegistrar::close);
    }
    registry.unregisterAll(pluginId);
  }

  @Override
  public Optional<HookRegistration> defer(
      PluginManifest manifest, String pointName, Runnable activation, Supplier<? extends RuntimeException> failure) {
    HookPoint<?> point = points.get(pointName);
    if (point == null) {
      return Optional.empty();
    }
    manifests.put(manifest.id(), manifest);
    return Optional.of(standIn(manifest.id(), point, activation, failure));
  }

  private <T> HookRegistration standIn(
      String id, HookPoint<T> point, Runnable activation, Supplier<? extends RuntimeException> failure) {
    HookOptions options = policy(id, List.of()).admit(id, point, HookOptions.DEFAULTS);
    HookHandler<T> handler = context -> {
      throw failure.get();
    };
    return registry.registerDeferred(
        new HandlerSpec<>(id, HookBridge.class.getClassLoader(), point, options, handler), activation);
  }

  @Override
  public void onReceipt(HookReceipt receipt) {
    PluginRuntime rt = runtime;
    String id = receipt.pluginId();
    if (rt == null || !rt.isLoaded(id)) {
      return;
    }
    if (receipt.status() == ReceiptStatus.OK) {
      rt.crashGuard().recordSuccess(id);
    } else if (receipt.status().isFailure()) {
      String version = rt.plugin(id).map(p -> p.version()).orElse("");
      ErrorCode code = receipt.status() == ReceiptStatus.TIMEOUT ? ApiErrorCode.PLUGIN_TIMEOUT : RuntimeErrorCode.HOOK_FAILED;
      String detail = "hook " + receipt.point() + " " + receipt.status().name().toLowerCase(Locale.ROOT)
          + (receipt.errorType() == null ? "" : ": " + receipt.errorType())
          + (receipt.errorMessage() == null ? "" : ": " + receipt.errorMessage());
      tracker.noted(id, code.code() + " " + detail);
      rt.crashGuard().recordFailure(id, version, code, detail);
    }
  }

  private PluginHookRegistrar registrarFor(String id, ClassLoader loader, RegistrationPolicy policy) {
    return registrars.computeIfAbsent(id, k -> new ConcurrentHashMap<>())
        .computeIfAbsent(loader, l -> registry.registrarFor(id, l, policy));
  }

  private RegistrationPolicy policy(String id, List<String> descriptorHooks) {
    PluginManifest m = manifests.get(id);
    List<String> declared = m != null ? m.contributes().hooks() : descriptorHooks;
    RegistrationPolicy known = (pluginId, point, requested) -> {
      if (!hostPoints.contains(point.name())) {
        throw new PlinthException(ApiErrorCode.HOOK_POINT_UNKNOWN,
            "hook point must be one the host offers: " + point.name(),
            "Use a point listed in host.toml hook_points, or ask the host to offer " + point.name() + ".",
            Map.of("pluginId", pluginId, "field", "contributes.hooks", "value", point.name()), null);
      }
      return requested;
    };
    RegistrationPolicy operator = (pluginId, point, requested) -> {
      HookOptions o = requested;
      PluginManifest.HookPolicy p = m == null ? null : m.hookPolicy(point.name()).orElse(null);
      if (p != null && p.priority() != null) {
        o = o.withPriority(p.priority());
      }
      if (p != null && p.timeoutMs() != null) {
        o = o.withTimeout(Duration.ofMillis(p.timeoutMs()));
      }
      if (p != null && p.failure() != null) {
        o = o.withFailure(FailurePolicy.valueOf(p.failure().toUpperCase(Locale.ROOT)));
      }
      return o;
    };
    RegistrationPolicy chain = known.andThen(RegistrationPolicy.declaredPoints(declared)).andThen(operator);
    return builtins.contains(id) ? chain : chain.andThen(RegistrationPolicy.isolatedOnly());
  }

  private static ClassLoader loaderOf(Object handler) {
    ClassLoader own = handler.getClass().getClassLoader();
    if (own != null) {
      return own;
    }
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : ClassLoader.getSystemClassLoader();
  }
}
