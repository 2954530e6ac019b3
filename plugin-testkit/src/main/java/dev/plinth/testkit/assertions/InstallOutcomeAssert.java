package dev.plinth.testkit.assertions;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.plinth.installer.Phase;
import dev.plinth.installer.store.InstallOutcome;
import java.util.Objects;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

/**
 * Assertions on an {@link InstallOutcome}; made by {@link PlinthAssertions#assertThat(InstallOutcome)}.
 * A failure message names the expected case and shows the actual outcome, with its cause when it
 * failed.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class InstallOutcomeAssert extends AbstractAssert<InstallOutcomeAssert, InstallOutcome> {

  InstallOutcomeAssert(InstallOutcome actual) {
    super(actual, InstallOutcomeAssert.class);
  }

  /** Any successful outcome (not {@code Failed}, not {@code RolledBack}). */
  public InstallOutcomeAssert succeeded() {
    isNotNull();
    if (!actual.succeeded()) {
      failWithMessage("Expected a successful outcome but was %s", describe(actual));
    }
    return this;
  }

  /** A fresh install. */
  public InstallOutcomeAssert isInstalled() {
    return is(InstallOutcome.Installed.class);
  }

  /** A fresh install of this version. */
  public InstallOutcomeAssert isInstalled(String version) {
    isInstalled();
    String got = ((InstallOutcome.Installed) actual).version();
    if (!got.equals(version)) {
      failWithMessage("Expected Installed version <%s> but was <%s>", version, got);
    }
    return this;
  }

  /** The same version and content was installed already. */
  public InstallOutcomeAssert isAlreadyInstalled() {
    return is(InstallOutcome.AlreadyInstalled.class);
  }

  /** An upgrade. */
  public InstallOutcomeAssert isUpgraded() {
    return is(InstallOutcome.Upgraded.class);
  }

  /** An upgrade between these versions. */
  public InstallOutcomeAssert isUpgraded(String from, String to) {
    isUpgraded();
    InstallOutcome.Upgraded u = (InstallOutcome.Upgraded) actual;
    if (!u.from().equals(from) || !u.to().equals(to)) {
      failWithMessage("Expected Upgraded <%s -> %s> but was <%s -> %s>", from, to, u.from(), u.to());
    }
    return this;
  }

  /** A rollback to a kept version (the operator's {@code rollback}, not a failed install). */
  public InstallOutcomeAssert isReverted() {
    return is(InstallOutcome.Reverted.class);
  }

  /** A removal. */
  public InstallOutcomeAssert isUninstalled() {
    return is(InstallOutcome.Uninstalled.class);
  }

  /** The store had changed, the phase failed, and the transaction was rolled back. */
  public InstallOutcomeAssert isRolledBackAt(Phase phase) {
    is(InstallOutcome.RolledBack.class);
    Phase got = ((InstallOutcome.RolledBack) actual).phase();
    if (got != phase) {
      failWithMessage("Expected RolledBack at phase <%s> but it was rolled back at <%s> (%s)", phase, got, describe(actual));
    }
    return this;
  }

  /**
   * The install failed at this phase, whether before the store changed ({@code Failed}) or after
   * ({@code RolledBack}); either way nothing of it remains.
   */
  public InstallOutcomeAssert isFailedAt(Phase phase) {
    isNotNull();
    @Nullable Phase got = failedPhase(actual);
    if (got == null) {
      failWithMessage("Expected a failure at phase <%s> but was %s", phase, describe(actual));
    } else if (got != phase) {
      failWithMessage("Expected a failure at phase <%s> but it failed at <%s> (%s)", phase, got, describe(actual));
    }
    return this;
  }

  /** A rolled-back outcome whose previous version is current again (null: there was none). */
  public InstallOutcomeAssert hasRestoredVersion(@Nullable String version) {
    is(InstallOutcome.RolledBack.class);
    String got = ((InstallOutcome.RolledBack) actual).restoredVersion();
    if (!Objects.equals(got, version)) {
      failWithMessage("Expected restored version <%s> but was <%s>", version, got);
    }
    return this;
  }

  /** A failed or rolled-back outcome whose cause has this error code. */
  public InstallOutcomeAssert hasCauseCode(String code) {
    isNotNull();
    InstallOutcome.@Nullable Cause cause = cause(actual);
    if (cause == null || !cause.code().equals(code)) {
      failWithMessage("Expected a failure with code <%s> but was %s", code, describe(actual));
    }
    return this;
  }

  private InstallOutcomeAssert is(Class<? extends InstallOutcome> type) {
    isNotNull();
    if (!type.isInstance(actual)) {
      failWithMessage("Expected outcome <%s> but was %s", type.getSimpleName(), describe(actual));
    }
    return this;
  }

  static @Nullable Phase failedPhase(InstallOutcome o) {
    if (o instanceof InstallOutcome.RolledBack r) {
      return r.phase();
    }
    if (o instanceof InstallOutcome.Failed f) {
      return f.phase();
    }
    return null;
  }

  private static InstallOutcome.@Nullable Cause cause(InstallOutcome o) {
    if (o instanceof InstallOutcome.RolledBack r) {
      return r.cause();
    }
    if (o instanceof InstallOutcome.Failed f) {
      return f.cause();
    }
    return null;
  }

  /** {@code <Type> [fields]}, with the cause's code and message when it failed. */
  static String describe(InstallOutcome o) {
    String base = "<" + o.getClass().getSimpleName() + "> " + o;
    InstallOutcome.Cause c = cause(o);
    return c == null ? base : "<" + o.getClass().getSimpleName() + "> at " + failedPhase(o) + ": " + c.code() + ": " + c.message();
  }
}
