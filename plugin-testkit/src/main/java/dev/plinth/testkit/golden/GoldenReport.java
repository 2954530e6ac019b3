package dev.plinth.testkit.golden;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.plinth.testkit.TestkitErrorCode;
import dev.plinth.testkit.TestkitException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * What a golden run did and found: one {@link GoldenStep} per step, in order.
 *
 * <p>JSON form ({@link #toJson()}, schema version 1): {@code {"schema_version":1,"plugin":"…",
 * "from_version":"…","to_version":"…","host":"name version","started_at":"…","duration_ms":n,
 * "passed":bool,"steps":[{"name":"…","phase":"health"|null,"status":"PASSED|FAILED|SKIPPED",
 * "duration_ms":n,"detail":"…"}]}}.
 *
 * @param pluginId the plugin
 * @param fromVersion the version installed first (v1)
 * @param toVersion the version upgraded to (v2)
 * @param host the host name and version the run used
 * @param startedAt when the run started
 * @param durationMillis how long the run took
 * @param steps every step, in order
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record GoldenReport(String pluginId, String fromVersion, String toVersion, String host, Instant startedAt,
    long durationMillis, List<GoldenStep> steps) {

  public GoldenReport {
    requireNonNull(pluginId, "pluginId");
    requireNonNull(fromVersion, "fromVersion");
    requireNonNull(toVersion, "toVersion");
    requireNonNull(host, "host");
    requireNonNull(startedAt, "startedAt");
    steps = List.copyOf(steps);
  }

  /** Whether every step passed. */
  public boolean passed() {
    return steps.stream().allMatch(GoldenStep::passed);
  }

  /** The steps that failed or were skipped. */
  public List<GoldenStep> failedSteps() {
    return steps.stream().filter(s -> !s.passed()).toList();
  }

  /** The step with this name. */
  public java.util.Optional<GoldenStep> step(String name) {
    return steps.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /**
   * Returns this report when every step passed.
   *
   * @throws TestkitException {@code GOLDEN_SCENARIO_FAILED} listing each failed or skipped step with its detail
   */
  public GoldenReport assertPassed() {
    List<GoldenStep> failed = failedSteps();
    if (!failed.isEmpty()) {
      throw new TestkitException(TestkitErrorCode.GOLDEN_SCENARIO_FAILED,
          "golden scenario must pass every step: " + pluginId + " " + fromVersion + " -> " + toVersion + ", "
              + failed.size() + " of " + steps.size() + " did not:\n"
              + failed.stream().map(s -> "  - " + s.name() + " [" + s.status() + "]: " + s.detail())
                  .collect(Collectors.joining("\n")),
          "Fix the first failed step; writeMarkdown(...) gives the whole run.");
    }
    return this;
  }

  /** The report as JSON (schema above). */
  public String toJson() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("schema_version", 1);
    root.put("plugin", pluginId);
    root.put("from_version", fromVersion);
    root.put("to_version", toVersion);
    root.put("host", host);
    root.put("started_at", startedAt.toString());
    root.put("duration_ms", durationMillis);
    root.put("passed", passed());
    List<Map<String, Object>> list = new ArrayList<>();
    for (GoldenStep s : steps) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", s.name());
      m.put("phase", s.phase() == null ? null : s.phase().jsonName());
      m.put("status", s.status().name());
      m.put("duration_ms", s.durationMillis());
      m.put("detail", s.detail());
      list.add(m);
    }
    root.put("steps", list);
    return ReportFiles.json(root);
  }

  /** The report as a markdown document: a summary line and a table of steps. */
  public String toMarkdown() {
    StringBuilder b = new StringBuilder();
    b.append("# Golden scenario: ").append(pluginId).append(' ').append(fromVersion).append(" → ").append(toVersion)
        .append("\n\n");
    b.append("- host: ").append(host).append('\n');
    b.append("- started: ").append(startedAt).append(", took ").append(durationMillis).append(" ms\n");
    b.append("- result: **").append(passed() ? "PASSED" : "FAILED").append("** (")
        .append(steps.size() - failedSteps().size()).append(" of ").append(steps.size()).append(" steps passed)\n\n");
    b.append("| # | step | status | ms | detail |\n|---|---|---|---|---|\n");
    int i = 1;
    for (GoldenStep s : steps) {
      b.append("| ").append(i++).append(" | ").append(ReportFiles.cell(s.name())).append(" | ").append(s.status())
          .append(" | ").append(s.durationMillis()).append(" | ").append(ReportFiles.cell(s.detail())).append(" |\n");
    }
    return b.toString();
  }

  /** Writes {@link #toJson()} to a file, creating its folder; returns the file. */
  public Path writeJson(Path file) {
    return ReportFiles.write(file, toJson());
  }

  /** Writes {@link #toMarkdown()} to a file, creating its folder; returns the file. */
  public Path writeMarkdown(Path file) {
    return ReportFiles.write(file, toMarkdown());
  }
}
