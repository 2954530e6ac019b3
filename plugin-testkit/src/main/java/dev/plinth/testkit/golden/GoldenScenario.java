package dev.plinth.testkit.golden;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.plinth.api.hook.HookPoint;
import dev.plinth.installer.Phase;
import dev.plinth.runtime.PluginSystem;
import dev.plinth.testkit.TestkitErrorCode;
import dev.plinth.testkit.TestkitException;
import dev.plinth.testkit.bundle.BuiltBundle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;
import org.semver4j.Semver;

/**
 * The golden scenario for one plugin's two releases, v1 and v2, on a real {@code PluginSystem} in
 * a fresh home under the work folder. Steps, in order:
 *
 * <ol>
 *   <li>install v1 (enabled, permissions acknowledged): {@code Installed}, started;
 *   <li>configure: the author's config is given to the plugin, which is restarted and must start;
 *   <li>execute: every {@link SampleDispatch} is dispatched; the plugin must answer each with an
 *       {@code OK} or {@code BLOCKED} receipt, the expectation must hold for v1, and every hook the
 *       manifest declares must have a sample;
 *   <li>upgrade to v2 ({@code Upgraded}, started), execute for v2;
 *   <li>rollback ({@code system.rollback(id)}): v1 current and started again, execute for v1;
 *   <li>uninstall: {@code Uninstalled}, no handler of the plugin answers any more;
 *   <li>install v1 again, then for each install phase an upgrade to v2 with a fault injected at
 *       that phase: the outcome fails at that phase, v1 is still current, started and passes the
 *       samples, every file of the home except the event log is byte-for-byte as before, no
 *       staging or journal entry is left, {@code StoreIntegrity} finds nothing, and a
 *       {@code rolled_back} event names the phase.
 * </ol>
 *
 * When a step of the main flow (1–6) fails, its remaining steps are reported as skipped; the fault
 * sweep (7) starts from a fresh install and always runs. The plugin first starts with an empty
 * configuration, as on a host nobody has configured yet.
 *
 * <p>Not thread-safe; run a scenario once at a time.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class GoldenScenario {
  private final Settings settings;

  private GoldenScenario(Settings settings) {
    this.settings = settings;
  }

  /**
   * Starts describing a scenario for two bundles of the same plugin; homes are made under
   * {@code workDir} and deleted after the run.
   *
   * @throws TestkitException {@code GOLDEN_SETUP_INVALID} when the ids differ or v2 is not newer than v1
   */
  public static Builder builder(Path workDir, BuiltBundle v1, BuiltBundle v2) {
    requireNonNull(workDir, "workDir");
    requireNonNull(v1, "v1");
    requireNonNull(v2, "v2");
    if (!v1.id().equals(v2.id())) {
      throw invalid("v2 must be a bundle of the same plugin as v1: " + v1.id() + " vs " + v2.id());
    }
    Semver a = Semver.parse(v1.version());
    Semver b = Semver.parse(v2.version());
    if (a == null || b == null || !b.isGreaterThan(a)) {
      throw invalid("v2 version must be a semver newer than v1: " + v1.version() + " -> " + v2.version());
    }
    return new Builder(workDir, v1, v2);
  }

  /** Runs every step and returns the report; never throws for a failed step. */
  public GoldenReport run() {
    return new GoldenRun(settings).run();
  }

  /**
   * Runs the scenario and returns its report if every step passed.
   *
   * @throws TestkitException {@code GOLDEN_SCENARIO_FAILED} listing the failed steps
   */
  public GoldenReport assertPassed() {
    return run().assertPassed();
  }

  static TestkitException invalid(String message) {
    return new TestkitException(TestkitErrorCode.GOLDEN_SETUP_INVALID, message,
        "Give two bundles of the same plugin id, the second with the higher version.");
  }

  /** Everything a run needs; made by the builder. */
  record Settings(Path workDir, BuiltBundle v1, BuiltBundle v2, Map<String, Object> config,
      List<SampleDispatch<?>> samples, String hostName, String hostVersion, @Nullable List<HookPoint<?>> hookPoints,
      List<String> exportPackages, Set<Phase> phases, Consumer<PluginSystem.Builder> customize) {}

  /** Describes a {@link GoldenScenario}. Each single-valued setting may be given once. */
  public static final class Builder {
    private final Path workDir;
    private final BuiltBundle v1;
    private final BuiltBundle v2;
    private final Map<String, Object> given = new LinkedHashMap<>();
    private Map<String, Object> config = Map.of();
    private final List<SampleDispatch<?>> samples = new ArrayList<>();
    private String hostName = "plinth-golden-host";
    private String hostVersion = "1.0.0";
    private @Nullable List<HookPoint<?>> hookPoints;
    private final List<String> exports = new ArrayList<>();
    private Set<Phase> phases = EnumSet.allOf(Phase.class);
    private Consumer<PluginSystem.Builder> customize = b -> {};

    private Builder(Path workDir, BuiltBundle v1, BuiltBundle v2) {
      this.workDir = workDir;
      this.v1 = v1;
      this.v2 = v2;
    }

    /** The configuration the configure step gives the plugin. */
    public Builder config(Map<String, ?> values) {
      once("config", config);
      config = Map.copyOf(values);
      return this;
    }

    /** Adds a sample dispatch; the execute steps run them in the order added. */
    public Builder sample(SampleDispatch<?> sample) {
      samples.add(requireNonNull(sample, "sample"));
      return this;
    }

    /** The host's name and version (default {@code plinth-golden-host 1.0.0}). */
    public Builder host(String name, String version) {
      once("host", hostName + " " + hostVersion);
      hostName = requireNonNull(name, "name");
      hostVersion = requireNonNull(version, "version");
      return this;
    }

    /** The hook points the host offers (default {@code AgentHooks.ALL}). */
    public Builder hookPoints(List<? extends HookPoint<?>> points) {
      once("hookPoints", hookPoints);
      hookPoints = List.copyOf(points);
      return this;
    }

    /** Further host packages plugins may see. */
    public Builder exportPackages(String... packages) {
      exports.addAll(List.of(packages));
      return this;
    }

    /** Only these phases in the fault sweep (default: all nine). */
    public Builder phases(Phase first, Phase... more) {
      once("phases", phases);
      phases = EnumSet.of(first, more);
      return this;
    }

    /** Anything else the system builder offers (host services, secrets, settings). */
    public Builder customize(Consumer<PluginSystem.Builder> configure) {
      once("customize", customize);
      customize = requireNonNull(configure, "configure");
      return this;
    }

    /**
     * Builds the scenario.
     *
     * @throws TestkitException {@code GOLDEN_SETUP_INVALID} when no sample was given
     */
    public GoldenScenario build() {
      if (samples.isEmpty()) {
        throw invalid("samples must not be empty: the execute steps need at least one SampleDispatch");
      }
      return new GoldenScenario(new Settings(workDir, v1, v2, config, samples, hostName, hostVersion, hookPoints,
          exports, phases, customize));
    }

    private void once(String name, @Nullable Object old) {
      if (given.put(name, Boolean.TRUE) != null) {
        throw new TestkitException(TestkitErrorCode.BUILDER_SETTING_INVALID,
            name + " must be set once, already: " + old, "Remove the second " + name + "(...) call.");
      }
    }
  }
}
