package dev.plinth.runtime.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.runtime.PluginRuntimeException;
import dev.plinth.runtime.RuntimeErrorCode;
import dev.plinth.runtime.events.RuntimeEvents;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrashGuardRuntimeTest {
  @TempDir Path root;

  private static PluginRuntimeException thrown(Runnable r) {
    try {
      r.run();
    } catch (PluginRuntimeException e) {
      return e;
    }
    throw new AssertionError("expected a PluginRuntimeException");
  }

  @Test
  void load_startFailsThresholdTimes_autoDisablesUntilReenabled() throws Exception {
    RuntimeFixture fx = new RuntimeFixture(root);
    PluginRuntime runtime = fx.runtime(s -> s.crashThreshold(3).leakWait(Duration.ZERO));
    Path dir = fx.bundle("flaky", "1.0.0", "throw new IllegalStateException(\"no db\");", "",
        "return HealthStatus.healthy();");

    for (int i = 0; i < 3; i++) {
      assertThat(thrown(() -> runtime.load(RuntimeFixture.manifest("flaky"), dir)).code())
          .isEqualTo(RuntimeErrorCode.START_FAILED);
    }
    PluginRuntimeException refused = thrown(() -> runtime.load(RuntimeFixture.manifest("flaky"), dir));
    BootReport boot = runtime.boot(java.util.List.of(new BootCandidate(RuntimeFixture.manifest("flaky"), dir, true)));
    runtime.reenable("flaky");
    PluginRuntimeException again = thrown(() -> runtime.load(RuntimeFixture.manifest("flaky"), dir));

    assertThat(refused.code()).isEqualTo(RuntimeErrorCode.PLUGIN_AUTO_DISABLED);
    assertThat(boot.skipped()).containsExactly(new BootReport.Skipped("flaky", BootReport.SkipReason.AUTO_DISABLED));
    assertThat(fx.trips).singleElement().satisfies(t -> assertThat(t.failures()).isEqualTo(3));
    assertThat(fx.sink.ofType(RuntimeEvents.AUTO_DISABLED)).hasSize(1);
    assertThat(again.code()).isEqualTo(RuntimeErrorCode.START_FAILED);
  }

  @Test
  void health_unhealthyThresholdTimes_unloadsAndDisables() throws Exception {
    RuntimeFixture fx = new RuntimeFixture(root);
    PluginRuntime runtime = fx.runtime(s -> s.crashThreshold(2));
    runtime.load(RuntimeFixture.manifest("sickly"), fx.bundle("sickly", "1.0.0", "", "",
        "return HealthStatus.unhealthy(\"queue stuck\");"));

    runtime.health("sickly");
    assertThat(runtime.isLoaded("sickly")).isTrue();
    runtime.health("sickly");

    assertThat(runtime.isLoaded("sickly")).isFalse();
    assertThat(runtime.crashGuard().isDisabled("sickly")).isTrue();
    assertThat(fx.trips).singleElement().satisfies(t -> {
      assertThat(t.lastCode()).isEqualTo("HEALTH_FAILED");
      assertThat(t.lastDetail()).isEqualTo("queue stuck");
    });
    assertThat(fx.sink.types("sickly")).containsSubsequence(
        RuntimeEvents.HEALTH_FAILED, RuntimeEvents.AUTO_DISABLED, RuntimeEvents.STOPPED, RuntimeEvents.UNLOADED);
  }

  @Test
  void crashGuard_hookFailuresFedFromOutside_tripAndUnload() throws Exception {
    RuntimeFixture fx = new RuntimeFixture(root);
    PluginRuntime runtime = fx.runtime(s -> s.crashThreshold(2));
    runtime.load(RuntimeFixture.manifest("hooky"), fx.simple("hooky"));

    runtime.crashGuard().recordFailure("hooky", "1.0.0", dev.plinth.api.ApiErrorCode.PLUGIN_TIMEOUT, "tool.pre_exec");
    runtime.crashGuard().recordFailure("hooky", "1.0.0", dev.plinth.api.ApiErrorCode.PLUGIN_TIMEOUT, "tool.pre_exec");

    assertThat(runtime.isLoaded("hooky")).isFalse();
  }

  @Test
  void load_manifestAsksForOneFailure_firstStartFailureAutoDisables() throws Exception {
    RuntimeFixture fx = new RuntimeFixture(root);
    PluginRuntime runtime = fx.runtime(s -> s.crashThreshold(3).leakWait(Duration.ZERO));
    Path dir = fx.bundle("fragile", "1.0.0", "throw new IllegalStateException(\"no db\");", "",
        "return HealthStatus.healthy();");
    dev.plinth.manifest.PluginManifest base = RuntimeFixture.manifest("fragile");
    dev.plinth.manifest.PluginManifest strict = new dev.plinth.manifest.PluginManifest(base.id(), base.version(),
        base.name(), base.description(), base.authors(), base.license(), base.engine(), base.runtime(),
        base.dependencies(), base.contributes(), base.hooks(), base.permissions(), base.configSchema(),
        java.util.List.of(), new dev.plinth.manifest.PluginManifest.CrashLimits(1, 600_000L));

    thrown(() -> runtime.load(strict, dir));
    PluginRuntimeException refused = thrown(() -> runtime.load(strict, dir));

    assertThat(runtime.crashGuard().threshold("fragile")).isEqualTo(1);
    assertThat(runtime.crashGuard().window("fragile")).isEqualTo(Duration.ofMinutes(10));
    assertThat(refused.code()).isEqualTo(RuntimeErrorCode.PLUGIN_AUTO_DISABLED);
    assertThat(fx.trips).singleElement().satisfies(t -> assertThat(t.failures()).isEqualTo(1));
  }
}
