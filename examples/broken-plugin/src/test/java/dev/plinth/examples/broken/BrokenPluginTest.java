package dev.plinth.examples.broken;

import static dev.plinth.testkit.assertions.PlinthAssertions.assertThat;
import static dev.plinth.testkit.assertions.PlinthAssertions.assertThatEvents;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.installer.Phase;
import dev.plinth.installer.store.InstallOutcome;
import dev.plinth.testkit.bundle.PluginBundle;
import dev.plinth.testkit.junit.PlinthTest;
import dev.plinth.testkit.junit.PlinthTestHost;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@PlinthTest(hostName = "plinth-demo-host", hostVersion = "2.4.0")
class BrokenPluginTest {
  static final Path CLASSES = Path.of("target/classes");

  @Test
  void install_healthCheckFails_rolledBackAtHealthLeavingNothing(PlinthTestHost host, @TempDir Path out) throws Exception {
    var bundle = PluginBundle.builder("broken", "1.0.0")
        .manifestText(Files.readString(CLASSES.resolve("plugin.toml"))).classes(CLASSES).writeTarGz(out);

    InstallOutcome outcome = host.install(bundle);

    assertThat(outcome).isRolledBackAt(Phase.HEALTH).hasRestoredVersion(null);
    assertThat(((InstallOutcome.RolledBack) outcome).cause().message()).contains(BrokenPlugin.PROBLEM);
    assertThat(host.system().info("broken").map(s -> s.currentVersion())).isEmpty();
    assertThatEvents(host.events()).containsEventFor("rolled_back", "broken");
  }

  @Test
  void health_always_unhealthyWithItsProblem() {
    assertThat(new BrokenPlugin().health().isUsable()).isFalse();
    assertThat(new BrokenPlugin().health().detail()).isEqualTo(BrokenPlugin.PROBLEM);
  }
}
