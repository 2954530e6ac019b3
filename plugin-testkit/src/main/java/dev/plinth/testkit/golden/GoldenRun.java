package dev.plinth.testkit.golden;

import dev.plinth.installer.extract.FileTrees;
import dev.plinth.installer.Phase;
import dev.plinth.installer.store.InstallOutcome;
import dev.plinth.manifest.ManifestParser;
import dev.plinth.manifest.PluginManifest;
import dev.plinth.runtime.LoadState;
import dev.plinth.runtime.PluginStatus;
import dev.plinth.runtime.PluginSystem;
import dev.plinth.testkit.junit.PlinthTestHost;
import dev.plinth.testkit.junit.PlinthTestHostBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** One execution of a {@link GoldenScenario}: the main flow, then the fault sweep. */
final class GoldenRun {
  private final GoldenScenario.Settings s;
  private final String id;
  private final String v1;
  private final String v2;
  private final SampleRunner samples;
  private final List<GoldenStep> steps = new ArrayList<>();
  private final SwitchableFaults faults = new SwitchableFaults();
  private @Nullable String mainFlowFailed;

  GoldenRun(GoldenScenario.Settings settings) {
    this.s = settings;
    this.id = settings.v1().id();
    this.v1 = settings.v1().version();
    this.v2 = settings.v2().version();
    this.samples = new SampleRunner(id, settings.samples());
  }

  GoldenReport run() {
    Instant started = Instant.now();
    long t0 = System.nanoTime();
    Path root;
    try {
      Files.createDirectories(s.workDir());
      root = Files.createTempDirectory(s.workDir(), "golden-" + id + "-");
    } catch (IOException e) {
      throw new UncheckedIOException("golden work folder cannot be made under " + s.workDir(), e);
    }
    try (PlinthTestHost host = host(root)) {
      mainFlow(host);
      new PhaseSweep(host, s, samples, faults, steps).run();
    } finally {
      FileTrees.deleteRecursively(root);
    }
    return new GoldenReport(id, v1, v2, s.hostName() + " " + s.hostVersion(), started,
        (System.nanoTime() - t0) / 1_000_000, steps);
  }

  private PlinthTestHost host(Path root) {
    PlinthTestHostBuilder b = PlinthTestHost.builder(root)
        .host(s.hostName(), s.hostVersion())
        .exportPackages(s.exportPackages().toArray(String[]::new))
        .faultInjector(faults)
        .customize(s.customize());
    if (s.hookPoints() != null) {
      b.hookPoints(s.hookPoints());
    }
    return b.build();
  }

  private void mainFlow(PlinthTestHost host) {
    PluginSystem system = host.system();
    mainStep("install " + v1, () -> {
      InstallOutcome o = host.install(s.v1());
      StepFailure.require(o instanceof InstallOutcome.Installed i && i.version().equals(v1),
          "expected Installed " + v1 + " but was " + Outcomes.describe(o));
      return "Installed " + v1 + "; " + started(system, id, v1);
    });
    mainStep("configure", () -> {
      host.configure(id, s.config());
      system.disable(id);
      system.enable(id);
      return "config keys " + s.config().keySet() + " given; restarted (disable, enable); " + started(system, id, v1);
    });
    mainStep("execute " + v1, () -> execute(system, v1));
    mainStep("upgrade to " + v2, () -> {
      InstallOutcome o = host.install(s.v2());
      StepFailure.require(o instanceof InstallOutcome.Upgraded u && u.from().equals(v1) && u.to().equals(v2),
          "expected Upgraded " + v1 + " -> " + v2 + " but was " + Outcomes.describe(o));
      return "Upgraded " + v1 + " -> " + v2 + "; " + started(system, id, v2);
    });
    mainStep("execute " + v2, () -> execute(system, v2));
    mainStep("rollback to " + v1, () -> {
      InstallOutcome o = system.rollback(id);
      StepFailure.require(o.succeeded(), "expected a successful rollback but was " + Outcomes.describe(o));
      return Outcomes.describe(o) + "; " + started(system, id, v1);
    });
    mainStep("execute " + v1 + " after rollback", () -> execute(system, v1));
    mainStep("uninstall", () -> {
      InstallOutcome o = system.uninstall(id, false);
      StepFailure.require(o instanceof InstallOutcome.Uninstalled,
          "expected Uninstalled but was " + Outcomes.describe(o));
      PluginStatus left = system.info(id).orElse(null);
      StepFailure.require(left == null || left.currentVersion() == null,
          "expected no current version after uninstall but was " + left);
      return Outcomes.describe(o) + "; " + samples.expectNoHandlers(system.hooks());
    });
  }

  private String execute(PluginSystem system, String version) {
    StepFailure.require(Objects.equals(current(system), version),
        "expected " + version + " current before dispatching but was " + current(system));
    List<String> missing = new ArrayList<>();
    for (String declared : declaredHooks()) {
      if (s.samples().stream().noneMatch(x -> x.point().name().equals(declared))) {
        missing.add(declared);
      }
    }
    String result = samples.execute(system.hooks(), version);
    StepFailure.require(missing.isEmpty(), "every declared hook needs a sample; none for " + missing);
    return result;
  }

  private List<String> declaredHooks() {
    return s.v1().manifestText()
        .flatMap(t -> ManifestParser.parse(t).manifest())
        .map(PluginManifest::contributes)
        .map(PluginManifest.Contributes::hooks)
        .orElse(List.of());
  }

  /** Requires the plugin current at {@code version}, enabled and started; returns a status line. */
  static String started(PluginSystem system, String id, String version) {
    PluginStatus st = system.info(id).orElse(null);
    StepFailure.require(st != null, "expected " + id + " installed but installed are "
        + system.list().stream().map(p -> p.id() + "@" + p.currentVersion()).toList());
    StepFailure.require(version.equals(st.currentVersion()) && st.enabled() && st.loadState() == LoadState.STARTED,
        "expected " + id + " " + version + " enabled and STARTED but was " + Outcomes.status(st));
    return Outcomes.status(st);
  }

  private @Nullable String current(PluginSystem system) {
    return system.info(id).map(PluginStatus::currentVersion).orElse(null);
  }

  private void mainStep(String name, Supplier<String> body) {
    if (mainFlowFailed != null) {
      steps.add(new GoldenStep(name, null, StepStatus.SKIPPED, 0, "skipped: step '" + mainFlowFailed + "' failed"));
      return;
    }
    GoldenStep step = Steps.run(name, null, body);
    steps.add(step);
    if (!step.passed()) {
      mainFlowFailed = name;
    }
  }
}
