package dev.plinth.installer.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.installer.InstallRequest;
import dev.plinth.installer.Phase;
import dev.plinth.installer.events.PlinthEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** A failure injected at every phase, for fresh installs and upgrades, leaves the exact prior home. */
class TransactionFaultTest {
  @TempDir Path tmp;

  static Stream<Arguments> phasesAndStyles() {
    List<Arguments> out = new ArrayList<>();
    for (Phase p : Phase.values()) {
      for (PointerStyle s : List.of(PointerStyle.SYMLINK, PointerStyle.POINTER_FILE)) {
        out.add(Arguments.of(p, s));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("phasesAndStyles")
  void freshInstall_failingAtPhase_leavesHomeExactlyAsBefore(Phase phase, PointerStyle style) {
    StoreFixture fx = new StoreFixture(tmp);
    String src = fx.bundle("alpha", "1.0.0");
    fx.open(style).install(FolderStagerRequests.of(fx.bundle("other", "1.0.0")));
    Map<String, String> before = HomeSnapshot.of(fx.home);

    InstallOutcome o = fx.open(style, FaultInjector.failAt(phase)).install(InstallRequest.of(src).withEnable(true));

    assertFailedAt(o, phase, phase.compareTo(Phase.ACTIVATE) >= 0 ? "alpha" : (phase == Phase.PREPARE ? "alpha" : src), null);
    assertThat(HomeSnapshot.of(fx.home)).isEqualTo(before);
    assertThat(fx.home.resolve("plugins/alpha")).doesNotExist();
    assertRolledBackEvent(fx, phase);
    assertThat(StoreIntegrity.check(fx.home).problems()).isEmpty();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("phasesAndStyles")
  void upgrade_failingAtPhase_restoresPreviousVersionExactly(Phase phase, PointerStyle style) {
    StoreFixture fx = new StoreFixture(tmp);
    fx.open(style).install(InstallRequest.of(fx.bundle("alpha", "1.0.0")).withEnable(true));
    Map<String, String> before = HomeSnapshot.of(fx.home);
    fx.activator.calls.clear();

    InstallOutcome o = fx.open(style, FaultInjector.failAt(phase))
        .install(InstallRequest.of(fx.bundle("alpha", "2.0.0")).withAcknowledgePermissions(true));

    boolean changed = phase.compareTo(Phase.ACTIVATE) >= 0;
    assertFailedAt(o, phase, phase.compareTo(Phase.PREPARE) >= 0 ? "alpha" : fx.bundles.resolve("alpha-2.0.0").toString(), changed ? "1.0.0" : null);
    assertThat(HomeSnapshot.of(fx.home)).isEqualTo(before);
    assertRolledBackEvent(fx, phase);
    if (phase == Phase.HEALTH) {
      assertThat(fx.activator.calls).containsExactly("deactivate alpha@1.0.0", "activate alpha@2.0.0",
          "deactivate alpha@2.0.0", "activate alpha@1.0.0");
    } else if (phase == Phase.COMMIT) {
      assertThat(fx.activator.calls).containsExactly("deactivate alpha@1.0.0", "activate alpha@2.0.0",
          "health alpha@2.0.0", "deactivate alpha@2.0.0", "activate alpha@1.0.0");
    }
    if (!changed) {
      assertThat(fx.activator.calls).isEmpty();
    }
  }

  @Test
  void upgrade_newVersionUnhealthy_reactivatesPreviousVersion() {
    StoreFixture fx = new StoreFixture(tmp);
    fx.open(PointerStyle.SYMLINK).install(FolderStagerRequests.of(fx.bundle("alpha", "1.0.0")));
    Map<String, String> before = HomeSnapshot.of(fx.home);
    fx.activator.unhealthy.add("alpha@2.0.0");
    fx.activator.calls.clear();

    InstallOutcome o = fx.open(PointerStyle.SYMLINK).install(FolderStagerRequests.of(fx.bundle("alpha", "2.0.0")));

    assertThat(o).isInstanceOfSatisfying(InstallOutcome.RolledBack.class, r -> {
      assertThat(r.phase()).isEqualTo(Phase.HEALTH);
      assertThat(r.cause().code()).isEqualTo("HEALTH_CHECK_FAILED");
      assertThat(r.cause().message()).isEqualTo("plugin.health of alpha@2.0.0 is not usable: unhealthy (probe failed)");
      assertThat(r.restoredVersion()).isEqualTo("1.0.0");
    });
    assertThat(fx.activator.calls).containsExactly("deactivate alpha@1.0.0", "activate alpha@2.0.0",
        "health alpha@2.0.0", "deactivate alpha@2.0.0", "activate alpha@1.0.0");
    assertThat(HomeSnapshot.of(fx.home)).isEqualTo(before);
  }

  @Test
  void upgrade_healthCheckHangsOrThrows_rolledBackToPreviousVersion() throws Exception {
    StoreFixture fx = new StoreFixture(tmp);
    fx.open(PointerStyle.SYMLINK).install(FolderStagerRequests.of(fx.bundle("alpha", "1.0.0")));
    Map<String, String> before = HomeSnapshot.of(fx.home);
    fx.activator.hangingHealth.add("alpha@2.0.0");
    fx.activator.throwingHealth.add("alpha@3.0.0");
    try {
      PluginStore store = fx.builder(PointerStyle.SYMLINK).healthTimeout(java.time.Duration.ofMillis(200)).build();

      InstallOutcome hung = store.install(FolderStagerRequests.of(fx.bundle("alpha", "2.0.0")));
      InstallOutcome threw = store.install(FolderStagerRequests.of(fx.bundle("alpha", "3.0.0")));

      assertThat(hung).isInstanceOfSatisfying(InstallOutcome.RolledBack.class, r -> {
        assertThat(r.phase()).isEqualTo(Phase.HEALTH);
        assertThat(r.cause().code()).isEqualTo("HEALTH_CHECK_FAILED");
        assertThat(r.cause().message()).isEqualTo("plugin.health of alpha@2.0.0 is not usable: no answer within 200 ms");
        assertThat(r.restoredVersion()).isEqualTo("1.0.0");
      });
      assertThat(threw).isInstanceOfSatisfying(InstallOutcome.RolledBack.class, r -> {
        assertThat(r.cause().message()).isEqualTo("plugin.health of alpha@3.0.0 is not usable: health check threw"
            + " java.lang.IllegalStateException: probe crashed for alpha@3.0.0");
        assertThat(r.restoredVersion()).isEqualTo("1.0.0");
      });
      assertThat(HomeSnapshot.of(fx.home)).isEqualTo(before);
      assertThat(fx.activator.calls).endsWith("health alpha@3.0.0", "deactivate alpha@3.0.0", "activate alpha@1.0.0");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (!fx.activator.calls.contains("health interrupted alpha@2.0.0") && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(fx.activator.calls).as("the overrunning check was interrupted").contains("health interrupted alpha@2.0.0");
    } finally {
      fx.activator.release.countDown();
    }
  }

  @Test
  void install_activatorThrows_rollsBackWithActivationFailed() {
    StoreFixture fx = new StoreFixture(tmp);
    fx.activator.failActivate.add("alpha@1.0.0");
    PluginStore store = fx.open(PointerStyle.SYMLINK);
    Map<String, String> before = HomeSnapshot.of(fx.home);

    InstallOutcome o = store.install(FolderStagerRequests.of(fx.bundle("alpha", "1.0.0")));

    assertThat(o).isInstanceOfSatisfying(InstallOutcome.RolledBack.class, r -> {
      assertThat(r.phase()).isEqualTo(Phase.ACTIVATE);
      assertThat(r.cause().code()).isEqualTo("ACTIVATION_FAILED");
      assertThat(r.cause().message()).startsWith("activator activate 1.0.0 failed for alpha: java.lang.IllegalStateException: cannot load alpha@1.0.0");
      assertThat(r.restoredVersion()).isNull();
    });
    assertThat(HomeSnapshot.of(fx.home)).isEqualTo(before);
  }

  @ParameterizedTest
  @EnumSource(value = Phase.class, names = {"PREPARE", "ACTIVATE", "HEALTH", "COMMIT"})
  void operatorRollback_failingAtPhase_staysOnCurrentVersion(Phase phase) {
    StoreFixture fx = new StoreFixture(tmp);
    PluginStore plain = fx.open(PointerStyle.SYMLINK);
    plain.install(FolderStagerRequests.of(fx.bundle("alpha", "1.0.0")));
    plain.install(FolderStagerRequests.of(fx.bundle("alpha", "2.0.0")));
    Map<String, String> before = HomeSnapshot.of(fx.home);

    InstallOutcome o = fx.open(PointerStyle.SYMLINK, FaultInjector.failAt(phase)).rollback("alpha", "1.0.0");

    assertFailedAt(o, phase, "alpha", phase == Phase.PREPARE ? null : "2.0.0");
    assertThat(HomeSnapshot.of(fx.home)).isEqualTo(before);
    assertRolledBackEvent(fx, phase);
  }

  @ParameterizedTest
  @EnumSource(value = Phase.class, names = {"PREPARE", "ACTIVATE", "COMMIT"})
  void uninstall_failingAtPhase_keepsPluginInstalled(Phase phase) {
    StoreFixture fx = new StoreFixture(tmp);
    fx.open(PointerStyle.POINTER_FILE).install(InstallRequest.of(fx.bundle("alpha", "1.0.0")).withEnable(true));
    Map<String, String> before = HomeSnapshot.of(fx.home);

    InstallOutcome o = fx.open(PointerStyle.POINTER_FILE, FaultInjector.failAt(phase)).uninstall("alpha", true, false);

    assertThat(o).isInstanceOf(phase == Phase.PREPARE ? InstallOutcome.Failed.class : InstallOutcome.RolledBack.class);
    assertThat(HomeSnapshot.of(fx.home)).isEqualTo(before);
  }

  @Test
  void failAtTimes_failsOnlyTheFirstTransactions() {
    StoreFixture fx = new StoreFixture(tmp);
    PluginStore store = fx.open(PointerStyle.SYMLINK, FaultInjector.failAt(Phase.COMMIT, 1));
    String src = fx.bundle("alpha", "1.0.0");
    assertThat(store.install(FolderStagerRequests.of(src))).isInstanceOf(InstallOutcome.RolledBack.class);
    assertThat(store.install(FolderStagerRequests.of(src))).isEqualTo(new InstallOutcome.Installed("alpha", "1.0.0"));
  }

  private static void assertFailedAt(InstallOutcome o, Phase phase, String id, String restored) {
    if (phase.compareTo(Phase.ACTIVATE) >= 0) {
      assertThat(o).isInstanceOfSatisfying(InstallOutcome.RolledBack.class, r -> {
        assertThat(r.phase()).isEqualTo(phase);
        assertThat(r.pluginId()).isEqualTo(id);
        assertThat(r.cause().code()).isEqualTo("FAULT_INJECTED");
        assertThat(r.restoredVersion()).isEqualTo(restored);
      });
    } else {
      assertThat(o).isInstanceOfSatisfying(InstallOutcome.Failed.class, f -> {
        assertThat(f.phase()).isEqualTo(phase);
        assertThat(f.pluginId()).isEqualTo(id);
        assertThat(f.cause().code()).isEqualTo("FAULT_INJECTED");
        assertThat(f.cause().message()).isEqualTo("phase " + phase.jsonName() + " failed by fault injection: " + f.cause().details().get("subject"));
      });
    }
  }

  private static void assertRolledBackEvent(StoreFixture fx, Phase phase) {
    List<PlinthEvent> events = fx.events("rolled_back");
    assertThat(events).hasSize(1);
    assertThat(events.get(0).detail()).containsEntry("phase", phase.jsonName()).containsEntry("code", "FAULT_INJECTED");
  }
}
