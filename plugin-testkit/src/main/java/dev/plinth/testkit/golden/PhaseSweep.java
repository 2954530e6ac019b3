package dev.plinth.testkit.golden;

import dev.plinth.installer.Phase;
import dev.plinth.installer.events.PlinthEvent;
import dev.plinth.installer.store.InstallOutcome;
import dev.plinth.installer.store.IntegrityReport;
import dev.plinth.installer.store.StoreIntegrity;
import dev.plinth.runtime.PluginStatus;
import dev.plinth.runtime.PluginSystem;
import dev.plinth.testkit.junit.PlinthTestHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The fault half of the golden scenario: from a fresh install of v1, one upgrade to v2 per install
 * phase with a fault injected at that phase, each checked to leave v1 exactly as it was.
 */
final class PhaseSweep {
  private final PlinthTestHost host;
  private final GoldenScenario.Settings s;
  private final SampleRunner samples;
  private final SwitchableFaults faults;
  private final List<GoldenStep> steps;
  private final String id;
  private final String v1;

  PhaseSweep(PlinthTestHost host, GoldenScenario.Settings s, SampleRunner samples, SwitchableFaults faults,
      List<GoldenStep> steps) {
    this.host = host;
    this.s = s;
    this.samples = samples;
    this.faults = faults;
    this.steps = steps;
    this.id = s.v1().id();
    this.v1 = s.v1().version();
  }

  void run() {
    PluginSystem system = host.system();
    GoldenStep setup = Steps.run("install " + v1 + " for the fault sweep", null, () -> {
      String before = "";
      PluginStatus st = system.info(id).orElse(null);
      if (st != null && st.currentVersion() != null) {
        before = "uninstalled " + st.currentVersion() + " first; ";
        StepFailure.require(system.uninstall(id, true).succeeded(), "the leftover install must uninstall: " + st);
      }
      host.configure(id, s.config());
      InstallOutcome o = host.install(s.v1());
      StepFailure.require(o instanceof InstallOutcome.Installed, "expected Installed " + v1 + " but was "
          + Outcomes.describe(o));
      return before + Outcomes.describe(o) + "; " + GoldenRun.started(system, id, v1);
    });
    steps.add(setup);
    for (Phase phase : Phase.values()) {
      if (!s.phases().contains(phase)) {
        continue;
      }
      String name = "fail at " + phase.jsonName();
      if (!setup.passed()) {
        steps.add(new GoldenStep(name, phase, StepStatus.SKIPPED, 0, "skipped: step '" + setup.name() + "' failed"));
        continue;
      }
      steps.add(Steps.run(name, phase, () -> failAt(system, phase)));
    }
  }

  private String failAt(PluginSystem system, Phase phase) {
    HomeSnapshot before = HomeSnapshot.of(system.home());
    // all plugins: a fault before resolve knows the plugin only by its source
    int rolledBackBefore = host.events("rolled_back").size();
    InstallOutcome outcome;
    faults.failAt(phase);
    try {
      outcome = host.install(s.v2());
    } finally {
      faults.clear();
    }
    List<String> problems = new ArrayList<>();
    Phase failed = Outcomes.failedPhase(outcome);
    if (failed != phase) {
      problems.add("expected the upgrade to fail at " + phase.jsonName() + " but was " + Outcomes.describe(outcome));
    }
    String serving = "";
    try {
      serving = GoldenRun.started(system, id, v1) + "; " + samples.execute(system.hooks(), v1);
    } catch (StepFailure e) {
      problems.add(v1 + " must still serve: " + e.getMessage());
    }
    List<String> changed = HomeSnapshot.of(system.home()).differencesFrom(before);
    if (!changed.isEmpty()) {
      problems.add("home changed (events aside): " + changed);
    }
    List<String> leftovers = new ArrayList<>(entries(system.home().resolve("staging")));
    leftovers.addAll(entries(system.home().resolve("journal")));
    if (!leftovers.isEmpty()) {
      problems.add("staging/journal left: " + leftovers);
    }
    IntegrityReport integrity = StoreIntegrity.check(system.home());
    if (!integrity.ok()) {
      problems.add("StoreIntegrity: " + integrity.problems().stream().map(p -> p.code() + " " + p.path()).toList());
    }
    List<PlinthEvent> rolledBack = host.events("rolled_back");
    List<PlinthEvent> fresh = rolledBack.subList(Math.min(rolledBackBefore, rolledBack.size()), rolledBack.size());
    boolean named = fresh.stream().anyMatch(e -> phase.jsonName().equals(String.valueOf(e.detail().get("phase"))));
    if (!named) {
      problems.add("no rolled_back event naming phase " + phase.jsonName() + " (new rolled_back events: "
          + fresh.stream().map(PlinthEvent::detail).toList() + ")");
    }
    StepFailure.requireNone(problems);
    return Outcomes.describe(outcome) + "; home unchanged (" + before.entries().size() + " entries); integrity ok; "
        + "rolled_back event names " + phase.jsonName() + "; " + serving;
  }

  private static List<String> entries(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> list = Files.list(dir)) {
      return list.map(p -> dir.getFileName() + "/" + p.getFileName()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("folder cannot be listed: " + dir, e);
    }
  }
}
