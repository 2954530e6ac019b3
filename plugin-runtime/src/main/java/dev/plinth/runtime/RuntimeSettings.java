package dev.plinth.runtime;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import dev.plinth.manifest.PluginManifest;
import dev.plinth.runtime.classloading.SharedPackages;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Every tunable of the runtime, with its default, in one place: call timeouts, the crash guard's
 * threshold and window, how long unload waits for a loader to be collected, safe mode, and the
 * packages the host shares with plugins.
 *
 * <p>Safe mode is resolved here and only here: an explicit {@link Builder#safeMode(boolean)} wins;
 * otherwise {@code PLINTH_SAFE_MODE=1} (or {@code true}) in the environment turns it on.
 *
 * <pre>{@code
 * RuntimeSettings settings = RuntimeSettings.builder()
 *     .startTimeout(Duration.ofSeconds(5))
 *     .exportPackage("com.example.host.spi")
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
@API(status = STABLE, since = "0.1")
public final class RuntimeSettings {
  /** The environment variable that turns safe mode on. */
  public static final String SAFE_MODE_ENV = "PLINTH_SAFE_MODE";

  private final Duration startTimeout;
  private final Duration stopTimeout;
  private final Duration healthTimeout;
  private final int crashThreshold;
  private final Duration crashWindow;
  private final Duration leakWait;
  private final boolean safeMode;
  private final SharedPackages sharedPackages;
  private final Clock clock;
  private final PluginManifest.Activation defaultActivation;

  private RuntimeSettings(Builder b) {
    this.startTimeout = b.startTimeout;
    this.stopTimeout = b.stopTimeout;
    this.healthTimeout = b.healthTimeout;
    this.crashThreshold = b.crashThreshold;
    this.crashWindow = b.crashWindow;
    this.leakWait = b.leakWait;
    this.safeMode = b.safeMode != null ? b.safeMode : isOn(b.environment.get(SAFE_MODE_ENV));
    this.sharedPackages = b.shared.build();
    this.clock = b.clock;
    this.defaultActivation = b.defaultActivation;
  }

  private RuntimeSettings(RuntimeSettings o, SharedPackages shared, boolean safeMode) {
    this.startTimeout = o.startTimeout;
    this.stopTimeout = o.stopTimeout;
    this.healthTimeout = o.healthTimeout;
    this.crashThreshold = o.crashThreshold;
    this.crashWindow = o.crashWindow;
    this.leakWait = o.leakWait;
    this.safeMode = safeMode;
    this.sharedPackages = shared;
    this.clock = o.clock;
    this.defaultActivation = o.defaultActivation;
  }

  /**
   * When a plugin whose manifest sets no {@code plugin.runtime.activation} starts: {@code EAGER}
   * (at boot, the default) or {@code LAZY} (on first use of its hooks or extensions).
   */
  public PluginManifest.Activation defaultActivation() {
    return defaultActivation;
  }

  /** The activation that applies to a plugin: its manifest's, else {@link #defaultActivation()}. */
  public PluginManifest.Activation activationOf(PluginManifest manifest) {
    PluginManifest.Activation own = manifest.runtime().activation();
    return own != null ? own : defaultActivation;
  }

  /** All defaults, safe mode from the process environment. */
  public static RuntimeSettings defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** How long {@code Plugin.start} (and the entry's constructor) may take; default 10 s. */
  public Duration startTimeout() {
    return startTimeout;
  }

  /** How long {@code Plugin.stop} may take; default 5 s. */
  public Duration stopTimeout() {
    return stopTimeout;
  }

  /** How long {@code Plugin.health} may take when the caller names no timeout; default 5 s. */
  public Duration healthTimeout() {
    return healthTimeout;
  }

  /** Failures inside {@link #crashWindow()} that auto-disable a plugin; default 5. */
  public int crashThreshold() {
    return crashThreshold;
  }

  /** The crash guard's sliding window; default 5 minutes. */
  public Duration crashWindow() {
    return crashWindow;
  }

  /** How long unload waits for the plugin's loader to be collected; default 2 s (zero skips the check). */
  public Duration leakWait() {
    return leakWait;
  }

  /** True when no third-party plugin may be loaded. */
  public boolean safeMode() {
    return safeMode;
  }

  /** The packages plugins load from the host, and the host's loader. */
  public SharedPackages sharedPackages() {
    return sharedPackages;
  }

  /** The clock of the crash guard and of events. */
  public Clock clock() {
    return clock;
  }

  /**
   * These settings with more host packages exported (after the ones already exported).
   *
   * @throws IllegalArgumentException when a name is not a Java package or is a JDK package
   */
  public RuntimeSettings withExportedPackages(Collection<String> packages) {
    SharedPackages shared = SharedPackages.builder()
        .hostLoader(sharedPackages.hostLoader())
        .exportAll(sharedPackages.exported())
        .exportAll(packages)
        .build();
    return new RuntimeSettings(this, shared, safeMode);
  }

  /** These settings with safe mode on or off, whatever the environment says. */
  public RuntimeSettings withSafeMode(boolean on) {
    return new RuntimeSettings(this, sharedPackages, on);
  }

  private static boolean isOn(@Nullable String value) {
    if (value == null) {
      return false;
    }
    String v = value.trim().toLowerCase(Locale.ROOT);
    return v.equals("1") || v.equals("true") || v.equals("yes");
  }

  @Override
  public String toString() {
    return "RuntimeSettings[start=" + startTimeout + ", stop=" + stopTimeout + ", health="
        + healthTimeout + ", crash=" + crashThreshold + "/" + crashWindow + ", leakWait=" + leakWait
        + ", safeMode=" + safeMode + ", defaultActivation=" + defaultActivation + ", shared=" + sharedPackages + "]";
  }

  /** Builds {@link RuntimeSettings}; each setting may be given once. Not thread-safe. */
  public static final class Builder {
    private Duration startTimeout = Duration.ofSeconds(10);
    private Duration stopTimeout = Duration.ofSeconds(5);
    private Duration healthTimeout = Duration.ofSeconds(5);
    private int crashThreshold = 5;
    private Duration crashWindow = Duration.ofMinutes(5);
    private Duration leakWait = Duration.ofSeconds(2);
    private @Nullable Boolean safeMode;
    private Map<String, String> environment = System.getenv();
    private final SharedPackages.Builder shared = SharedPackages.builder();
    private Clock clock = Clock.systemUTC();
    private PluginManifest.Activation defaultActivation = PluginManifest.Activation.EAGER;
    private final Map<String, Object> given = new HashMap<>();

    private Builder() {}

    public Builder startTimeout(Duration timeout) {
      startTimeout = positive("startTimeout", timeout, startTimeout);
      return this;
    }

    public Builder stopTimeout(Duration timeout) {
      stopTimeout = positive("stopTimeout", timeout, stopTimeout);
      return this;
    }

    public Builder healthTimeout(Duration timeout) {
      healthTimeout = positive("healthTimeout", timeout, healthTimeout);
      return this;
    }

    /** Failures that trip the crash guard; at least 1. */
    public Builder crashThreshold(int failures) {
      once("crashThreshold", crashThreshold);
      if (failures < 1) {
        throw new IllegalArgumentException("crashThreshold must be >= 1: " + failures);
      }
      crashThreshold = failures;
      return this;
    }

    public Builder crashWindow(Duration window) {
      crashWindow = positive("crashWindow", window, crashWindow);
      return this;
    }

    /** Zero turns the leak check off. */
    public Builder leakWait(Duration wait) {
      once("leakWait", leakWait);
      if (wait.isNegative()) {
        throw new IllegalArgumentException("leakWait must be >= 0: " + wait);
      }
      leakWait = wait;
      return this;
    }

    /** Turns safe mode on or off, overriding {@code PLINTH_SAFE_MODE}. */
    public Builder safeMode(boolean on) {
      once("safeMode", safeMode);
      safeMode = on;
      return this;
    }

    /** The environment safe mode is read from; default the process environment. */
    public Builder environment(Map<String, String> env) {
      once("environment", "process environment");
      environment = Map.copyOf(env);
      return this;
    }

    /** The loader shared classes come from; default the loader of plugin-api. */
    public Builder hostLoader(ClassLoader loader) {
      shared.hostLoader(loader);
      return this;
    }

    /** A host package (and its sub-packages) every plugin loads from the host. */
    public Builder exportPackage(String packageName) {
      shared.export(packageName);
      return this;
    }

    public Builder clock(Clock clock) {
      once("clock", this.clock);
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /** The activation of plugins whose manifest sets none; default {@code EAGER}. */
    public Builder defaultActivation(PluginManifest.Activation activation) {
      once("defaultActivation", defaultActivation);
      defaultActivation = requireNonNull(activation, "activation");
      return this;
    }

    public RuntimeSettings build() {
      return new RuntimeSettings(this);
    }

    private Duration positive(String name, Duration value, Duration old) {
      once(name, old);
      requireNonNull(value, name);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be > 0: " + value);
      }
      return value;
    }

    private void once(String name, @Nullable Object old) {
      if (given.put(name, Boolean.TRUE) != null) {
        throw new IllegalStateException(name + " was already set: " + old);
      }
    }
  }
}
