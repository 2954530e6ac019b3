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
import java.util.Optional;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * The compatibility matrix of a plugin: one {@link MatrixCell} per plugin version × host version ×
 * API version, in that nesting order.
 *
 * <p>JSON form (schema version 1): {@code {"schema_version":1,"plugin":"…","started_at":"…",
 * "duration_ms":n,"api_version_varied":bool,"note":"…","passed":bool,"cells":[{"plugin_version":"…",
 * "host_version":"…","api_version":"…","api_version_applied":bool,"expected_compatible":bool,
 * "outcome":"…","status":"PASSED|FAILED","duration_ms":n,"detail":"…"}]}}.
 *
 * @param pluginId the plugin
 * @param startedAt when the run started
 * @param durationMillis how long it took
 * @param apiVersionVaried whether every cell's API version was really applied
 * @param note what the run could not vary, or empty
 * @param cells every combination
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record MatrixReport(String pluginId, Instant startedAt, long durationMillis, boolean apiVersionVaried, String note,
    List<MatrixCell> cells) {

  public MatrixReport {
    requireNonNull(pluginId, "pluginId");
    requireNonNull(startedAt, "startedAt");
    requireNonNull(note, "note");
    cells = List.copyOf(cells);
  }

  /** Whether every cell passed. */
  public boolean passed() {
    return cells.stream().allMatch(MatrixCell::passed);
  }

  /** The cell for this combination. */
  public Optional<MatrixCell> cell(String pluginVersion, String hostVersion, String apiVersion) {
    return cells.stream().filter(c -> c.pluginVersion().equals(pluginVersion) && c.hostVersion().equals(hostVersion)
        && c.apiVersion().equals(apiVersion)).findFirst();
  }

  /**
   * Returns this report when every cell passed.
   *
   * @throws TestkitException {@code GOLDEN_SCENARIO_FAILED} listing the failed cells
   */
  public MatrixReport assertPassed() {
    List<MatrixCell> failed = cells.stream().filter(c -> !c.passed()).toList();
    if (!failed.isEmpty()) {
      throw new TestkitException(TestkitErrorCode.GOLDEN_SCENARIO_FAILED,
          "compatibility matrix must pass every cell: " + pluginId + ", " + failed.size() + " of " + cells.size()
              + " did not:\n" + failed.stream().map(c -> "  - plugin " + c.pluginVersion() + " host " + c.hostVersion()
                  + " api " + c.apiVersion() + ": " + c.detail()).collect(Collectors.joining("\n")),
          "Fix the plugin's engine ranges or the host's compatibility checks; writeMarkdown(...) shows every cell.");
    }
    return this;
  }

  /** The report as JSON (schema above). */
  public String toJson() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("schema_version", 1);
    root.put("plugin", pluginId);
    root.put("started_at", startedAt.toString());
    root.put("duration_ms", durationMillis);
    root.put("api_version_varied", apiVersionVaried);
    root.put("note", note);
    root.put("passed", passed());
    List<Map<String, Object>> list = new ArrayList<>();
    for (MatrixCell c : cells) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("plugin_version", c.pluginVersion());
      m.put("host_version", c.hostVersion());
      m.put("api_version", c.apiVersion());
      m.put("api_version_applied", c.apiVersionApplied());
      m.put("expected_compatible", c.expectedCompatible());
      m.put("outcome", c.outcome());
      m.put("status", c.status().name());
      m.put("duration_ms", c.durationMillis());
      m.put("detail", c.detail());
      list.add(m);
    }
    root.put("cells", list);
    return ReportFiles.json(root);
  }

  /** The report as markdown: a summary and one table row per cell. */
  public String toMarkdown() {
    StringBuilder b = new StringBuilder("# Compatibility matrix: ").append(pluginId).append("\n\n");
    b.append("- started: ").append(startedAt).append(", took ").append(durationMillis).append(" ms\n");
    b.append("- result: **").append(passed() ? "PASSED" : "FAILED").append("** (")
        .append(cells.stream().filter(MatrixCell::passed).count()).append(" of ").append(cells.size())
        .append(" cells as expected)\n");
    if (!note.isEmpty()) {
      b.append("- note: ").append(note).append('\n');
    }
    b.append("\n| plugin | host | api | expected | outcome | status |\n|---|---|---|---|---|---|\n");
    for (MatrixCell c : cells) {
      b.append("| ").append(c.pluginVersion()).append(" | ").append(c.hostVersion()).append(" | ").append(c.apiVersion())
          .append(c.apiVersionApplied() ? "" : " (not varied)").append(" | ")
          .append(c.expectedCompatible() ? "compatible" : "refused at preflight").append(" | ")
          .append(ReportFiles.cell(c.outcome())).append(" | ").append(c.status()).append(" |\n");
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
