package dev.plinth.installer.store;

import dev.plinth.api.PlinthException;
import dev.plinth.installer.InstallErrorCode;
import dev.plinth.installer.InstallException;
import dev.plinth.installer.InstallRequest;
import dev.plinth.installer.Phase;
import dev.plinth.installer.ProgressListener;
import dev.plinth.installer.StagedBundle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One install, upgrade or downgrade: the stager's phases (RESOLVE..EXTRACT) into
 * {@code staging/<tx>/}, then PREPARE (idempotency, downgrade, lock-drift and dependency checks),
 * then {@link Activation}. Runs under the store lock.
 */
final class InstallTransaction {
  private static final List<Phase> STAGER_PHASES =
      List.of(Phase.RESOLVE, Phase.PREFLIGHT, Phase.DOWNLOAD, Phase.VERIFY, Phase.EXTRACT);

  private final StoreContext ctx;
  private final InstallRequest request;
  private final ProgressListener progress;
  private final LockFile.@Nullable Entry expected;
  private final List<String> chain;
  private final @Nullable String expectedId;

  /**
   * @param expected the lock entry the staged bundle must match ({@code installFromLock}), or null
   * @param chain plugins whose installs wait on this one (installDependencies), outermost first
   * @param expectedId the plugin the source must provide (upgrade, lock), or null for any
   */
  InstallTransaction(StoreContext ctx, InstallRequest request, ProgressListener progress,
      LockFile.@Nullable Entry expected, List<String> chain, @Nullable String expectedId) {
    this.expectedId = expectedId;
    this.ctx = ctx;
    this.request = request;
    this.progress = progress;
    this.expected = expected;
    this.chain = List.copyOf(chain);
  }

  InstallOutcome run() {
    String tx = Journal.newTxId();
    Journal.Entry begun = Journal.begin(tx, Journal.Operation.INSTALL, "", false);
    StagerPhases phases = new StagerPhases(begun);
    StagedBundle bundle;
    try {
      Files.createDirectories(ctx.layout().stagingDir(tx));
      phases.phaseStarted(Phase.RESOLVE, request.source());
      bundle = ctx.stager().stage(request, ctx.layout().stagingDir(tx), ctx.profileWithInstalled(), phases);
      phases.reachEnd();
    } catch (PlinthException | IOException | UncheckedIOException ex) {
      Exception cause = phases.injected != null ? phases.injected : ex;
      // The id, once the stager resolved it; the source string only when resolving itself failed.
      String subject = phases.resolvedId != null ? phases.resolvedId : request.source();
      return failed(phases.entry, subject, phases.current, cause);
    }
    return prepareAndActivate(phases.entry, bundle);
  }

  private InstallOutcome prepareAndActivate(Journal.Entry begun, StagedBundle bundle) {
    Journal.Entry e = begun.at(Phase.PREPARE);
    String id = bundle.id();
    String version = bundle.version();
    try {
      StoreLayout.checkId(id);
      StoreLayout.checkVersion(version);
      if (expectedId != null && !expectedId.equals(id)) {
        throw new InstallException(InstallErrorCode.MANIFEST_MISMATCH, Phase.PREPARE,
            "plugin.id from source " + bundle.sourceSpec() + " should be " + expectedId + ": " + id,
            "Check the recorded source of " + expectedId + "; reinstall it from the right source.",
            Map.of("expected", expectedId, "actual", id), null);
      }
      Optional<String> from = ctx.current(id);
      Path versionDir = ctx.layout().versionDir(id, version);
      boolean preexisted = Files.isDirectory(versionDir);
      PluginState prior = StateFile.read(ctx.layout()).get(id);
      e = Activation.enter(ctx, e.forPlugin(id, from.orElse(null), version, preexisted, prior), Phase.PREPARE, progress);
      ctx.faults().beforePhase(Phase.PREPARE, id);
      Optional<InstallOutcome> same = checkSameVersion(e, bundle, from, preexisted);
      if (same.isPresent()) {
        return same.get();
      }
      if (from.isPresent() && Versions.compare(version, from.get()) < 0 && !request.allowDowngrade()) {
        throw new InstallException(InstallErrorCode.DOWNGRADE_REFUSED, Phase.PREPARE,
            "plugin.version is older than the current " + from.get() + ": " + version,
            "Retry with allowDowngrade (--allow-downgrade), or use rollback to return to a kept version.",
            Map.of("plugin", id, "current", from.get(), "version", version), null);
      }
      if (bundle.fileDigests().containsKey(StoreLayout.INSTALL_RECORD)) {
        throw new InstallException(InstallErrorCode.BUNDLE_LAYOUT_INVALID, Phase.PREPARE,
            "bundle file name is reserved for the store: " + StoreLayout.INSTALL_RECORD,
            "Remove " + StoreLayout.INSTALL_RECORD + " from the bundle root and rebuild it.");
      }
      if (expected != null) {
        LockDrift.check(id, expected, bundle);
      }
      List<String> waiting = new ArrayList<>(chain);
      Dependencies.check(ctx, id, bundle.manifest().dependencies(), waiting,
          source -> installDependency(id, source), request.installDependencies());
      if (!preexisted) {
        InstallRecord.of(bundle, e.tx(), Instant.now()).writeInto(bundle.bundleRoot());
        AtomicFiles.fsyncTree(bundle.bundleRoot());
      }
    } catch (PlinthException | UncheckedIOException ex) {
      return failed(e, id, Phase.PREPARE, ex);
    }
    PluginState newState = newState(e.priorState(), bundle);
    return Activation.run(ctx, e, bundle.manifest(), e.versionPreexisted() ? null : bundle.bundleRoot(),
        newState, progress, this::succeeded);
  }

  private Optional<InstallOutcome> checkSameVersion(Journal.Entry e, StagedBundle bundle,
      Optional<String> from, boolean preexisted) {
    if (!preexisted) {
      return Optional.empty();
    }
    String id = bundle.id();
    String version = bundle.version();
    InstallRecord existing = InstallRecord.read(ctx.layout().versionDir(id, version)).orElse(null);
    boolean same = existing != null
        && existing.treeSha256().equals(TreeDigest.of(bundle.fileDigests()))
        && (existing.archiveSha256() == null || bundle.archiveSha256() == null
            || existing.archiveSha256().equals(bundle.archiveSha256()));
    if (!same) {
      throw new InstallException(InstallErrorCode.VERSION_CONFLICT, Phase.PREPARE,
          "plugin.version is already installed with different content: " + id + "@" + version,
          "Publish the changed bundle under a new version, or uninstall " + id + " first.",
          Map.of("plugin", id, "version", version), null);
    }
    // The same content by its record: the files on disk must still be that content too, or
    // "already installed" (or a switch to this kept version) would vouch for damaged files.
    DamagedVersions.requireIntact(ctx.layout().versionDir(id, version), existing);
    if (from.equals(Optional.of(version))) {
      Undo.rollBack(ctx, e, false);
      ctx.emit("already_installed", id, version, e.tx(), Map.of("source", bundle.sourceSpec()));
      return Optional.of(new InstallOutcome.AlreadyInstalled(id, version));
    }
    return Optional.empty();
  }

  private boolean installDependency(String waitingId, String source) {
    List<String> nested = new ArrayList<>(chain);
    nested.add(waitingId);
    InstallRequest dep = InstallRequest.of(source).withInstallDependencies(true)
        .withAcknowledgePermissions(request.acknowledgePermissions()).withEnable(request.enable());
    return new InstallTransaction(ctx, dep, progress, null, nested, null).run().succeeded();
  }

  private PluginState newState(@Nullable PluginState prior, StagedBundle bundle) {
    PluginState s = prior == null ? PluginState.DEFAULT : prior;
    if (request.enable()) {
      s = s.withEnabled(true);
    }
    if (request.acknowledgePermissions()) {
      s = s.withAcknowledgedPermissions(PluginState.permissionsDigest(bundle.manifest().permissions()));
    }
    return s;
  }

  private InstallOutcome succeeded(Journal.Entry e) {
    String id = e.pluginId();
    String to = Objects.requireNonNull(e.toVersion());
    String from = e.fromVersion();
    InstallOutcome outcome;
    String type;
    if (from == null) {
      outcome = new InstallOutcome.Installed(id, to);
      type = "installed";
    } else if (Versions.compare(to, from) > 0) {
      outcome = new InstallOutcome.Upgraded(id, from, to);
      type = "upgraded";
    } else {
      outcome = new InstallOutcome.Downgraded(id, from, to);
      type = "downgraded";
    }
    ctx.emit(type, id, to, e.tx(), Map.of("from", from == null ? "" : from, "source", request.source()));
    return outcome;
  }

  /** Cleans up a transaction that failed before the store changed. */
  private InstallOutcome failed(Journal.Entry e, String subject, Phase phase, Exception ex) {
    Phase at = ex instanceof InstallException ie ? ie.phase() : phase;
    InstallOutcome.Cause cause = ex instanceof PlinthException pe
        ? InstallOutcome.Cause.of(pe)
        : InstallOutcome.Cause.of(Activation.asInstallException(phase, subject, ex));
    try {
      Undo.rollBack(ctx, e, false);
    } catch (RuntimeException cleanup) {
      StoreContext.log().warn("clean-up after failed {} left work for recovery: {}", e.tx(), cleanup.toString());
    }
    String id = e.pluginId().isEmpty() ? subject : e.pluginId();
    ctx.emit("rolled_back", id, e.toVersion(), e.tx(), Map.of("phase", at.jsonName(),
        "code", cause.code(), "cause", cause.message(), "store_changed", false));
    return new InstallOutcome.Failed(id, at, cause);
  }

  /**
   * Watches the stager's progress: before each of its phases starts, the journal is rewritten and
   * the fault injector consulted, also for phases the stager skips reporting (no later than the
   * next one it reports, or its return). An injected fault is remembered, so a stager that wraps
   * exceptions cannot disguise it.
   */
  private final class StagerPhases implements ProgressListener {
    Journal.Entry entry;
    Phase current = Phase.RESOLVE;
    @Nullable InstallException injected;
    @Nullable String resolvedId;
    private int next;

    StagerPhases(Journal.Entry entry) {
      this.entry = entry;
    }

    @Override
    public void phaseStarted(Phase phase, String detail) {
      advanceTo(phase);
      progress.phaseStarted(phase, detail);
    }

    private void advanceTo(Phase phase) {
      int target = STAGER_PHASES.indexOf(phase);
      while (next <= target) {
        Phase p = STAGER_PHASES.get(next++);
        current = p;
        entry = entry.at(p);
        ctx.journal().write(entry);
        try {
          ctx.faults().beforePhase(p, request.source());
        } catch (InstallException e) {
          injected = e;
          throw e;
        }
      }
    }

    void reachEnd() {
      advanceTo(STAGER_PHASES.get(STAGER_PHASES.size() - 1));
    }

    @Override
    public void phaseFinished(Phase phase, String detail) {
      progress.phaseFinished(phase, detail);
    }

    @Override
    public void bytes(long done, long total) {
      progress.bytes(done, total);
    }

    @Override
    public void resolved(String pluginId, String version) {
      resolvedId = pluginId;
      progress.resolved(pluginId, version);
    }
  }
}
