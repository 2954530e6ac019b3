package dev.plinth.runtime;

import static dev.plinth.runtime.SystemFixture.assertSucceeded;
import static dev.plinth.runtime.SystemFixture.enabled;
import static dev.plinth.runtime.SystemFixture.note;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.plinth.installer.InstallRequest;
import dev.plinth.installer.pipeline.Pipeline;
import dev.plinth.installer.store.InstallOutcome;
import dev.plinth.installer.store.IntegrityCode;
import dev.plinth.installer.store.IntegrityReport;
import dev.plinth.installer.store.PluginStore;
import dev.plinth.manifest.HostProfiles;
import dev.plinth.runtime.leak.LeakReport;
import dev.plinth.runtime.testhost.spi.Greeter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginSystemRescanDoctorTest {
  @TempDir Path tmp;

  /** A second store on the same home, as the command line opens it: no runtime, host.toml as profile. */
  private static PluginStore otherProcess(SystemFixture f) {
    return PluginStore.builder()
        .home(f.home)
        .stager(Pipeline.builder().build())
        .hostProfile(() -> HostProfiles.read(f.home.resolve(HostProfiles.FILE_NAME)))
        .build();
  }

  @Test
  void rescan_installAndUninstallByAnotherStore_loadsThenUnloads() throws Exception {
    SystemFixture f = new SystemFixture(tmp);
    try (PluginSystem system = f.open()) {
      system.boot();
      PluginStore cli = otherProcess(f);
      assertSucceeded(cli.install(enabled(f.noteBundle("gamma", "1.0.0", ""))));
      assertThat(note(system)).isEqualTo("x");

      RescanReport added = system.rescan();

      assertThat(added.loaded()).containsExactly("gamma");
      assertThat(added.failed()).isEmpty();
      assertThat(note(system)).isEqualTo("x|gamma@1.0.0");

      assertThat(cli.uninstall("gamma", false, false)).isInstanceOf(InstallOutcome.Uninstalled.class);
      RescanReport removed = system.rescan();

      assertThat(removed.unloaded()).containsExactly("gamma");
      assertThat(note(system)).isEqualTo("x");
      assertThat(system.rescan().unchanged()).isTrue();
    }
  }

  @Test
  void watchStore_changesByAnotherStore_rescannedWithoutBeingAsked() throws Exception {
    SystemFixture f = new SystemFixture(tmp);
    java.util.concurrent.BlockingQueue<RescanReport> reports = new java.util.concurrent.LinkedBlockingQueue<>();
    PluginSystem system = f.builder().settings(SystemFixture.settings().build())
        .watchStore(java.time.Duration.ofMillis(100), reports::add).build();
    try (system) {
      assertThat(system.isWatching()).as("not before boot").isFalse();
      system.boot();
      assertThat(system.isWatching()).isTrue();
      PluginStore cli = otherProcess(f);

      assertSucceeded(cli.install(enabled(f.noteBundle("gamma", "1.0.0", ""))));
      RescanReport added = reports.poll(20, java.util.concurrent.TimeUnit.SECONDS);

      assertThat(added).as("a rescan after the other store's install").isNotNull();
      assertThat(added.loaded()).containsExactly("gamma");
      assertThat(note(system)).isEqualTo("x|gamma@1.0.0");

      cli.updateState("gamma", s -> s.withEnabled(false)); // as `plinth disable gamma` does: state.json only
      RescanReport disabled = reports.poll(20, java.util.concurrent.TimeUnit.SECONDS);

      assertThat(disabled).isNotNull();
      assertThat(disabled.unloaded()).containsExactly("gamma");
      assertThat(note(system)).isEqualTo("x");

      cli.updateState("gamma", s -> s.withEnabled(true));
      assertThat(reports.poll(20, java.util.concurrent.TimeUnit.SECONDS).loaded()).containsExactly("gamma");
      assertThat(cli.uninstall("gamma", false, false)).isInstanceOf(InstallOutcome.Uninstalled.class);
      RescanReport removed = reports.poll(20, java.util.concurrent.TimeUnit.SECONDS);

      assertThat(removed).isNotNull();
      assertThat(removed.unloaded()).containsExactly("gamma");
      assertThat(note(system)).isEqualTo("x");
      // this system's own changes wake the watch too, but a rescan that changes nothing is not reported
      assertSucceeded(system.install(enabled(f.noteBundle("delta", "1.0.0", ""))));
      assertThat(reports.poll(1, java.util.concurrent.TimeUnit.SECONDS)).isNull();
      // a rescan that finds nothing to do writes no store file, so the watch cannot wake itself
      java.nio.file.attribute.FileTime lock = Files.getLastModifiedTime(f.home.resolve("plinth.lock"));
      java.nio.file.attribute.FileTime state = Files.getLastModifiedTime(f.home.resolve("state.json"));
      assertThat(system.rescan().unchanged()).isTrue();
      assertThat(Files.getLastModifiedTime(f.home.resolve("plinth.lock"))).isEqualTo(lock);
      assertThat(Files.getLastModifiedTime(f.home.resolve("state.json"))).isEqualTo(state);
    }
    assertThat(system.isWatching()).as("stopped by close").isFalse();
  }

  @Test
  void watchStore_quietPeriodMustBePositive() {
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> PluginSystem.builder()
        .watchStore(java.time.Duration.ZERO, r -> {}))).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("watchStore.quietPeriod must be positive: PT0S");
  }

  @Test
  void rescan_upgradeByAnotherStoreFailsHealth_keepsOldVersionRunningAsStale() throws Exception {
    SystemFixture f = new SystemFixture(tmp);
    try (PluginSystem system = f.open()) {
      assertSucceeded(system.install(enabled(f.noteBundle("gamma", "1.0.0", ""))));
      Path broken = f.bundle("gamma", "2.0.0", SystemFixture.contributesNote(), SystemFixture.hookPlugin("gamma",
          "return HookResult.unchanged();", "return HealthStatus.unhealthy(\"not ready\");"), false);
      assertSucceeded(otherProcess(f).install(InstallRequest.of(broken.toString())));

      RescanReport r = system.rescan();

      assertThat(r.stale()).containsExactly("gamma");
      assertThat(r.failed()).containsKey("gamma");
      assertThat(r.failed().get("gamma")).contains("not ready");
      assertThat(note(system)).isEqualTo("x|gamma@1.0.0");
    }
  }

  @Test
  void rescan_newlyEnabledVersionFailsHealth_rollsBackThroughStoreToPrevious() throws Exception {
    SystemFixture f = new SystemFixture(tmp);
    try (PluginSystem system = f.open()) {
      assertSucceeded(system.install(InstallRequest.of(f.noteBundle("gamma", "1.0.0", "").toString())));
      Path broken = f.bundle("gamma", "2.0.0", SystemFixture.contributesNote(), SystemFixture.hookPlugin("gamma",
          "return HookResult.unchanged();", "return HealthStatus.unhealthy(\"not ready\");"), false);
      assertSucceeded(otherProcess(f).install(enabled(broken)));

      RescanReport r = system.rescan();

      assertThat(r.failed().get("gamma")).contains("not ready").endsWith("(rolled back to 1.0.0)");
      assertThat(system.store().info("gamma").orElseThrow().currentVersion()).isEqualTo("1.0.0");
      assertThat(system.info("gamma").orElseThrow().loadState()).isEqualTo(LoadState.STARTED);
      assertThat(note(system)).isEqualTo("x|gamma@1.0.0");
    }
  }

  @Test
  void rescan_dependencyUninstalledByAnotherStore_dependentUnloadedFailedThenBackWithIt() throws Exception {
    SystemFixture f = new SystemFixture(tmp);
    try (PluginSystem system = f.open()) {
      system.boot();
      assertSucceeded(system.install(enabled(f.zetaBundle())));
      assertSucceeded(system.install(enabled(f.noteBundle("alpha", "1.0.0", SystemFixture.NEEDS_ZETA))));
      assertThat(note(system)).isEqualTo("x|alpha@1.0.0");
      PluginStore cli = otherProcess(f);

      assertThat(cli.uninstall("zeta", false, true)).isInstanceOf(InstallOutcome.Uninstalled.class);
      RescanReport gone = system.rescan();

      assertThat(gone.unloaded()).containsExactlyInAnyOrder("zeta", "alpha");
      assertThat(gone.failed()).containsOnlyKeys("alpha");
      assertThat(gone.failed().get("alpha")).startsWith("DEPENDENCY_MISSING ").contains("zeta");
      assertThat(system.info("alpha").orElseThrow().loadState()).isEqualTo(LoadState.FAILED);
      assertThat(note(system)).isEqualTo("x");

      assertSucceeded(cli.install(enabled(f.zetaBundle())));
      RescanReport back = system.rescan();

      assertThat(back.loaded()).containsExactly("zeta", "alpha");
      assertThat(back.failed()).isEmpty();
      assertThat(system.info("alpha").orElseThrow().loadState()).isEqualTo(LoadState.STARTED);
      assertThat(note(system)).isEqualTo("x|alpha@1.0.0");
    }
  }

  @Test
  void rescan_pluginInstalledByAnotherStoreFailsToStart_reportedWithItsErrorAndNotLoaded() throws Exception {
    SystemFixture f = new SystemFixture(tmp);
    try (PluginSystem system = f.open()) {
      system.boot();
      Path crashing = f.bundle("delta", "1.0.0", "", Sources.plugin("com.delta.Entry",
          "throw new IllegalStateException(\"no database\");", "", "return HealthStatus.healthy();"), false);
      assertSucceeded(otherProcess(f).install(enabled(crashing)));

      RescanReport r = system.rescan();

      assertThat(r.loaded()).isEmpty();
      assertThat(r.failed()).containsOnlyKeys("delta");
      assertThat(r.failed().get("delta")).startsWith("START_FAILED ").contains("no database");
      assertThat(system.info("delta").orElseThrow().loadState()).isEqualTo(LoadState.FAILED);
      assertThat(system.info("delta").orElseThrow().lastError()).contains("no database");
      assertThat(system.store().info("delta").orElseThrow().currentVersion()).as("nothing to roll back to")
          .isEqualTo("1.0.0");
    }
  }

  @Test
  void doctor_tamperedFile_reportsIntegrityProblem() throws Exception {
    SystemFixture f = new SystemFixture(tmp);
    try (PluginSystem system = f.open()) {
      assertSucceeded(system.install(enabled(f.noteBundle("alpha", "1.0.0", ""))));
      assertThat(system.doctor().healthy()).isTrue();
      Path manifest = system.store().currentDir("alpha").orElseThrow().resolve("plugin.toml");
      Files.writeString(manifest, "# edited by hand\n", StandardOpenOption.APPEND);

      DoctorReport report = system.doctor();

      assertThat(report.healthy()).isFalse();
      PluginDiagnosis alpha = report.plugin("alpha").orElseThrow();
      // The install-time index no longer vouches for the edited manifest either.
      assertThat(alpha.integrity()).extracting(IntegrityReport.Problem::code)
          .containsExactly(IntegrityCode.FILE_MODIFIED, IntegrityCode.INDEX_ENTRY_TAMPERED);
      assertThat(alpha.integrity().get(0).path()).isEqualTo("plugins/alpha/versions/1.0.0/plugin.toml");
      assertThat(alpha.loadState()).isEqualTo(LoadState.STARTED);
      assertThat(report.store().ok()).isTrue();
      assertThat(report.toText()).contains("[FAIL] alpha").contains("FILE_MODIFIED plugins/alpha/versions/1.0.0/plugin.toml");
      assertThat(report.toJson()).contains("\"code\" : \"FILE_MODIFIED\"").contains("\"healthy\" : false");
    }
  }

  @Test
  void doctor_pluginThreadOutlivesUnload_reportsLeakWithThread() throws Exception {
    SystemFixture f = new SystemFixture(tmp);
    String source = """
        package com.leaky;
        import dev.plinth.api.*;
        public class Entry implements Plugin {
          public void start(PluginContext ctx) {
            Thread t = new Thread(() -> {
              while (!Boolean.getBoolean("plinth.test.leaky.stop")) {
                try { Thread.sleep(20); } catch (InterruptedException e) { }
              }
            }, "leaky-worker");
            t.setDaemon(true);
            t.start();
          }
        }
        """;
    try (PluginSystem system = f.open()) {
      assertSucceeded(system.install(enabled(f.bundle("leaky", "1.0.0", "", source, false))));
      assertThat(system.disable("leaky").loadState()).isEqualTo(LoadState.NOT_LOADED);

      PluginDiagnosis leaky = system.doctor().plugin("leaky").orElseThrow();

      assertThat(leaky.ok()).isFalse();
      assertThat(leaky.leaks()).isNotEmpty();
      assertThat(leaky.leaks().get(0).names(LeakReport.Kind.THREAD)).contains("leaky-worker");
      assertThat(system.doctor().toJson()).contains("leaky-worker").contains("\"next_step\" : \"Stop or remove the holders");
      assertThat(system.doctor().toText()).contains("next: Stop or remove the holders listed in leaky's Plugin.stop()");
    } finally {
      System.setProperty("plinth.test.leaky.stop", "true");
    }
  }

  @Test
  void doctor_interruptedTransaction_reportedInStoreSection() throws Exception {
    SystemFixture f = new SystemFixture(tmp);
    try (PluginSystem system = f.open()) {
      Files.writeString(f.home.resolve("journal").resolve("tx-test.json"), "{}");

      DoctorReport report = system.doctor();

      assertThat(report.store().interruptedTransactions())
          .extracting(IntegrityReport.Problem::code).containsExactly(IntegrityCode.JOURNAL_LEFT);
      assertThat(report.healthy()).isFalse();
    }
  }

  @Test
  void doctor_orphansAndDanglingPointer_reportedInStoreSection() throws Exception {
    SystemFixture f = new SystemFixture(tmp);
    try (PluginSystem system = f.open()) {
      assertSucceeded(system.install(enabled(f.noteBundle("alpha", "1.0.0", ""))));
      assertSucceeded(system.install(enabled(f.noteBundle("beta", "1.0.0", ""))));
      assertThat(system.doctor().store().ok()).isTrue();
      Files.createDirectories(f.home.resolve("staging/tx-left-by-a-crash"));
      Files.createDirectories(f.home.resolve("plugins/alpha/versions/9.9.9"));
      Path betaCurrent = system.store().currentDir("beta").orElseThrow();
      SystemFixture.deleteTree(betaCurrent);

      DoctorReport report = system.doctor();

      assertThat(report.healthy()).isFalse();
      assertThat(report.store().orphans()).extracting(IntegrityReport.Problem::code, IntegrityReport.Problem::path)
          .containsExactlyInAnyOrder(
              tuple(IntegrityCode.STAGING_LEFT, "staging/tx-left-by-a-crash"),
              tuple(IntegrityCode.INSTALL_RECORD_MISSING,
                  "plugins/alpha/versions/9.9.9/.install.json"));
      assertThat(report.store().danglingPointers()).singleElement().satisfies(p -> {
        assertThat(p.code()).isEqualTo(IntegrityCode.POINTER_DANGLING);
        assertThat(p.pluginId()).isEqualTo("beta");
      });
      assertThat(report.store().interruptedTransactions()).isEmpty();
      assertThat(report.toText()).contains("STAGING_LEFT").contains("INSTALL_RECORD_MISSING").contains("POINTER_DANGLING");
      assertThat(report.toJson()).contains("\"POINTER_DANGLING\"").contains("\"STAGING_LEFT\"");
    }
  }

  @Test
  void doctor_pluginUsingEveryContextService_disabledWithoutLeak() throws Exception {
    PingServer server = PingServer.start();
    String url = server.url();
    String source = """
        package com.busy;
        import dev.plinth.api.*;
        import dev.plinth.api.hook.*;
        import dev.plinth.runtime.testhost.spi.TestHooks;
        public class Entry implements Plugin {
          public void start(PluginContext ctx) throws Exception {
            ctx.hooks().register(TestHooks.NOTE, c -> HookResult.proceed(new TestHooks.Note(c.data().text() + "|isolated")));
            ctx.hooks().register(TestHooks.NOTE, HookOptions.DEFAULTS.withMode(ExecutionMode.INLINE).withPriority(-1),
                c -> HookResult.proceed(new TestHooks.Note(c.data().text() + "|inline")));
            HttpAccess.Response r = ctx.http().send(HttpAccess.Request.get(java.net.URI.create("%s")));
            java.nio.file.Files.writeString(ctx.files().resolve("status.txt"), r.status() + " " + ctx.config().asMap());
          }
        }
        """.formatted(url);
    SystemFixture f = new SystemFixture(tmp);
    try (PluginSystem system = f.open()) {
      Path bundle = f.bundle("busy", "1.0.0", SystemFixture.contributesNote()
          + "[plugin.permissions]\nnetwork = [\"127.0.0.1\"]\n", source, true);
      assertSucceeded(system.install(enabled(bundle).withAcknowledgePermissions(true)));
      assertThat(system.info("busy").orElseThrow().loadState()).isEqualTo(LoadState.STARTED);
      for (int i = 0; i < 20; i++) {
        assertThat(note(system)).isEqualTo("x|isolated|inline");
      }
      assertThat(system.extensions(Greeter.class)).singleElement()
          .satisfies(e -> assertThat(e.instance().greet("bo")).isEqualTo("busy@1.0.0 bo"));

      assertThat(system.disable("busy").loadState()).isEqualTo(LoadState.NOT_LOADED);

      PluginDiagnosis busy = system.doctor().plugin("busy").orElseThrow();
      assertThat(busy.leaks()).as("leaks: %s", busy.leaks()).isEmpty();
    } finally {
      server.close();
    }
  }
}
