package dev.plinth.runtime;

import static dev.plinth.runtime.SystemFixture.assertSucceeded;
import static dev.plinth.runtime.SystemFixture.enabled;
import static dev.plinth.runtime.SystemFixture.note;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.api.Plugin;
import dev.plinth.api.PluginContext;
import dev.plinth.installer.Phase;
import dev.plinth.installer.events.EventQuery;
import dev.plinth.installer.store.InstallOutcome;
import dev.plinth.manifest.ManifestParser;
import dev.plinth.manifest.PluginManifest;
import dev.plinth.runtime.discovery.Extension;
import dev.plinth.runtime.lifecycle.BootReport;
import dev.plinth.runtime.testhost.spi.Greeter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginSystemLifecycleTest {
  @TempDir Path tmp;

  @Test
  void upgrade_healthCheckFails_rollsBackToV1WhichServesHooksAgain() throws Exception {
    SystemFixture f = new SystemFixture(tmp);
    try (PluginSystem system = f.open()) {
      assertSucceeded(system.install(enabled(f.noteBundle("alpha", "1.0.0", ""))));
      Path v2 = f.bundle("alpha", "2.0.0", SystemFixture.contributesNote(), SystemFixture.hookPlugin("alpha",
          "return HookResult.proceed(new TestHooks.Note(c.data().text() + \"|v2\"));",
          "return HealthStatus.unhealthy(\"database unreachable\");"), false);

      InstallOutcome outcome = system.install(enabled(v2));

      assertThat(outcome).isInstanceOfSatisfying(InstallOutcome.RolledBack.class, r -> {
        assertThat(r.phase()).isEqualTo(Phase.HEALTH);
        assertThat(r.restoredVersion()).isEqualTo("1.0.0");
        assertThat(r.cause().message()).contains("database unreachable");
      });
      PluginStatus status = system.info("alpha").orElseThrow();
      assertThat(status.currentVersion()).isEqualTo("1.0.0");
      assertThat(status.versions()).containsExactly("1.0.0");
      assertThat(status.loadState()).isEqualTo(LoadState.STARTED);
      assertThat(note(system)).isEqualTo("x|alpha@1.0.0");
      assertThat(system.events(EventQuery.all().withPlugin("alpha").withType("rolled_back"))).hasSize(1);
    }
  }

  @Test
  void hookFailures_reachThreshold_autoDisableAndUnload() throws Exception {
    SystemFixture f = new SystemFixture(tmp);
    try (PluginSystem system = f.open()) {
      Path bundle = f.bundle("crashy", "1.0.0", SystemFixture.contributesNote(), SystemFixture.hookPlugin("crashy",
          "throw new IllegalStateException(\"boom\");", "return HealthStatus.healthy();"), false);
      assertSucceeded(system.install(enabled(bundle)));

      for (int i = 0; i < 3; i++) {
        assertThat(note(system)).isEqualTo("x");
      }
      SystemFixture.await("auto-disable", () -> !f.sink.ofType("auto_disabled").isEmpty()
          && system.info("crashy").orElseThrow().loadState() == LoadState.AUTO_DISABLED);

      PluginStatus status = system.info("crashy").orElseThrow();
      assertThat(status.enabled()).isFalse();
      assertThat(status.lastError()).contains("boom");
      assertThat(system.store().state().get("crashy").enabled()).isFalse();
      assertThat(system.events(EventQuery.all().withType("auto_disabled")))
          .singleElement().satisfies(e -> assertThat(e.detail()).containsEntry("code", "HOOK_FAILED"));
      assertThat(system.hooks().registry().size()).isZero();

      PluginStatus reenabled = system.enable("crashy");
      assertThat(reenabled.loadState()).isEqualTo(LoadState.STARTED);
      assertThat(system.doctor().plugin("crashy").orElseThrow().crashGuard().disabled()).isFalse();
    }
  }

  @Test
  void safeMode_bootsBuiltinsOnly() throws Exception {
    SystemFixture f = new SystemFixture(tmp);
    try (PluginSystem system = f.open()) {
      assertSucceeded(system.install(enabled(f.noteBundle("alpha", "1.0.0", ""))));
    }
    try (PluginSystem safe = f.builder().settings(SystemFixture.settings().build()).safeMode(true)
        .builtin(TestBuiltin.MANIFEST, new TestBuiltin()).build()) {
      BootReport report = safe.boot();

      assertThat(report.loadedIds()).containsExactly("host_tools");
      assertThat(report.skipped()).containsExactly(new BootReport.Skipped("alpha", BootReport.SkipReason.SAFE_MODE));
      assertThat(safe.info("alpha").orElseThrow().loadState()).isEqualTo(LoadState.SAFE_MODE);
      assertThat(safe.info("host_tools").orElseThrow().builtin()).isTrue();
      assertThat(note(safe)).isEqualTo("x|builtin");

      assertThat(safe.disable("host_tools").loadState()).isEqualTo(LoadState.NOT_LOADED);
      assertThat(note(safe)).isEqualTo("x");
      assertThat(safe.enable("host_tools").loadState()).isEqualTo(LoadState.STARTED);
      assertThat(note(safe)).isEqualTo("x|builtin");
    }
  }

  @Test
  void boot_afterReopen_loadsEnabledInDependencyOrder_extensionsInLoadOrder() throws Exception {
    SystemFixture f = new SystemFixture(tmp);
    try (PluginSystem system = f.open()) {
      assertSucceeded(system.install(enabled(f.zetaBundle())));
      assertSucceeded(system.install(enabled(f.bundle("alpha", "1.0.0",
          SystemFixture.contributesNote() + SystemFixture.NEEDS_ZETA,
          Sources.noop("com.alpha.Entry"), true))));
      assertSucceeded(system.install(SystemFixture.enabled(f.noteBundle("mid", "1.0.0", "")).withEnable(false)));
    }
    try (PluginSystem reopened = f.open()) {
      BootReport report = reopened.boot();

      assertThat(report.ok()).isTrue();
      assertThat(report.loadedIds()).containsExactly("zeta", "alpha");
      assertThat(report.skipped()).containsExactly(new BootReport.Skipped("mid", BootReport.SkipReason.DISABLED));
      assertThat(reopened.extensions(Greeter.class)).extracting(Extension::pluginId).containsExactly("zeta", "alpha");
      assertThat(reopened.extensions(Greeter.class)).extracting(e -> e.instance().greet("you"))
          .containsExactly("zeta@1.0.0 you", "alpha@1.0.0 you");
    }
  }

  @Test
  void install_inSafeMode_commitsWithoutLoadingAndTheNextNormalBootLoadsIt() throws Exception {
    SystemFixture f = new SystemFixture(tmp);
    try (PluginSystem safe = f.builder().settings(SystemFixture.settings().build()).safeMode(true).build()) {
      safe.boot();

      InstallOutcome outcome = safe.install(enabled(f.noteBundle("alpha", "1.0.0", "")));

      assertSucceeded(outcome);
      assertThat(safe.info("alpha").orElseThrow().currentVersion()).isEqualTo("1.0.0");
      assertThat(safe.info("alpha").orElseThrow().loadState()).isEqualTo(LoadState.SAFE_MODE);
      assertThat(note(safe)).as("nothing third-party runs in safe mode").isEqualTo("x");
      assertThat(f.sink.ofType("activation_deferred")).singleElement().satisfies(e -> {
        assertThat(e.pluginId()).isEqualTo("alpha");
        assertThat(e.detail()).containsEntry("reason", "safe mode is on");
      });
      assertThat(f.sink.ofType("started")).isEmpty();
    }
    try (PluginSystem normal = f.open()) {
      assertThat(normal.boot().loadedIds()).containsExactly("alpha");
      assertThat(note(normal)).isEqualTo("x|alpha@1.0.0");
    }
  }

  @Test
  void install_dependencyNotLoaded_defersActivationUntilTheDependencyIsEnabled() throws Exception {
    SystemFixture f = new SystemFixture(tmp);
    try (PluginSystem system = f.open()) {
      system.boot();
      assertSucceeded(system.install(enabled(f.zetaBundle()).withEnable(false)));

      InstallOutcome outcome = system.install(enabled(f.noteBundle("alpha", "1.0.0",
          SystemFixture.NEEDS_ZETA)));

      assertSucceeded(outcome);
      assertThat(f.sink.ofType("activation_deferred")).singleElement().satisfies(e -> {
        assertThat(e.pluginId()).isEqualTo("alpha");
        assertThat(e.detail()).containsEntry("reason", "dependency zeta is not loaded");
      });
      PluginStatus waiting = system.info("alpha").orElseThrow();
      assertThat(waiting.currentVersion()).isEqualTo("1.0.0");
      assertThat(waiting.loadState()).as("enabled, but its dependency is not loaded").isEqualTo(LoadState.FAILED);
      assertThat(waiting.lastError()).isEqualTo(
          "DEPENDENCY_MISSING plugin.dependencies.zeta must be an enabled plugin matching >=1.0.0: not enabled");
      assertThat(note(system)).isEqualTo("x");

      system.enable("zeta");

      assertThat(system.info("zeta").orElseThrow().loadState()).isEqualTo(LoadState.STARTED);
      assertThat(system.info("alpha").orElseThrow().loadState()).isEqualTo(LoadState.STARTED);
      assertThat(note(system)).isEqualTo("x|alpha@1.0.0");
    }
  }

  /** Replaces the files of {@code target} with those of {@code source}: a source folder that now offers another version. */
  private static void replaceTree(Path source, Path target) throws IOException {
    if (Files.exists(target)) {
      SystemFixture.deleteTree(target);
    }
    try (Stream<Path> files = Files.walk(source)) {
      for (Path p : files.toList()) {
        Path to = target.resolve(source.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    }
  }

  @Test
  void upgradeAndRollback_throughTheFacade_switchVersionsThatServeHooks() throws Exception {
    SystemFixture f = new SystemFixture(tmp);
    Path source = tmp.resolve("published/alpha");
    replaceTree(f.noteBundle("alpha", "1.0.0", ""), source);
    Path v2 = f.noteBundle("alpha", "2.0.0", "");
    try (PluginSystem system = f.open()) {
      system.boot();
      assertSucceeded(system.install(enabled(source)));
      assertThat(system.upgrade("alpha")).isInstanceOf(InstallOutcome.AlreadyInstalled.class);
      replaceTree(v2, source);

      assertThat(system.upgrade("alpha")).isEqualTo(new InstallOutcome.Upgraded("alpha", "1.0.0", "2.0.0"));
      assertThat(note(system)).isEqualTo("x|alpha@2.0.0");
      assertThat(system.info("alpha").orElseThrow().versions()).containsExactlyInAnyOrder("1.0.0", "2.0.0");

      assertThat(system.rollback("alpha")).isEqualTo(new InstallOutcome.Reverted("alpha", "2.0.0", "1.0.0"));
      assertThat(note(system)).isEqualTo("x|alpha@1.0.0");
      assertThat(system.info("alpha").orElseThrow().loadState()).isEqualTo(LoadState.STARTED);

      assertThat(system.rollback("alpha", "2.0.0")).isEqualTo(new InstallOutcome.Reverted("alpha", "1.0.0", "2.0.0"));
      assertThat(note(system)).isEqualTo("x|alpha@2.0.0");
      assertThat(system.info("alpha").orElseThrow().currentVersion()).isEqualTo("2.0.0");
    }
  }

  /** A host-classpath plugin whose start fails. */
  static final class BrokenBuiltin implements Plugin {
    static final PluginManifest MANIFEST = ManifestParser.parse(
        "[plugin]\nid = \"host_broken\"\nversion = \"2.0.0\"\n").orThrow();

    @Override
    public void start(PluginContext context) {
      throw new IllegalStateException("host service missing");
    }
  }

  @Test
  void boot_builtinStartFails_reportedAndTrackedLikeOthersWhileTheRestLoad() throws Exception {
    SystemFixture f = new SystemFixture(tmp);
    try (PluginSystem system = f.open()) {
      assertSucceeded(system.install(enabled(f.noteBundle("alpha", "1.0.0", ""))));
    }
    try (PluginSystem system = f.builder().settings(SystemFixture.settings().build())
        .builtin(BrokenBuiltin.MANIFEST, new BrokenBuiltin())
        .builtin(TestBuiltin.MANIFEST, new TestBuiltin()).build()) {
      BootReport report = system.boot();

      assertThat(report.loadedIds()).containsExactlyInAnyOrder("host_tools", "alpha");
      assertThat(report.failure("host_broken")).hasValueSatisfying(failure -> {
        assertThat(failure.error().code()).isEqualTo(RuntimeErrorCode.START_FAILED);
        assertThat(failure.error().getMessage()).contains("host service missing");
      });
      PluginStatus broken = system.info("host_broken").orElseThrow();
      assertThat(broken.builtin()).isTrue();
      assertThat(broken.loadState()).isEqualTo(LoadState.FAILED);
      assertThat(broken.lastError()).contains("host service missing");
      assertThat(note(system)).startsWith("x|").contains("|builtin").contains("|alpha@1.0.0").hasSize(21);
    }
  }
}
