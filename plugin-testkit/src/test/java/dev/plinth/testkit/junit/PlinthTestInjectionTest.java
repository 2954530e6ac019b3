package dev.plinth.testkit.junit;

import static dev.plinth.testkit.assertions.PlinthAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.hooks.DispatchResult;
import dev.plinth.hooks.ReceiptStatus;
import dev.plinth.hooks.agent.AgentHooks;
import dev.plinth.hooks.agent.ToolPreExec;
import dev.plinth.installer.InstallRequest;
import dev.plinth.installer.trust.TrustMode;
import dev.plinth.runtime.PluginSystem;
import dev.plinth.testkit.TestkitErrorCode;
import dev.plinth.testkit.TestkitException;
import dev.plinth.testkit.bundle.BuiltBundle;
import dev.plinth.testkit.server.ReleaseAssets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@PlinthTest(hostName = "acme-host", hostVersion = "2.3.0", exportPackages = "com.acme.spi", trust = TrustMode.IGNORE)
class PlinthTestInjectionTest {
  private PlinthTestHost fromBeforeEach;

  @BeforeEach
  void setUp(PlinthTestHost host) {
    fromBeforeEach = host;
  }

  @Test
  void parameters_sameSystemInAFreshTempHome(PluginSystem system, PlinthTestHost host) {
    assertThat(host).isSameAs(fromBeforeEach);
    assertThat(host.system()).isSameAs(system);
    assertThat(system.home()).isEqualTo(host.home());
    assertThat(host.home().getFileName()).hasToString("home");
    assertThat(host.home().getParent().getFileName().toString()).startsWith("plinth-test-");
    assertThat(host.workDir()).isDirectory().hasParent(host.home().getParent());
    assertThat(system.list()).isEmpty();
    assertThat(system.hostProfile().hostName()).isEqualTo("acme-host");
    assertThat(system.hostProfile().hostVersion()).isEqualTo("2.3.0");
    assertThat(system.hostProfile().hookPoints()).containsExactlyInAnyOrderElementsOf(
        AgentHooks.ALL.stream().map(p -> p.name()).toList());
    assertThat(system.hostProfile().exportedPackages()).contains("dev.plinth.hooks.agent", "com.acme.spi");
  }

  @Test
  void install_bundleBuiltInTheTest_startsAndHandlesTheHook(PluginSystem system, PlinthTestHost host) {
    BuiltBundle bundle = SamplePlugin.write(host.workDir(), "acme_sample", "1.0.0", false);

    assertThat(host.install(bundle)).isInstalled("1.0.0");
    assertThat(host.status("acme_sample")).isEnabled().isStarted().hasCurrentVersion("1.0.0");
    DispatchResult<ToolPreExec> r = system.hooks().dispatch(AgentHooks.TOOL_PRE_EXEC,
        new ToolPreExec("shell", Map.of("command", "ls"), "c1", 1));
    assertThat(r).isNotBlocked().hasReceiptsFrom("acme_sample")
        .receiptFrom("acme_sample").hasStatus(ReceiptStatus.OK).mutated().changedFields("toolInput");
    assertThat(r.data().toolInput()).containsEntry("tagged", "1.0.0");
    assertThat(host.events()).containsEventFor("installed", "acme_sample", Map.of("from", ""));
    assertThat(host.events("installed", "acme_sample")).hasSize(1);
  }

  @Test
  void install_disabledByRequest_staysDisabled(PlinthTestHost host) {
    BuiltBundle bundle = SamplePlugin.write(host.workDir(), "acme_sample", "1.0.0", false);

    assertThat(host.install(bundle, r -> r.withEnable(false))).isInstalled();

    assertThat(host.status("acme_sample")).isDisabled();
    assertThatThrownBy(() -> host.status("acme_missing")).isInstanceOf(AssertionError.class)
        .hasMessage("plugin must be installed: acme_missing (installed: [acme_sample])");
  }

  @Test
  void server_startedOnFirstUse_onThePortTheSystemWasConfiguredFor(PlinthTestHost host) {
    BuiltBundle bundle = SamplePlugin.write(host.workDir(), "acme_remote", "1.2.0", false);
    assertThat(host.serverStarted()).isFalse();

    String source = host.server().publishGithubRelease("acme", "remote", "v1.2.0", ReleaseAssets.of(bundle)).source();

    assertThat(host.serverStarted()).isTrue();
    assertThat(host.system().install(InstallRequest.of(source).withEnable(true))).isInstalled("1.2.0");
    assertThat(host.server().requestCount(".*\\.tar\\.gz")).isEqualTo(1);
  }

  @Test
  void hookPointsOf_classWithoutHookPoints_refused() {
    assertThatThrownBy(() -> PlinthTestHostBuilder.hookPointsOf(String.class))
        .isInstanceOfSatisfying(TestkitException.class,
            e -> assertThat(e.code()).isEqualTo(TestkitErrorCode.TEST_HOST_SETUP_FAILED))
        .hasMessage("hookPoints class must declare public static final HookPoint fields: java.lang.String");
    assertThat(PlinthTestHostBuilder.hookPointsOf(AgentHooks.class)).containsExactlyElementsOf(AgentHooks.ALL);
  }

  @Test
  void builder_settingGivenTwice_refusedNamingTheOldValue(@org.junit.jupiter.api.io.TempDir Path temp) {
    PlinthTestHostBuilder b = PlinthTestHost.builder(temp).host("a", "1.0.0");

    assertThatThrownBy(() -> b.host("b", "2.0.0"))
        .isInstanceOfSatisfying(TestkitException.class,
            e -> assertThat(e.code()).isEqualTo(TestkitErrorCode.BUILDER_SETTING_INVALID))
        .hasMessage("host must be set once, already: a 1.0.0");
  }
}
