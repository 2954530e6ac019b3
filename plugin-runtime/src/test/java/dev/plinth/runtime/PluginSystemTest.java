package dev.plinth.runtime;

import static dev.plinth.runtime.SystemFixture.assertSucceeded;
import static dev.plinth.runtime.SystemFixture.enabled;
import static dev.plinth.runtime.SystemFixture.note;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.installer.InstallRequest;
import dev.plinth.installer.events.EventQuery;
import dev.plinth.installer.events.PlinthEvent;
import dev.plinth.installer.store.InstallOutcome;
import dev.plinth.installer.trust.TrustPolicy;
import dev.plinth.manifest.HostProfile;
import dev.plinth.manifest.HostProfiles;
import dev.plinth.runtime.testhost.spi.TestHooks;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginSystemTest {
  @TempDir Path tmp;

  @Test
  void install_enabledWithoutPermissions_handlerServesDispatch() throws Exception {
    SystemFixture f = new SystemFixture(tmp);
    try (PluginSystem system = f.open()) {
      system.boot();
      InstallOutcome outcome = system.install(enabled(f.noteBundle("alpha", "1.0.0", "")));

      assertThat(outcome).isEqualTo(new InstallOutcome.Installed("alpha", "1.0.0"));
      PluginStatus status = system.info("alpha").orElseThrow();
      assertThat(status.enabled()).isTrue();
      assertThat(status.permissionsAcknowledged()).isTrue();
      assertThat(status.loadState()).isEqualTo(LoadState.STARTED);
      assertThat(status.source()).isEqualTo(f.root.resolve("bundles/alpha-1.0.0").toString());
      assertThat(note(system)).isEqualTo("x|alpha@1.0.0");
    }
  }

  @Test
  void install_notEnabled_checkedThenLeftUnloaded() throws Exception {
    SystemFixture f = new SystemFixture(tmp);
    try (PluginSystem system = f.open()) {
      assertSucceeded(system.install(InstallRequest.of(f.noteBundle("alpha", "1.0.0", "").toString())));

      assertThat(system.info("alpha").orElseThrow().loadState()).isEqualTo(LoadState.NOT_LOADED);
      assertThat(system.info("alpha").orElseThrow().enabled()).isFalse();
      assertThat(note(system)).isEqualTo("x");
      assertThat(f.sink.types("alpha")).containsSubsequence("started", "installed", "unloaded");
    }
  }

  @Test
  void install_declaredPermissionsNotAcknowledged_installsDisabledAndEnableIsRefused() throws Exception {
    SystemFixture f = new SystemFixture(tmp);
    try (PluginSystem system = f.open()) {
      Path bundle = f.noteBundle("beta", "1.0.0", "[plugin.permissions]\nnetwork = [\"api.example.com\"]\n");
      assertSucceeded(system.install(enabled(bundle)));

      PluginStatus installed = system.info("beta").orElseThrow();
      assertThat(installed.enabled()).isFalse();
      assertThat(installed.permissionsAcknowledged()).isFalse();
      assertThat(installed.loadState()).isEqualTo(LoadState.NOT_LOADED);
      assertThatThrownBy(() -> system.enable("beta"))
          .isInstanceOfSatisfying(PluginRuntimeException.class, e -> {
            assertThat(e.code()).isEqualTo(RuntimeErrorCode.PERMISSIONS_NOT_ACKNOWLEDGED);
            assertThat(e.getMessage()).isEqualTo("plugin.permissions must be acknowledged before enabling: beta@1.0.0");
            assertThat(e.nextStep()).contains("acknowledgePermissions(\"beta\")");
          });
      assertThat(note(system)).isEqualTo("x");

      assertThat(system.acknowledgePermissions("beta").permissionsAcknowledged()).isTrue();
      assertThat(system.info("beta").orElseThrow().loadState()).isEqualTo(LoadState.NOT_LOADED);
      assertThat(system.enable("beta").loadState()).isEqualTo(LoadState.STARTED);
      assertThat(note(system)).isEqualTo("x|beta@1.0.0");
    }
  }

  @Test
  void install_requestAcknowledgesPermissions_enablesAndLoads() throws Exception {
    SystemFixture f = new SystemFixture(tmp);
    try (PluginSystem system = f.open()) {
      Path bundle = f.noteBundle("beta", "1.0.0", "[plugin.permissions]\nsecrets = [\"BETA_KEY\"]\n");

      assertSucceeded(system.install(enabled(bundle).withAcknowledgePermissions(true)));

      PluginStatus status = system.info("beta").orElseThrow();
      assertThat(status.enabled()).isTrue();
      assertThat(status.permissionsAcknowledged()).isTrue();
      assertThat(status.loadState()).isEqualTo(LoadState.STARTED);
      assertThat(note(system)).isEqualTo("x|beta@1.0.0");
    }
  }

  @Test
  void boot_upgradedHost_rewritesHostProfile_buildAloneDoesNot() throws Exception {
    SystemFixture f = new SystemFixture(tmp);
    f.open().close();
    assertThat(HostProfiles.read(f.home.resolve("host.toml")).hostVersion()).isEqualTo("1.2.0");

    try (PluginSystem upgraded = PluginSystem.builder().home(f.home).host(HostInfo.of("test-host", "2.0.0"))
        .settings(SystemFixture.settings().build()).build()) {
      assertThat(HostProfiles.read(f.home.resolve("host.toml")).hostVersion()).isEqualTo("1.2.0");

      upgraded.boot();

      HostProfile after = HostProfiles.read(f.home.resolve("host.toml"));
      assertThat(after.hostVersion()).isEqualTo("2.0.0");
      assertThat(after.hookPoints()).isEmpty();
    }
  }

  @Test
  void build_writesHostProfile_refreshedWithInstalledVersions() throws Exception {
    SystemFixture f = new SystemFixture(tmp);
    try (PluginSystem system = f.open()) {
      HostProfile initial = HostProfiles.read(f.home.resolve("host.toml"));
      assertThat(initial.hostName()).isEqualTo("test-host");
      assertThat(initial.hostVersion()).isEqualTo("1.2.0");
      assertThat(initial.hookPoints()).containsExactlyInAnyOrder("test.note", "test.other");
      assertThat(initial.extensionInterfaces()).containsExactly("dev.plinth.runtime.testhost.spi.Greeter");
      assertThat(initial.exportedPackages()).contains(SystemFixture.SPI);
      assertThat(initial.installedPlugins()).isEmpty();

      assertSucceeded(system.install(enabled(f.noteBundle("alpha", "1.0.0", ""))));
      assertThat(HostProfiles.read(f.home.resolve("host.toml")).installedPlugins()).containsEntry("alpha", "1.0.0");
      assertThat(system.hostProfile().installedPlugins()).containsEntry("alpha", "1.0.0");

      assertThat(system.uninstall("alpha", false)).isInstanceOf(InstallOutcome.Uninstalled.class);
      assertThat(HostProfiles.read(f.home.resolve("host.toml")).installedPlugins()).isEmpty();
      assertThat(note(system)).isEqualTo("x");
    }
  }

  @Test
  void close_unloadsEverything_andRefusesLaterOperations() throws Exception {
    SystemFixture f = new SystemFixture(tmp);
    PluginSystem system = f.open();
    assertSucceeded(system.install(enabled(f.noteBundle("alpha", "1.0.0", ""))));

    system.close();

    assertThat(system.list()).extracting(PluginStatus::loadState).containsOnly(LoadState.NOT_LOADED);
    assertThat(system.events(EventQuery.all().withPlugin("alpha")))
        .extracting(PlinthEvent::type).endsWith("stopped", "unloaded");
    assertThatThrownBy(system::boot).isInstanceOfSatisfying(PluginRuntimeException.class,
        e -> assertThat(e.code()).isEqualTo(RuntimeErrorCode.SYSTEM_CLOSED));
  }

  @Test
  void builder_settingGivenTwice_namesEarlierValue() {
    PluginSystem.Builder b = PluginSystem.builder().host(HostInfo.of("h", "1.0.0"));

    assertThatThrownBy(() -> b.host(HostInfo.of("h", "2.0.0")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("host was already set: HostInfo[name=h, version=1.0.0]");
  }

  @Test
  void builder_missingHomeOrBlankVersion_refused() {
    assertThatThrownBy(() -> PluginSystem.builder().host(HostInfo.of("h", "1.0.0")).build())
        .isInstanceOf(IllegalStateException.class).hasMessage("home must be set: null");
    assertThatThrownBy(() -> PluginSystem.builder().home(tmp).build())
        .isInstanceOf(IllegalStateException.class).hasMessage("host must be set: null");
    assertThatThrownBy(() -> PluginSystem.builder().host(HostInfo.of("h", " ")))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("host.version must not be blank: ' '");
  }

  @Test
  void builder_blankNameOrRepeatedHookPointOrBuiltin_refusedNamingIt() {
    assertThatThrownBy(() -> PluginSystem.builder().host(HostInfo.of("", "1.0.0")))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("host.name must not be blank: ''");
    PluginSystem.Builder b = PluginSystem.builder().hookPoint(TestHooks.NOTE);
    assertThatThrownBy(() -> b.hookPoint(TestHooks.NOTE))
        .isInstanceOf(IllegalStateException.class).hasMessage("hookPoint was already added: " + TestHooks.NOTE);
    b.builtin(TestBuiltin.MANIFEST, new TestBuiltin());
    assertThatThrownBy(() -> b.builtin(TestBuiltin.MANIFEST, new TestBuiltin()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("builtin was already added: host_tools@" + TestBuiltin.MANIFEST.version());
    b.trustPolicy(TrustPolicy.defaults());
    assertThatThrownBy(() -> b.trustPolicy(TrustPolicy.defaults()))
        .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("trustPolicy was already set: ");
  }
}
