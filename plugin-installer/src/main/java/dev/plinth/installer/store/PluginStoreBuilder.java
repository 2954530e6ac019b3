package dev.plinth.installer.store;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import dev.plinth.installer.Activator;
import dev.plinth.installer.BundleStager;
import dev.plinth.installer.InstallErrorCode;
import dev.plinth.installer.InstallException;
import dev.plinth.installer.Phase;
import dev.plinth.installer.events.EventSink;
import dev.plinth.installer.events.JsonlEventSink;
import dev.plinth.manifest.HostProfile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Configures a {@link PluginStore}; every default lives here. Each setting may be given once (a
 * second call names the first value). Not thread-safe; the store it builds is.
 */
@API(status = STABLE, since = "0.1")
public final class PluginStoreBuilder {
  /** Versions kept per plugin unless {@link #retention} says otherwise. */
  public static final int DEFAULT_RETENTION = 3;
  /** How long a health check may take unless {@link #healthTimeout} says otherwise. */
  public static final Duration DEFAULT_HEALTH_TIMEOUT = Duration.ofSeconds(10);
  /** How long to wait for another writer unless {@link #lockTimeout} says otherwise. */
  public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(60);

  private @Nullable BootFactsProvider bootFacts;
  private @Nullable Path home;
  private @Nullable BundleStager stager;
  private @Nullable Activator activator;
  private @Nullable Supplier<HostProfile> hostProfile;
  private @Nullable EventSink eventSink;
  private @Nullable FaultInjector faults;
  private @Nullable DependencyResolver dependencies;
  private @Nullable UpdateChecker updateChecker;
  private @Nullable Integer retention;
  private @Nullable Duration healthTimeout;
  private @Nullable Duration lockTimeout;
  private @Nullable PointerStyle pointerStyle;
  private final List<RepairStep> repairSteps = new ArrayList<>();

  PluginStoreBuilder() {}

  /** The plugin home (required); created if missing. */
  public PluginStoreBuilder home(Path value) {
    home = once("home", home, value);
    return this;
  }

  /** The front half of the pipeline. Default: a stager that refuses every source (read-only use). */
  public PluginStoreBuilder stager(BundleStager value) {
    stager = once("stager", stager, value);
    return this;
  }

  /** Loads, checks and unloads plugins during transactions. Default: {@link Activator#NONE}. */
  public PluginStoreBuilder activator(Activator value) {
    activator = once("activator", activator, value);
    return this;
  }

  /** The host profile preflight checks against. Default: an unnamed host of unknown version. */
  public PluginStoreBuilder hostProfile(Supplier<HostProfile> value) {
    hostProfile = once("hostProfile", hostProfile, value);
    return this;
  }

  /** Where events go. Default: a {@link JsonlEventSink} on {@code <home>/events.jsonl}. */
  public PluginStoreBuilder eventSink(EventSink value) {
    eventSink = once("eventSink", eventSink, value);
    return this;
  }

  /** Test seam. Default: {@link FaultInjector#NONE}. */
  public PluginStoreBuilder faultInjector(FaultInjector value) {
    faults = once("faultInjector", faults, value);
    return this;
  }

  /** Sources for missing dependencies under {@code installDependencies}. Default: {@link DependencyResolver#CATALOG}. */
  public PluginStoreBuilder dependencyResolver(DependencyResolver value) {
    dependencies = once("dependencyResolver", dependencies, value);
    return this;
  }

  /** How {@link PluginStore#checkUpdates()} finds versions. Default: stage the source and read it. */
  public PluginStoreBuilder updateChecker(UpdateChecker value) {
    updateChecker = once("updateChecker", updateChecker, value);
    return this;
  }

  /** Versions kept per plugin, at least 1; current and rollback target are always kept. Default 3. */
  public PluginStoreBuilder retention(int value) {
    if (value < 1) {
      throw new IllegalArgumentException("retention must be >= 1: " + value);
    }
    retention = once("retention", retention, value);
    return this;
  }

  /** Time allowed for the health phase. Default 10 s. */
  public PluginStoreBuilder healthTimeout(Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException("healthTimeout must be > 0: " + value);
    }
    healthTimeout = once("healthTimeout", healthTimeout, value);
    return this;
  }

  /** Time to wait for another writer before {@code STORE_LOCKED}. Default 60 s. */
  public PluginStoreBuilder lockTimeout(Duration value) {
    if (value.isNegative()) {
      throw new IllegalArgumentException("lockTimeout must be >= 0: " + value);
    }
    lockTimeout = once("lockTimeout", lockTimeout, value);
    return this;
  }

  /** Symlink or pointer file for {@code current}. Default {@link PointerStyle#AUTO}. */
  public PluginStoreBuilder pointerStyle(PointerStyle value) {
    pointerStyle = once("pointerStyle", pointerStyle, value);
    return this;
  }

  /**
   * Adds a step to {@link PluginStore#repair()}, run after the store's own steps in the order
   * added (for metadata another component keeps under the home, such as an index).
   */
  @API(status = org.apiguardian.api.API.Status.EXPERIMENTAL, since = "0.1")
  public PluginStoreBuilder repairStep(RepairStep value) {
    repairSteps.add(requireNonNull(value, "repairStep"));
    return this;
  }

  /**
   * Computes the {@link BootFacts} kept in each index entry the store writes (default: none, and
   * boot resolves and checks every eager plugin's files).
   */
  @API(status = org.apiguardian.api.API.Status.EXPERIMENTAL, since = "0.1")
  public PluginStoreBuilder bootFacts(BootFactsProvider value) {
    bootFacts = once("bootFacts", bootFacts, value);
    return this;
  }

  /**
   * Opens the store: creates the layout and recovers every interrupted transaction.
   *
   * @throws IllegalStateException when no home was set
   * @throws InstallException {@code STORE_LOCKED} when another writer holds the home too long
   */
  public PluginStore build() {
    if (home == null) {
      throw new IllegalStateException("home must be set: null");
    }
    StoreLayout layout = new StoreLayout(home);
    try {
      layout.createFolders();
    } catch (java.io.UncheckedIOException e) {
      throw openFailure(home, e);
    }
    CurrentPointer pointer = new CurrentPointer(pointerStyle == null ? PointerStyle.AUTO : pointerStyle, layout.plugins());
    StoreContext ctx = new StoreContext(layout, pointer, new Journal(layout),
        stager != null ? stager : PluginStoreBuilder::noStager,
        activator != null ? activator : Activator.NONE,
        hostProfile != null ? hostProfile : () -> HostProfile.of("unknown-host", null),
        eventSink != null ? eventSink : JsonlEventSink.builder(layout.eventsFile()).build(),
        faults != null ? faults : FaultInjector.NONE,
        dependencies != null ? dependencies : DependencyResolver.CATALOG,
        retention != null ? retention : DEFAULT_RETENTION,
        healthTimeout != null ? healthTimeout : DEFAULT_HEALTH_TIMEOUT,
        bootFacts);
    StoreLock lock = new StoreLock(layout.home(), layout.storeLock(), lockTimeout != null ? lockTimeout : DEFAULT_LOCK_TIMEOUT);
    try {
      return new PluginStore(ctx, lock, updateChecker, repairSteps);
    } catch (java.io.UncheckedIOException e) {
      throw openFailure(home, e);
    }
  }

  /** Opening writes (folders, recovery, the lock file): a full or read-only home says so by code. */
  private static InstallException openFailure(Path home, java.io.UncheckedIOException e) {
    InstallErrorCode code = InstallErrorCode.ofIoFailure(e, InstallErrorCode.STORE_IO);
    return new InstallException(code, Phase.RESOLVE,
        "plugin home must be writable to open the store: " + home + " (" + e.getCause().getMessage() + ")",
        code.ioNextStep(home.toString(), "Check free space and permissions under " + home + ", then retry."),
        java.util.Map.of("home", home.toString()), e);
  }

  private static <T> T once(String name, @Nullable T old, T value) {
    requireNonNull(value, name);
    if (old != null) {
      throw new IllegalStateException(name + " was already set: " + old);
    }
    return value;
  }

  private static dev.plinth.installer.StagedBundle noStager(dev.plinth.installer.InstallRequest request,
      Path stagingDir, HostProfile host, dev.plinth.installer.ProgressListener progress) {
    throw new InstallException(InstallErrorCode.SOURCE_UNSUPPORTED, Phase.RESOLVE,
        "source cannot be installed by a store without a stager: " + request.source(),
        "Build the store with PluginStore.builder().stager(...) (the install pipeline).");
  }
}
