package dev.plinth.installer.store;

import dev.plinth.api.HealthStatus;
import dev.plinth.api.PlinthException;
import dev.plinth.installer.InstallErrorCode;
import dev.plinth.installer.InstallException;
import dev.plinth.installer.Phase;
import dev.plinth.installer.ProgressListener;
import dev.plinth.manifest.PluginManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The store-changing half of a transaction: {@code activate} (move the staged version into
 * place, switch {@code current}, load it), {@code health} and {@code commit}; on any failure, the
 * rollback. Shared by installs and operator rollbacks.
 */
final class Activation {
  /**
   * Runs health checks. Its threads are created in {@code doPrivileged}, with the installer's
   * context loader and no inherited thread-locals, so they keep no plugin loader reachable through
   * the creating stack's access-control context (JDKs before 24) or context loader.
   */
  @SuppressWarnings("removal")
  private static final ExecutorService HEALTH = Executors.newCachedThreadPool(r ->
      java.security.AccessController.doPrivileged((java.security.PrivilegedAction<Thread>) () -> {
        Thread t = new Thread(null, r, "plinth-health-check", 0, false);
        t.setDaemon(true);
        t.setContextClassLoader(Activation.class.getClassLoader());
        return t;
      }));

  private Activation() {}

  /**
   * Runs ACTIVATE, HEALTH and COMMIT for the journalled transaction {@code e}.
   *
   * @param moveFrom the staged bundle root to rename to {@code versions/<to>}, or null when the
   *     version folder already exists
   * @param newState the plugin's state to write at commit, or null to leave state.json alone
   * @param success the outcome once committed, given the committed entry
   */
  static InstallOutcome run(StoreContext ctx, Journal.Entry e, PluginManifest manifest,
      @Nullable Path moveFrom, @Nullable PluginState newState, ProgressListener progress,
      Function<Journal.Entry, InstallOutcome> success) {
    StoreLayout layout = ctx.layout();
    String id = e.pluginId();
    String to = java.util.Objects.requireNonNull(e.toVersion(), "toVersion");
    Path versionDir = layout.versionDir(id, to);
    Journal.Entry cur = e;
    try {
      cur = enter(ctx, cur, Phase.ACTIVATE, progress);
      ctx.faults().beforePhase(Phase.ACTIVATE, id);
      if (moveFrom != null) {
        Files.createDirectories(layout.versionsDir(id));
        AtomicFiles.moveAtomically(moveFrom, versionDir);
        AtomicFiles.fsyncDir(layout.versionsDir(id));
      }
      if (e.fromVersion() != null) {
        call(Phase.ACTIVATE, id, "deactivate " + e.fromVersion(), () -> ctx.activator().deactivate(id));
      }
      ctx.pointer().point(layout.pluginDir(id), to);
      call(Phase.ACTIVATE, id, "activate " + to, () -> ctx.activator().activate(manifest, versionDir));

      cur = enter(ctx, cur, Phase.HEALTH, progress);
      ctx.faults().beforePhase(Phase.HEALTH, id);
      checkHealth(ctx, id, to);

      cur = enter(ctx, cur, Phase.COMMIT, progress);
      ctx.faults().beforePhase(Phase.COMMIT, id);
      if (newState != null) {
        Map<String, PluginState> state = StateFile.read(layout);
        state.put(id, newState);
        StateFile.write(layout, state);
      }
      StoreMetadata.sync(ctx);
      cur = cur.committedNow();
      ctx.journal().write(cur);
    } catch (Exception ex) {
      return rollBack(ctx, cur, ex);
    }
    Undo.finish(ctx, cur);
    progress.phaseFinished(Phase.COMMIT, id + "@" + to);
    return success.apply(cur);
  }

  /** Journals the phase (before anything of it happens) and reports its start. */
  static Journal.Entry enter(StoreContext ctx, Journal.Entry e, Phase phase, ProgressListener progress) {
    Journal.Entry next = e.at(phase);
    ctx.journal().write(next);
    ctx.emit("phase_started", e.pluginId(), e.toVersion(), e.tx(), Map.of("phase", phase.jsonName()));
    progress.phaseStarted(phase, e.pluginId() + (e.toVersion() == null ? "" : "@" + e.toVersion()));
    return next;
  }

  /** Undoes a failed transaction, records {@code rolled_back}, and says so. */
  static InstallOutcome.RolledBack rollBack(StoreContext ctx, Journal.Entry e, Exception ex) {
    InstallException error = asInstallException(e.phase(), e.pluginId(), ex);
    @Nullable String restored = Undo.rollBack(ctx, e, true);
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("phase", e.phase().jsonName());
    detail.put("code", error.code().code());
    detail.put("cause", error.getMessage());
    detail.put("operation", e.operation().name().toLowerCase(java.util.Locale.ROOT));
    detail.put("to_version", e.toVersion());
    detail.put("restored_version", restored);
    ctx.emit("rolled_back", e.pluginId(), e.toVersion(), e.tx(), detail);
    return new InstallOutcome.RolledBack(e.pluginId(), e.phase(), InstallOutcome.Cause.of(error), restored);
  }

  static InstallException asInstallException(Phase phase, String subject, Exception ex) {
    if (ex instanceof InstallException ie) {
      return ie;
    }
    if (ex instanceof PlinthException pe) {
      return new InstallException(InstallErrorCode.ACTIVATION_FAILED, phase,
          pe.getMessage() == null ? pe.code().code() : pe.getMessage(), pe.nextStep(),
          Map.of("plugin", subject, "cause_code", pe.code().code()), pe);
    }
    InstallErrorCode code = InstallErrorCode.ofIoFailure(ex, InstallErrorCode.STORE_IO);
    return new InstallException(code, phase,
        "store file operation failed in " + phase.jsonName() + ": " + ex.getMessage(),
        code.ioNextStep("the plugin home", "Check free space and permissions under the plugin home, then retry."),
        Map.of("plugin", subject), ex);
  }

  private static void checkHealth(StoreContext ctx, String id, String version) {
    Duration timeout = ctx.healthTimeout();
    // A FutureTask, so that cancel(true) interrupts a check that overruns its timeout.
    Future<HealthStatus> f = HEALTH.submit(() -> ctx.activator().health(id, timeout));
    HealthStatus status;
    try {
      status = f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException te) {
      f.cancel(true);
      throw unhealthy(id, version, "no answer within " + timeout.toMillis() + " ms", te);
    } catch (ExecutionException ee) {
      throw unhealthy(id, version, "health check threw " + ee.getCause(), ee.getCause());
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw unhealthy(id, version, "interrupted", ie);
    }
    if (!status.isUsable()) {
      throw unhealthy(id, version, status.state().name().toLowerCase(java.util.Locale.ROOT)
          + (status.detail().isEmpty() ? "" : " (" + status.detail() + ")"), null);
    }
  }

  private static InstallException unhealthy(String id, String version, String why, @Nullable Throwable cause) {
    return new InstallException(InstallErrorCode.HEALTH_CHECK_FAILED, Phase.HEALTH,
        "plugin.health of " + id + "@" + version + " is not usable: " + why,
        "Check the plugin's log and configuration; the previous version was restored.",
        Map.of("plugin", id, "version", version), cause);
  }

  @FunctionalInterface
  interface Call {
    void run() throws Exception;
  }

  private static void call(Phase phase, String id, String what, Call c) {
    try {
      c.run();
    } catch (InstallException e) {
      throw e;
    } catch (Exception e) {
      throw new InstallException(InstallErrorCode.ACTIVATION_FAILED, phase,
          "activator " + what + " failed for " + id + ": " + e,
          "Check the plugin's log; fix the plugin or its configuration, then install again.",
          Map.of("plugin", id, "step", what), e);
    }
  }
}
