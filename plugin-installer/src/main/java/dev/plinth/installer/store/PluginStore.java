package dev.plinth.installer.store;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import dev.plinth.api.PlinthException;
import dev.plinth.installer.InstallErrorCode;
import dev.plinth.installer.InstallException;
import dev.plinth.installer.InstallRequest;
import dev.plinth.installer.Phase;
import dev.plinth.installer.ProgressListener;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The plugin store of one plugin home: install, upgrade, roll back and uninstall plugins as
 * transactions that either commit or leave the previous state, and read what is installed.
 *
 * <pre>{@code
 * PluginStore store = PluginStore.builder()
 *     .home(Path.of("/var/lib/myapp/plugins"))
 *     .stager(pipeline)               // the front half: resolve, download, verify, extract
 *     .activator(runtimeActivator)    // loads, health-checks and unloads plugins
 *     .hostProfile(() -> profile)
 *     .build();                       // recovers interrupted transactions, if any
 * InstallOutcome outcome = store.install(InstallRequest.of("github:acme/redactor"));
 * if (outcome instanceof InstallOutcome.RolledBack r) {
 *   log.warn("install failed in {}: {}", r.phase(), r.cause().message());
 * }
 * }</pre>
 *
 * <p>Thread-safety: every method is safe to call from any thread. Writers serialise on one lock
 * per home (an in-process lock plus an OS file lock for other processes); an operation that finds
 * the journal of a writer that died recovers it first. Reads take no lock and see committed
 * states only, because every switch is a single atomic rename.
 */
@API(status = STABLE, since = "0.1")
public final class PluginStore {
  private final StoreContext ctx;
  private final StoreLock lock;
  private final UpdateChecker updateChecker;
  private final List<RepairStep> repairSteps;
  /**
   * Whether this instance has swept leftovers and re-derived the metadata ({@link Recovery#recover}
   * with {@code full}). Opening does it only when {@link Recovery#neededAtOpen} finds a trace of a
   * writer that died or a metadata file missing; otherwise the first operation under the lock does, so opening a
   * sound home for boot writes nothing and reads no install record.
   */
  private volatile boolean tidied;

  PluginStore(StoreContext ctx, StoreLock lock, @Nullable UpdateChecker updateChecker, List<RepairStep> repairSteps) {
    this.ctx = ctx;
    this.repairSteps = List.copyOf(repairSteps);
    this.lock = lock;
    this.updateChecker = updateChecker != null ? updateChecker : new StagingUpdateChecker(ctx, this::locked);
    // Taking the lock once checks that the home is writable, as every later operation needs.
    locked(Phase.RESOLVE, Recovery.neededAtOpen(ctx), () -> null);
  }

  public static PluginStoreBuilder builder() {
    return new PluginStoreBuilder();
  }

  /** The plugin home. */
  public Path home() {
    return ctx.layout().home();
  }

  /** The pointer style in use (resolved when {@link PointerStyle#AUTO} was asked for). */
  public PointerStyle pointerStyle() {
    return ctx.pointer().style();
  }

  /**
   * Installs, upgrades or (with {@code allowDowngrade}) downgrades a plugin from a source. The same
   * id, version and digest again is {@link InstallOutcome.AlreadyInstalled}.
   */
  public InstallOutcome install(InstallRequest request) {
    return install(request, ProgressListener.NONE);
  }

  public InstallOutcome install(InstallRequest request, ProgressListener progress) {
    requireNonNull(request, "request");
    return guarded(request.source(), () -> new InstallTransaction(ctx, request, progress, null, List.of(), null).run());
  }

  /**
   * Re-resolves a plugin's recorded source without its version pin and installs what it offers
   * when newer: {@code github:o/r@v1.0.0} is re-resolved as {@code github:o/r} (the latest
   * release), {@code catalog:id@range} as {@code catalog:id}; Maven coordinates, URLs and
   * folders are re-read as they are. A pinned plugin ({@link PluginState#pinnedVersion()}) is
   * refused with {@code PLUGIN_PINNED}.
   */
  public InstallOutcome upgrade(String id) {
    requireNonNull(id, "id");
    return guarded(id, () -> {
      InstallRecord record = ctx.currentRecord(StoreLayout.checkId(id)).orElseThrow(() -> Reverts.notInstalled(id));
      PluginState state = StateFile.read(ctx.layout()).getOrDefault(id, PluginState.DEFAULT);
      if (state.pinnedVersion() != null) {
        throw new InstallException(InstallErrorCode.PLUGIN_PINNED, Phase.RESOLVE,
            "plugin.pinned_version holds " + id + " at: " + state.pinnedVersion(),
            "Clear the pin (updateState(id, s -> s.withPinnedVersion(null))) to upgrade.",
            Map.of("plugin", id, "pinned_version", state.pinnedVersion()), null);
      }
      InstallRequest request = InstallRequest.of(SourceSpecs.unpinned(record.source()));
      return new InstallTransaction(ctx, request, ProgressListener.NONE, null, List.of(), id).run();
    });
  }

  /** Asks every installed plugin's unpinned source for its newest version; installs nothing. */
  public List<UpdateCheck> checkUpdates() {
    return UpdateChecks.check(ctx, updateChecker);
  }

  /** Rolls back to the most recently installed kept version other than the current one. */
  public InstallOutcome rollback(String id) {
    requireNonNull(id, "id");
    return guarded(id, () -> Reverts.revert(ctx, id, null, ProgressListener.NONE));
  }

  /** Rolls back (or forward) to a kept version. */
  public InstallOutcome rollback(String id, String version) {
    requireNonNull(id, "id");
    requireNonNull(version, "version");
    return guarded(id, () -> Reverts.revert(ctx, id, version, ProgressListener.NONE));
  }

  /**
   * Deactivates and removes a plugin and all its kept versions; {@code data/<id>} stays unless
   * {@code purgeData}. Refused with {@code DEPENDENT_PLUGINS} while installed plugins depend on
   * it, unless {@code force}.
   */
  public InstallOutcome uninstall(String id, boolean purgeData, boolean force) {
    requireNonNull(id, "id");
    return guarded(id, () -> Uninstalls.uninstall(ctx, id, purgeData, force, ProgressListener.NONE));
  }

  /**
   * Installs every plugin of a {@code plinth.lock} at its locked version and checks each against
   * its recorded version, digests and signer ({@code LOCK_DRIFT} names the field), before the
   * store changes. Entries are applied in dependency order (an entry whose dependencies are not
   * yet installed is retried after the others). Each source is pinned to the locked version:
   * {@code github:o/r} becomes {@code github:o/r@v<version>}, {@code catalog:id} becomes
   * {@code catalog:id@=<version>}; other sources are used as recorded.
   *
   * <p>The lock file is JSON with {@code lock_version} (1) and a {@code plugins} object holding,
   * per plugin id: {@code version}, {@code source}, {@code archive_sha256} (null for folders),
   * {@code tree_sha256} (sha256 over the sorted lines "path NUL sha256 LF" of the extracted files)
   * and {@code signer} (the verified identity, or null). The
   * store rewrites {@code <home>/plinth.lock} after every change.
   *
   * @throws InstallException {@code LOCK_FILE_INVALID} when the file cannot be read
   */
  public LockSyncResult installFromLock(Path lockFile) {
    requireNonNull(lockFile, "lockFile");
    LockFile lockContent = LockFile.read(lockFile);
    return locked(Phase.RESOLVE, () -> LockSync.apply(ctx, lockContent));
  }

  /** Every plugin with a folder in the store, by id. */
  public List<PluginInfo> list() {
    return Inventory.list(ctx);
  }

  public Optional<PluginInfo> info(String id) {
    return Inventory.info(ctx, requireNonNull(id, "id"));
  }

  /**
   * Every installed plugin's current version, by id, read from the {@code current} pointers only
   * (no install record is read): the cheap form of {@link #list()} that boot and the host profile need.
   */
  @API(status = org.apiguardian.api.API.Status.EXPERIMENTAL, since = "0.1")
  public Map<String, String> currentVersions() {
    return IndexFile.currentVersions(ctx.layout());
  }

  /**
   * The folder of a version, without reading any pointer (for a caller that already knows the
   * current version, as boot does from {@link #checkIndex()}); it may not exist.
   */
  @API(status = org.apiguardian.api.API.Status.EXPERIMENTAL, since = "0.1")
  public Path versionDir(String id, String version) {
    return ctx.layout().versionDir(StoreLayout.checkId(id), requireNonNull(version, "version"));
  }

  /** The folder of the current version, for loading. */
  public Optional<Path> currentDir(String id) {
    return ctx.current(StoreLayout.checkId(id)).map(v -> ctx.layout().versionDir(id, v));
  }

  /** The plugin's own data folder ({@code data/<id>/}); it exists once the plugin is installed. */
  public Path dataDir(String id) {
    return ctx.layout().dataDir(id);
  }

  /** {@code state.json}: every plugin's state, by id. */
  public Map<String, PluginState> state() {
    return Map.copyOf(StateFile.read(ctx.layout()));
  }

  /**
   * Changes one installed plugin's state atomically under the store lock.
   *
   * @throws InstallException {@code PLUGIN_NOT_INSTALLED} for an unknown id
   */
  public PluginState updateState(String id, UnaryOperator<PluginState> change) {
    requireNonNull(change, "change");
    return locked(Phase.COMMIT, () -> {
      if (ctx.current(StoreLayout.checkId(id)).isEmpty()) {
        throw Reverts.notInstalled(id);
      }
      Map<String, PluginState> state = StateFile.read(ctx.layout());
      PluginState next = requireNonNull(change.apply(state.getOrDefault(id, PluginState.DEFAULT)), "new state");
      state.put(id, next);
      StateFile.write(ctx.layout(), state);
      return next;
    });
  }

  /** The doctor's invariant check of this home (see {@link StoreIntegrity}). */
  public IntegrityReport checkIntegrity() {
    return StoreIntegrity.check(home());
  }

  /**
   * Reads the install-time index ({@code <home>/index.json}) and checks each entry against the
   * store: its version must be current, its own digest must match, and its {@code plugin.toml}
   * must have the size and last-modified time recorded with it (a stat per plugin, as git's index
   * checks a work tree; {@link #checkIntegrity()} compares the sha256). Boot trusts only the
   * entries this returns; lock-free and read-only.
   */
  @API(status = org.apiguardian.api.API.Status.EXPERIMENTAL, since = "0.1")
  public IndexCheck checkIndex() {
    return IndexFile.check(ctx.layout(), IndexFile.Check.FAST);
  }

  /**
   * Recomputes every entry of the install-time index from the current versions' {@code
   * plugin.toml} and install records, and rewrites it atomically under the store lock. The store
   * also rewrites the index after every commit, rollback and uninstall, and when it opens; this
   * is the repair for a missing, stale or corrupt index that doctor reported.
   */
  @API(status = org.apiguardian.api.API.Status.EXPERIMENTAL, since = "0.1")
  public IndexCheck.Rebuild rebuildIndex() {
    return locked(Phase.COMMIT, () -> IndexFile.refresh(ctx.layout(), true, ctx.bootFacts()));
  }

  /** Like {@link #rebuildIndex()}, but keeps the entries that are still valid. */
  @API(status = org.apiguardian.api.API.Status.EXPERIMENTAL, since = "0.1")
  public IndexCheck.Rebuild refreshIndex() {
    return locked(Phase.COMMIT, () -> IndexFile.refresh(ctx.layout(), false, ctx.bootFacts()));
  }

  /**
   * Repairs damaged store metadata where the versions on disk prove what it should hold, under
   * the store lock: recovers interrupted transactions and sweeps leftovers, removes journals that
   * could not be read, removes kept versions whose install record is unreadable, rebuilds an
   * unreadable {@code state.json} (every plugin disabled: the operator's decisions are not guessed),
   * rewrites {@code plinth.lock}, and drops unreadable lines from {@code events.jsonl}; then runs
   * the steps given to {@link PluginStoreBuilder#repairStep}. What cannot be rebuilt (the current
   * version's install record, changed plugin files) is reported with a next step, not touched.
   * Run it on a quiet home: an event another process writes meanwhile may be lost.
   */
  @API(status = org.apiguardian.api.API.Status.EXPERIMENTAL, since = "0.1")
  public RepairReport repair() {
    // Read before taking the lock: the recovery that the first locked operation runs, and the
    // lock file's rewrite below, also rewrite the index (the check is read-only and lock-free).
    IndexCheck index = IndexFile.check(ctx.layout(), IndexFile.Check.FAST);
    return locked(Phase.COMMIT, () -> {
      Recovery.recover(ctx, true);
      List<RepairAction> actions = new java.util.ArrayList<>(StoreRepair.run(ctx.layout()));
      actions.addAll(repairIndex(index));
      for (RepairStep step : repairSteps) {
        actions.addAll(step.repair(home()));
      }
      return new RepairReport(home(), actions, StoreIntegrity.check(home()));
    });
  }

  /**
   * The index step of {@link #repair()}: after the other repairs (which may remove versions), every
   * problem the index had when the repair began is rebuilt from the current versions' {@code
   * plugin.toml}, and reported.
   */
  private List<RepairAction> repairIndex(IndexCheck index) {
    if (index.ok()) {
      return List.of();
    }
    IndexCheck.Rebuild rebuilt = IndexFile.refresh(ctx.layout(), false, ctx.bootFacts());
    List<RepairAction> actions = new java.util.ArrayList<>();
    for (IntegrityReport.Problem p : index.problems()) {
      boolean fixed = !rebuilt.unindexed().contains(p.pluginId());
      actions.add(new RepairAction(p.code(), p.pluginId(), p.path(),
          fixed ? "rebuilt from the current version's plugin.toml" : "could not be indexed: " + p.message(),
          fixed, fixed ? "Nothing to do: boot reads the rebuilt index." : p.nextStep()));
    }
    return actions;
  }

  /** Runs {@code body} holding the store lock, recovering a dead writer's work first. */
  <T> T locked(Phase phase, Supplier<T> body) {
    return locked(phase, true, body);
  }

  /** Like {@link #locked(Phase, Supplier)}; {@code tidy} false skips the full recovery this time. */
  private <T> T locked(Phase phase, boolean tidy, Supplier<T> body) {
    try (StoreLock.Held held = lock.acquire(phase)) {
      if (held.outermost() && tidy && !tidied) {
        Recovery.recover(ctx, true);
        tidied = true;
      } else if (held.outermost() && Recovery.needed(ctx)) {
        Recovery.recover(ctx, false);
      }
      return body.get();
    } catch (java.io.UncheckedIOException e) {
      // A write that failed before a transaction had its own handling (the journal of a rollback
      // or uninstall on a full disk): typed, so callers see STORE_NO_SPACE and not an I/O trace.
      throw Activation.asInstallException(phase, home().toString(), e);
    }
  }

  /** Like {@link #locked} but turns errors raised before any transaction into {@code Failed}. */
  private InstallOutcome guarded(String subject, Supplier<InstallOutcome> body) {
    try {
      return locked(Phase.RESOLVE, body);
    } catch (PlinthException e) {
      Phase phase = e instanceof InstallException ie ? ie.phase() : Phase.RESOLVE;
      return new InstallOutcome.Failed(subject, phase, InstallOutcome.Cause.of(e));
    }
  }
}
