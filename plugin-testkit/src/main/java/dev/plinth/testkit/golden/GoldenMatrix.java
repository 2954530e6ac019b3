package dev.plinth.testkit.golden;

import dev.plinth.installer.extract.FileTrees;
import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.plinth.api.PlinthApi;
import dev.plinth.api.hook.HookPoint;
import dev.plinth.installer.Phase;
import dev.plinth.installer.store.InstallOutcome;
import dev.plinth.manifest.ManifestParser;
import dev.plinth.manifest.PluginManifest;
import dev.plinth.testkit.TestkitErrorCode;
import dev.plinth.testkit.TestkitException;
import dev.plinth.testkit.bundle.BuiltBundle;
import dev.plinth.testkit.junit.PlinthTestHost;
import dev.plinth.testkit.junit.PlinthTestHostBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;
import org.semver4j.Semver;

/**
 * The compatibility matrix: each plugin release × each host version × each API version, every
 * combination on a fresh {@code PluginSystem}. A combination the manifest's {@code engine.host} and
 * {@code engine.api} ranges admit must install, start and serve the samples (if any); one they
 * exclude must be refused at {@code preflight}.
 *
 * <p>The API version: {@code PluginSystem.Builder} offers no API version setting (a host always
 * runs the plugin-api it was built with, {@code PlinthApi.VERSION}), so a requested API version
 * other than that one is <em>not varied</em>: the cell says so ({@code apiVersionApplied = false})
 * and is checked against the version the host profile really has.
 *
 * <pre>{@code
 * MatrixReport m = GoldenMatrix.builder(tempDir, v1, v2)
 *     .hostVersions("1.4.0", "2.0.0")
 *     .build().run();
 * m.writeMarkdown(tempDir.resolve("matrix.md"));
 * m.assertPassed();
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class GoldenMatrix {
  private final Path workDir;
  private final List<BuiltBundle> releases;
  private final List<String> hostVersions;
  private final List<String> apiVersions;
  private final String hostName;
  private final @Nullable List<HookPoint<?>> hookPoints;
  private final List<String> exports;
  private final SampleRunner samples;

  private GoldenMatrix(Builder b) {
    this.workDir = b.workDir;
    this.releases = List.copyOf(b.releases);
    this.hostVersions = List.copyOf(b.hostVersions);
    this.apiVersions = b.apiVersions.isEmpty() ? List.of(PlinthApi.VERSION) : List.copyOf(b.apiVersions);
    this.hostName = b.hostName;
    this.hookPoints = b.hookPoints;
    this.exports = List.copyOf(b.exports);
    this.samples = new SampleRunner(releases.get(0).id(), b.samples);
  }

  /**
   * Starts describing a matrix over releases of one plugin.
   *
   * @throws TestkitException {@code GOLDEN_SETUP_INVALID} when no release is given or their ids differ
   */
  public static Builder builder(Path workDir, BuiltBundle... releases) {
    requireNonNull(workDir, "workDir");
    if (releases.length == 0) {
      throw GoldenScenario.invalid("releases must not be empty: give the plugin's bundles");
    }
    for (BuiltBundle r : releases) {
      if (!r.id().equals(releases[0].id())) {
        throw GoldenScenario.invalid("releases must all be of one plugin: " + releases[0].id() + " vs " + r.id());
      }
    }
    return new Builder(workDir, List.of(releases));
  }

  /** Runs every cell; never throws for a cell that failed. */
  public MatrixReport run() {
    Instant started = Instant.now();
    long t0 = System.nanoTime();
    List<MatrixCell> cells = new ArrayList<>();
    boolean allApplied = true;
    for (BuiltBundle release : releases) {
      for (String host : hostVersions) {
        for (String api : apiVersions) {
          MatrixCell cell = cell(release, host, api);
          allApplied &= cell.apiVersionApplied();
          cells.add(cell);
        }
      }
    }
    String note = allApplied ? "" : "API version not varied: PluginSystem.Builder has no API version setting; "
        + "cells marked (not varied) were checked against the host profile's API version " + PlinthApi.VERSION;
    return new MatrixReport(releases.get(0).id(), started, (System.nanoTime() - t0) / 1_000_000, allApplied, note, cells);
  }

  private MatrixCell cell(BuiltBundle release, String hostVersion, String apiVersion) {
    long t0 = System.nanoTime();
    Path root;
    try {
      Files.createDirectories(workDir);
      root = Files.createTempDirectory(workDir, "matrix-");
    } catch (IOException e) {
      throw new UncheckedIOException("matrix work folder cannot be made under " + workDir, e);
    }
    String outcomeText = "not run";
    boolean applied = false;
    boolean expected = false;
    StepStatus status;
    String detail;
    try (PlinthTestHost host = host(root, hostVersion)) {
      String effectiveApi = host.system().hostProfile().apiVersion();
      applied = effectiveApi.equals(apiVersion);
      PluginManifest.Engine engine = engine(release);
      expected = admits(engine.host(), hostVersion) && admits(engine.api(), effectiveApi);
      InstallOutcome o = host.install(release);
      outcomeText = Outcomes.describe(o);
      String ranges = "engine host " + engine.host() + ", api " + engine.api() + " vs host " + hostVersion + ", api "
          + effectiveApi + (applied ? "" : " (asked " + apiVersion + ", not varied)");
      if (expected) {
        StepFailure.require(o.succeeded(), "expected compatible (" + ranges + ") but was " + outcomeText);
        String served = GoldenRun.started(host.system(), release.id(), release.version());
        if (!samplesEmpty()) {
          served += "; " + samples.execute(host.system().hooks(), release.version());
        }
        detail = "compatible and installed (" + ranges + "); " + served;
      } else {
        StepFailure.require(Outcomes.failedPhase(o) == Phase.PREFLIGHT,
            "expected a refusal at preflight (" + ranges + ") but was " + outcomeText);
        detail = "refused at preflight as expected (" + ranges + ")";
      }
      status = StepStatus.PASSED;
    } catch (StepFailure e) {
      status = StepStatus.FAILED;
      detail = String.valueOf(e.getMessage());
    } catch (RuntimeException e) {
      status = StepStatus.FAILED;
      detail = "threw " + e;
    } finally {
      FileTrees.deleteRecursively(root);
    }
    return new MatrixCell(release.version(), hostVersion, apiVersion, applied, expected, outcomeText, status,
        (System.nanoTime() - t0) / 1_000_000, detail);
  }

  private boolean samplesEmpty() {
    return samples.isEmpty();
  }

  private PlinthTestHost host(Path root, String hostVersion) {
    PlinthTestHostBuilder b = PlinthTestHost.builder(root).host(hostName, hostVersion)
        .exportPackages(exports.toArray(String[]::new));
    if (hookPoints != null) {
      b.hookPoints(hookPoints);
    }
    return b.build();
  }

  private static PluginManifest.Engine engine(BuiltBundle release) {
    return release.manifestText().flatMap(t -> ManifestParser.parse(t).manifest()).map(PluginManifest::engine)
        .orElse(PluginManifest.Engine.NONE);
  }

  /** The matrix's own reading of a range (semver4j, npm style), independent of the preflight under test. */
  static boolean admits(@Nullable String range, String version) {
    if (range == null || range.isBlank()) {
      return true;
    }
    Semver v = Semver.coerce(version);
    return v != null && v.satisfies(range);
  }

  /** Describes a {@link GoldenMatrix}. */
  public static final class Builder {
    private final Path workDir;
    private final List<BuiltBundle> releases;
    private final List<String> hostVersions = new ArrayList<>();
    private final List<String> apiVersions = new ArrayList<>();
    private String hostName = "plinth-golden-host";
    private @Nullable List<HookPoint<?>> hookPoints;
    private final List<String> exports = new ArrayList<>();
    private final List<SampleDispatch<?>> samples = new ArrayList<>();
    private final Map<String, Object> given = new LinkedHashMap<>();

    private Builder(Path workDir, List<BuiltBundle> releases) {
      this.workDir = workDir;
      this.releases = releases;
    }

    /** The host versions to run against (required). */
    public Builder hostVersions(String... versions) {
      once("hostVersions", hostVersions);
      hostVersions.addAll(List.of(versions));
      return this;
    }

    /** The API versions to run against (default: {@code PlinthApi.VERSION}); see the class notes. */
    public Builder apiVersions(String... versions) {
      once("apiVersions", apiVersions);
      apiVersions.addAll(List.of(versions));
      return this;
    }

    /** The host's name (default {@code plinth-golden-host}). */
    public Builder hostName(String name) {
      once("hostName", hostName);
      hostName = requireNonNull(name, "name");
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

    /** A sample every compatible cell must serve, with the cell's plugin version as the version. */
    public Builder sample(SampleDispatch<?> sample) {
      samples.add(requireNonNull(sample, "sample"));
      return this;
    }

    /**
     * Builds the matrix.
     *
     * @throws TestkitException {@code GOLDEN_SETUP_INVALID} when no host version was given
     */
    public GoldenMatrix build() {
      if (hostVersions.isEmpty()) {
        throw GoldenScenario.invalid("hostVersions must not be empty: name the host versions to run against");
      }
      return new GoldenMatrix(this);
    }

    private void once(String name, @Nullable Object old) {
      if (given.put(name, Boolean.TRUE) != null) {
        throw new TestkitException(TestkitErrorCode.BUILDER_SETTING_INVALID,
            name + " must be set once, already: " + old, "Remove the second " + name + "(...) call.");
      }
    }
  }
}
