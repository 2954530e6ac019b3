package dev.plinth.installer.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.installer.InstallRequest;
import dev.plinth.installer.Phase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Several writers on one home: threads, other JVMs, and JVMs that die mid-transaction. */
class MultiProcessTest {
  @TempDir Path tmp;

  @Test
  void install_sameBundleFromEightThreads_installsOnceOthersAlreadyInstalled() throws Exception {
    StoreFixture fx = new StoreFixture(tmp);
    String src = fx.bundle("alpha", "1.0.0");
    PluginStore shared = fx.open(PointerStyle.SYMLINK);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<InstallOutcome>> results = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      // half share one store, half open their own on the same home
      PluginStore store = i % 2 == 0 ? shared : fx.open(PointerStyle.SYMLINK);
      Callable<InstallOutcome> task = () -> store.install(InstallRequest.of(src));
      results.add(pool.submit(task));
    }
    List<String> kinds = new ArrayList<>();
    for (Future<InstallOutcome> f : results) {
      kinds.add(f.get(60, TimeUnit.SECONDS).getClass().getSimpleName());
    }
    pool.shutdown();

    assertThat(kinds).containsOnlyOnce("Installed").filteredOn("AlreadyInstalled"::equals).hasSize(7);
    assertThat(StoreIntegrity.check(fx.home).problems()).isEmpty();
  }

  @Test
  void install_sameBundleFromTwoJvms_installsOnceOtherAlreadyInstalled() throws Exception {
    StoreFixture fx = new StoreFixture(tmp);
    String src = fx.bundle("alpha", "1.0.0");
    Path log = tmp.resolve("child.log");
    ChildJvm a = ChildJvm.start(log, "install", fx.home.toString(), src, "300");
    ChildJvm b = ChildJvm.start(log, "install", fx.home.toString(), src, "300");

    String ra = a.awaitLine("outcome");
    String rb = b.awaitLine("outcome");
    assertThat(a.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(b.process.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(List.of(ra, rb)).containsExactlyInAnyOrder("outcome Installed", "outcome AlreadyInstalled");
    assertThat(StoreIntegrity.check(fx.home).problems()).isEmpty();
  }

  @Test
  void install_whileOtherJvmHoldsTheStore_failsWithStoreLocked() throws Exception {
    StoreFixture fx = new StoreFixture(tmp);
    PluginStore impatient = fx.builder(PointerStyle.SYMLINK).lockTimeout(Duration.ofMillis(200)).build();
    ChildJvm holder = ChildJvm.start(tmp.resolve("child.log"), "install", fx.home.toString(), fx.bundle("alpha", "1.0.0"), "4000");
    assertThat(holder.awaitLine("locked")).isEqualTo("locked");

    InstallOutcome o = impatient.install(InstallRequest.of(fx.bundle("beta", "1.0.0")));

    assertThat(o).isInstanceOfSatisfying(InstallOutcome.Failed.class, f -> {
      assertThat(f.phase()).isEqualTo(Phase.RESOLVE);
      assertThat(f.cause().code()).isEqualTo("STORE_LOCKED");
      assertThat(f.cause().message()).isEqualTo("store lock held by another process for more than 200 ms: "
          + fx.home.toAbsolutePath().normalize().resolve(".store.lock"));
    });
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> fx.builder(PointerStyle.SYMLINK).lockTimeout(Duration.ofMillis(100)).build())
        .isInstanceOfSatisfying(dev.plinth.installer.InstallException.class,
            e -> assertThat(e.code()).isEqualTo(dev.plinth.installer.InstallErrorCode.STORE_LOCKED));
    assertThat(holder.awaitLine("outcome")).isEqualTo("outcome Installed");
    holder.process.waitFor(60, TimeUnit.SECONDS);
  }

  @ParameterizedTest
  @EnumSource(Phase.class)
  void upgrade_jvmHaltedAtPhase_reopenRestoresPreviousVersion(Phase phase) throws Exception {
    StoreFixture fx = new StoreFixture(tmp);
    fx.open(PointerStyle.SYMLINK).install(InstallRequest.of(fx.bundle("alpha", "1.0.0")).withEnable(true));
    Map<String, String> before = HomeSnapshot.of(fx.home);

    ChildJvm child = ChildJvm.start(tmp.resolve("child.log"), "halt", fx.home.toString(), fx.bundle("alpha", "2.0.0"), phase.name());
    assertThat(child.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(child.process.exitValue()).isEqualTo(77);
    assertThat(StoreLayout.listNames(fx.home.resolve("journal"), false)).hasSize(1);

    fx.open(PointerStyle.SYMLINK);

    assertThat(HomeSnapshot.of(fx.home)).isEqualTo(before);
    assertThat(fx.events("recovered")).singleElement().satisfies(e -> {
      assertThat(e.detail()).containsEntry("action", "rolled_back").containsEntry("phase", phase.jsonName());
      assertThat(e.version()).isEqualTo(phase.compareTo(Phase.PREPARE) >= 0 ? "1.0.0" : "");
    });
    assertThat(StoreIntegrity.check(fx.home).problems()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(value = Phase.class, names = {"EXTRACT", "PREPARE", "ACTIVATE", "HEALTH", "COMMIT"})
  void freshInstall_jvmHaltedAtPhase_reopenLeavesNoTrace(Phase phase) throws Exception {
    StoreFixture fx = new StoreFixture(tmp);
    fx.open(PointerStyle.POINTER_FILE);
    Map<String, String> before = HomeSnapshot.of(fx.home);

    ChildJvm child = ChildJvm.start(tmp.resolve("child.log"), "halt", fx.home.toString(), fx.bundle("alpha", "1.0.0"), phase.name());
    assertThat(child.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(child.process.exitValue()).isEqualTo(77);

    fx.open(PointerStyle.POINTER_FILE);

    assertThat(HomeSnapshot.of(fx.home)).isEqualTo(before);
    assertThat(fx.home.resolve("plugins/alpha")).doesNotExist();
  }
}
