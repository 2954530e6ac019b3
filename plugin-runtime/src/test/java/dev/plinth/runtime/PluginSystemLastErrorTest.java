package dev.plinth.runtime;

import static dev.plinth.runtime.SystemFixture.assertSucceeded;
import static dev.plinth.runtime.SystemFixture.enabled;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.installer.store.InstallOutcome;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginSystemLastErrorTest {
  @TempDir Path tmp;

  private static Path failingV2(SystemFixture f, String id) throws Exception {
    return f.bundle(id, "2.0.0", SystemFixture.contributesNote(), SystemFixture.hookPlugin(id,
        "return HookResult.proceed(c.data());", "return HealthStatus.unhealthy(\"database unreachable\");"), false);
  }

  @Test
  void install_afterUninstall_startsWithoutEarlierVersionsError() throws Exception {
    SystemFixture f = new SystemFixture(tmp);
    try (PluginSystem system = f.open()) {
      assertSucceeded(system.install(enabled(f.noteBundle("alpha", "1.0.0", ""))));
      assertThat(system.install(enabled(failingV2(f, "alpha")))).isInstanceOf(InstallOutcome.RolledBack.class);
      assertThat(system.info("alpha").orElseThrow().lastError()).contains("database unreachable");

      assertSucceeded(system.uninstall("alpha", true));
      assertSucceeded(system.install(enabled(f.noteBundle("alpha", "3.0.0", ""))));

      PluginStatus status = system.info("alpha").orElseThrow();
      assertThat(status.currentVersion()).isEqualTo("3.0.0");
      assertThat(status.loadState()).isEqualTo(LoadState.STARTED);
      assertThat(status.lastError()).isNull();
    }
  }

  @Test
  void install_newVersionStarts_clearsErrorOfEarlierVersion() throws Exception {
    SystemFixture f = new SystemFixture(tmp);
    try (PluginSystem system = f.open()) {
      assertSucceeded(system.install(enabled(f.noteBundle("beta", "1.0.0", ""))));
      assertThat(system.install(enabled(failingV2(f, "beta")))).isInstanceOf(InstallOutcome.RolledBack.class);
      // v1 still runs: the failed upgrade stays visible while nothing newer has started.
      assertThat(system.info("beta").orElseThrow().lastError()).contains("database unreachable");

      assertSucceeded(system.install(enabled(f.noteBundle("beta", "3.0.0", ""))));

      PluginStatus status = system.info("beta").orElseThrow();
      assertThat(status.currentVersion()).isEqualTo("3.0.0");
      assertThat(status.loadState()).isEqualTo(LoadState.STARTED);
      assertThat(status.lastError()).isNull();
    }
  }
}
