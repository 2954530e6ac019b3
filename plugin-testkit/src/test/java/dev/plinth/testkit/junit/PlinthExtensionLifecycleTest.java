package dev.plinth.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.plinth.runtime.PluginRuntimeException;
import dev.plinth.runtime.PluginSystem;
import dev.plinth.testkit.TestkitException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs small {@code @PlinthTest} classes through the JUnit launcher and checks what the extension
 * did after them. The nested classes are not picked up by the build's own test run (Surefire
 * leaves out nested classes).
 */
class PlinthExtensionLifecycleTest {
  static volatile PluginSystem seenSystem;
  static volatile Path seenHome;

  @Test
  void afterTest_systemClosedAndTempFolderDeleted() {
    TestExecutionSummary summary = run(RecordsItsHost.class);

    assertThat(summary.getTestsSucceededCount()).as(failures(summary)).isEqualTo(1);
    assertThat(seenHome).isNotNull();
    assertThat(seenHome.getParent()).doesNotExist();
    assertThatThrownBy(() -> seenSystem.boot()).isInstanceOf(PluginRuntimeException.class)
        .hasMessageContaining("plugin system must be open");
  }

  @Test
  void afterTest_storeFileInTheWorkingFolder_failsTheTestAsLeaked() throws Exception {
    Path stray = Path.of(System.getProperty("user.dir"), "plinth.lock");
    assertThat(stray).as("a stray file from an earlier run").doesNotExist();
    try {
      TestExecutionSummary summary = run(WritesOutsideItsHome.class);

      assertThat(summary.getTestsFailedCount()).isEqualTo(1);
      Throwable error = summary.getFailures().get(0).getException();
      assertThat(error).isInstanceOf(TestkitException.class)
          .hasMessageContaining("test host must leave nothing behind: store file outside the temp home: " + stray);
    } finally {
      Files.deleteIfExists(stray);
    }
  }

  @Test
  void afterTest_pluginThreadStillRunning_failsTheTestAsLeaked() {
    TestExecutionSummary summary = run(PluginLeavesAThread.class);

    assertThat(summary.getTestsFailedCount()).as(failures(summary)).isEqualTo(1);
    assertThat(summary.getFailures().get(0).getException())
        .hasMessageContaining("thread still running with a plugin's context class loader: sample-leaked-thread");
  }

  @Test
  void constructorParameter_notInjected() {
    TestExecutionSummary summary = run(WantsSystemInConstructor.class);

    assertThat(summary.getTestsFailedCount()).isEqualTo(1);
    assertThat(summary.getFailures().get(0).getException())
        .hasMessageContaining("@PlinthTest injects PluginSystem only into test methods and @BeforeEach/@AfterEach methods");
  }

  private static TestExecutionSummary run(Class<?> testClass) {
    Launcher launcher = LauncherFactory.create();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass)).build(), listener);
    return listener.getSummary();
  }

  private static String failures(TestExecutionSummary summary) {
    return summary.getFailures().stream().map(f -> String.valueOf(f.getException())).toList().toString();
  }

  @PlinthTest
  static class RecordsItsHost {
    @Test
    void records(PluginSystem system, PlinthTestHost host) {
      seenSystem = system;
      seenHome = host.home();
      assertThat(host.home()).isDirectory();
    }
  }

  @PlinthTest
  static class WritesOutsideItsHome {
    @Test
    void writesARelativePath() throws Exception {
      Files.writeString(Path.of("plinth.lock"), "{}");
    }
  }

  @PlinthTest(trust = dev.plinth.installer.trust.TrustMode.IGNORE)
  static class PluginLeavesAThread {
    @Test
    void installs(PlinthTestHost host) {
      host.install(SamplePlugin.write(host.workDir(), "acme_threads", "1.0.0", true));
      assertThat(host.status("acme_threads").loadState()).hasToString("STARTED");
    }
  }

  @PlinthTest
  static class WantsSystemInConstructor {
    WantsSystemInConstructor(PluginSystem system) {
      List.of(system);
    }

    @Test
    void never() {}
  }
}
