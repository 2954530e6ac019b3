package dev.plinth.runtime.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.runtime.TestBundles;
import dev.plinth.runtime.events.RuntimeEvents;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A boot starts independent plugins side by side, and a dependent only after its dependencies. */
class BootOverlapTest {
  @TempDir Path root;

  @AfterEach
  void clear() {
    System.clearProperty("plinth.test.overlap.a");
    System.clearProperty("plinth.test.overlap.b");
  }

  @Test
  void independentStartsOverlap_dependentWaitsForItsDependency() throws Exception {
    Assumptions.assumeTrue(BootRun.startWindow() >= 2, "one processor: starts run one at a time");
    RuntimeFixture fx = new RuntimeFixture(root);
    // aaa's start returns only once bbb's start has begun: one start at a time would time it out.
    Path a = fx.bundle("aaa", "1.0.0", """
        System.setProperty("plinth.test.overlap.a", "begun");
        long end = System.nanoTime() + 5_000_000_000L;
        while (System.getProperty("plinth.test.overlap.b") == null) {
          if (System.nanoTime() > end) throw new IllegalStateException("bbb did not start alongside aaa");
          java.util.concurrent.locks.LockSupport.parkNanos(100_000);
        }
        System.setProperty("plinth.test.overlap.a", "done");
        """, "", "return HealthStatus.healthy();");
    Path b = fx.bundle("bbb", "1.0.0", "System.setProperty(\"plinth.test.overlap.b\", \"begun\");", "",
        "return HealthStatus.healthy();");
    Path c = fx.bundle("ccc", "1.0.0", """
        if (!"done".equals(System.getProperty("plinth.test.overlap.a"))) {
          throw new IllegalStateException("ccc started before aaa finished starting");
        }
        """, "", "return HealthStatus.healthy();");
    PluginRuntime runtime = fx.runtime(s -> s.startTimeout(Duration.ofSeconds(20)));

    BootReport report = runtime.boot(List.of(
        new BootCandidate(RuntimeFixture.manifest("aaa"), a, true),
        new BootCandidate(RuntimeFixture.manifest("bbb"), b, true),
        new BootCandidate(TestBundles.manifest("ccc", "1.0.0").dependency("aaa", ">=1.0.0").build(), c, true)));

    assertThat(report.failed()).isEmpty();
    assertThat(report.loaded()).extracting(PluginInfo::pluginId).containsExactly("aaa", "bbb", "ccc");
    // Finished and reported in boot order, although bbb's start returned first.
    assertThat(fx.sink.ofType(RuntimeEvents.STARTED)).extracting(e -> e.pluginId())
        .containsExactly("aaa", "bbb", "ccc");
    runtime.close();
  }

  @Test
  void aFailedStartAmongOverlappingOnes_isReportedAndTheOthersLoad() throws Exception {
    RuntimeFixture fx = new RuntimeFixture(root);
    Path a = fx.simple("aaa");
    Path b = fx.bundle("bbb", "1.0.0", "throw new IllegalStateException(\"bbb refuses\");", "",
        "return HealthStatus.healthy();");
    Path c = fx.simple("ccc");
    Path d = fx.bundle("ddd", "1.0.0", "", "", "return HealthStatus.healthy();");
    PluginRuntime runtime = fx.runtime(s -> { });

    BootReport report = runtime.boot(List.of(
        new BootCandidate(RuntimeFixture.manifest("aaa"), a, true),
        new BootCandidate(RuntimeFixture.manifest("bbb"), b, true),
        new BootCandidate(RuntimeFixture.manifest("ccc"), c, true),
        new BootCandidate(TestBundles.manifest("ddd", "1.0.0").dependency("bbb", ">=1.0.0").build(), d, true)));

    assertThat(report.loaded()).extracting(PluginInfo::pluginId).containsExactly("aaa", "ccc");
    assertThat(report.failed()).extracting(BootReport.Failed::pluginId).containsExactly("bbb", "ddd");
    assertThat(runtime.isLoaded("bbb")).isFalse();
    assertThat(fx.sink.types("bbb")).contains(RuntimeEvents.START_FAILED).doesNotContain(RuntimeEvents.STARTED);
    runtime.close();
  }
}
