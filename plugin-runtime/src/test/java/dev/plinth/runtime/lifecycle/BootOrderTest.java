package dev.plinth.runtime.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.installer.InstallErrorCode;
import dev.plinth.runtime.RuntimeErrorCode;
import dev.plinth.runtime.Sources;
import dev.plinth.runtime.TestBundles;
import dev.plinth.runtime.events.RuntimeEvents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootOrderTest {
  @TempDir Path root;

  private BootCandidate c(TestBundles.ManifestSpec m, boolean enabled) {
    return new BootCandidate(m.build(), root, enabled);
  }

  @Test
  void plan_dependenciesFirst_tiesInGivenOrder() {
    BootOrder.Plan plan = BootOrder.plan(List.of(
        c(TestBundles.manifest("app", "1.0.0").dependency("lib", "^1.0.0").dependency("util", "*"), true),
        c(TestBundles.manifest("zeta", "1.0.0"), true),
        c(TestBundles.manifest("lib", "1.4.0").dependency("util", ">=0.1.0"), true),
        c(TestBundles.manifest("util", "0.2.0"), true)));

    assertThat(plan.order()).extracting(BootCandidate::id).containsExactly("zeta", "util", "lib", "app");
    assertThat(plan.failed()).isEmpty();
  }

  @Test
  void plan_cycleAndMissing_failOnlyThosePlugins() {
    BootOrder.Plan plan = BootOrder.plan(List.of(
        c(TestBundles.manifest("a", "1.0.0").dependency("b", "*"), true),
        c(TestBundles.manifest("b", "1.0.0").dependency("a", "*"), true),
        c(TestBundles.manifest("self", "1.0.0").dependency("self", "*"), true),
        c(TestBundles.manifest("needy", "1.0.0").dependency("ghost", "^1.0.0"), true),
        c(TestBundles.manifest("old", "1.0.0").dependency("fine", "^2.0.0"), true),
        c(TestBundles.manifest("wants_off", "1.0.0").dependency("off", "*"), true),
        c(TestBundles.manifest("off", "1.0.0"), false),
        c(TestBundles.manifest("fine", "1.0.0"), true)));

    assertThat(plan.order()).extracting(BootCandidate::id).containsExactly("fine");
    assertThat(plan.disabled()).containsExactly("off");
    assertThat(plan.failed()).extracting(BootReport.Failed::pluginId)
        .containsExactlyInAnyOrder("a", "b", "self", "needy", "old", "wants_off");
    BootReport.Failed a = plan.failed().stream().filter(f -> f.pluginId().equals("a")).findFirst().orElseThrow();
    assertThat(a.error().code()).isEqualTo(InstallErrorCode.DEPENDENCY_CYCLE);
    assertThat(a.error().getMessage()).isEqualTo("plugin.dependencies must not form a cycle: a -> b -> a");
    BootReport.Failed needy = plan.failed().stream().filter(f -> f.pluginId().equals("needy")).findFirst().orElseThrow();
    assertThat(needy.error().code()).isEqualTo(InstallErrorCode.DEPENDENCY_MISSING);
    assertThat(needy.error().getMessage())
        .isEqualTo("plugin.dependencies.ghost must be an enabled plugin matching ^1.0.0: not installed");
    assertThat(plan.failed().stream().filter(f -> f.pluginId().equals("old")).findFirst().orElseThrow()
        .error().getMessage()).endsWith(": version 1.0.0 is outside ^2.0.0");
    assertThat(plan.failed().stream().filter(f -> f.pluginId().equals("wants_off")).findFirst().orElseThrow()
        .error().getMessage()).endsWith(": not enabled");
  }

  @Test
  void boot_realPlugins_failureOfOneNeverStopsOthers() throws Exception {
    RuntimeFixture fx = new RuntimeFixture(root);
    PluginRuntime runtime = fx.runtime(s -> {});
    Path good = fx.simple("good");
    Path broken = fx.bundle("broken", "1.0.0", "throw new IllegalStateException(\"x\");", "", "return null;");
    Path after = fx.simple("after_broken");
    Path cyc1 = fx.simple("cyc_one");
    Path cyc2 = fx.simple("cyc_two");

    BootReport report = runtime.boot(List.of(
        new BootCandidate(TestBundles.manifest("after_broken", "1.0.0").dependency("broken", "*").build(), after, true),
        new BootCandidate(TestBundles.manifest("cyc_one", "1.0.0").dependency("cyc_two", "*").build(), cyc1, true),
        new BootCandidate(TestBundles.manifest("cyc_two", "1.0.0").dependency("cyc_one", "*").build(), cyc2, true),
        new BootCandidate(RuntimeFixture.manifest("broken"), broken, true),
        new BootCandidate(RuntimeFixture.manifest("good"), good, true)));

    assertThat(report.loadedIds()).containsExactly("good");
    assertThat(report.failure("broken")).hasValueSatisfying(
        f -> assertThat(f.error().code()).isEqualTo(RuntimeErrorCode.START_FAILED));
    assertThat(report.failure("after_broken")).hasValueSatisfying(
        f -> assertThat(f.error().code()).isEqualTo(RuntimeErrorCode.DEPENDENCY_UNSATISFIED));
    assertThat(report.failure("cyc_one")).hasValueSatisfying(
        f -> assertThat(f.error().code()).isEqualTo(InstallErrorCode.DEPENDENCY_CYCLE));
    assertThat(report.failure("cyc_two")).isPresent();
    assertThat(report.failed()).hasSize(4);
    assertThat(runtime.plugins()).extracting(PluginInfo::pluginId).containsExactly("good");
  }

  @Test
  void boot_entryClassBreaksPackageSealing_failsThatPluginOnlyAsEntryInvalid() throws Exception {
    // a.jar seals package com.split and holds the entry; its superclass sits in b.jar, so loading
    // the entry makes the JDK's loader throw SecurityException ("sealing violation"), as it does
    // for a package split between jars with different signers.
    RuntimeFixture fx = new RuntimeFixture(root);
    PluginRuntime runtime = fx.runtime(s -> {});
    Path base = TestBundles.jar("b.jar")
        .source("com.split.Base", "package com.split; public abstract class Base implements dev.plinth.api.Plugin {"
            + " public void start(dev.plinth.api.PluginContext c) {} }")
        .writeTo(Files.createDirectories(root.resolve("built")));
    Path split = TestBundles.bundle(root.resolve("plugins"), "split", "1.0.0",
        TestBundles.jar("a.jar").manifestAttribute("Sealed", "true").compileAgainst(base)
            .source("com.split.Entry", "package com.split; public class Entry extends Base {}")
            .plugin("com.split.Entry"));
    Files.copy(base, split.resolve("lib/b.jar"));
    Path good = fx.simple("good");

    BootReport report = runtime.boot(List.of(
        new BootCandidate(RuntimeFixture.manifest("split"), split, true),
        new BootCandidate(RuntimeFixture.manifest("good"), good, true)));

    assertThat(report.loadedIds()).containsExactly("good");
    assertThat(report.failure("split")).hasValueSatisfying(f -> {
      assertThat(f.error().code()).isEqualTo(RuntimeErrorCode.ENTRY_INVALID);
      assertThat(f.error().getMessage()).contains("sealing violation", "com.split");
    });
  }

  @Test
  void boot_manyPlugins_preparedAheadFailuresReportedInPlaceAndOthersLoadInOrder() throws Exception {
    RuntimeFixture fx = new RuntimeFixture(root);
    PluginRuntime runtime = fx.runtime(s -> {});
    Path plugins = root.resolve("plugins");
    List<BootCandidate> candidates = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      String id = String.format("p%02d", i);
      Path dir;
      switch (i) {
        case 5 -> dir = TestBundles.bundle(plugins, id, "1.0.0", TestBundles.jar(id + ".jar")
            .source("com." + id + ".Entry", Sources.noop("com." + id + ".Entry")));
        case 11 -> dir = TestBundles.bundle(plugins, id, "1.0.0", TestBundles.jar(id + ".jar")
            .source("dev.plinth.api.Sneaky", "package dev.plinth.api; public final class Sneaky {}"));
        case 17 -> {
          dir = Files.createDirectories(plugins.resolve(id).resolve("1.0.0").resolve("lib")).getParent();
          Files.writeString(dir.resolve("lib/broken.jar"), "not a zip");
        }
        default -> {
          dir = fx.simple(id);
          expected.add(id);
        }
      }
      candidates.add(new BootCandidate(RuntimeFixture.manifest(id), dir, true));
    }

    BootReport report = runtime.boot(candidates);

    assertThat(report.loadedIds()).containsExactlyElementsOf(expected);
    assertThat(report.failure("p05")).hasValueSatisfying(
        f -> assertThat(f.error().code()).isEqualTo(RuntimeErrorCode.ENTRY_NOT_FOUND));
    assertThat(report.failure("p11")).hasValueSatisfying(
        f -> assertThat(f.error().code()).isEqualTo(RuntimeErrorCode.LOAD_HOST_CLASSES_REFUSED));
    assertThat(report.failure("p17")).hasValueSatisfying(
        f -> assertThat(f.error().code()).isEqualTo(RuntimeErrorCode.CLASSPATH_UNREADABLE));
    assertThat(report.failed()).hasSize(3);
    assertThat(fx.sink.ofType(RuntimeEvents.LOAD_FAILED))
        .extracting(e -> e.pluginId()).containsExactly("p05", "p11", "p17");
    assertThat(runtime.plugins()).extracting(PluginInfo::pluginId).containsExactlyElementsOf(expected);
  }
}
