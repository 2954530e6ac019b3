package dev.plinth.manifest;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The result of parsing, validating or preflighting a manifest: the model (when the file could be
 * read into one) and every issue found, in the order found. Immutable and thread-safe; serialise it
 * with {@link ManifestReports}.
 */
@API(status = STABLE, since = "0.1")
public record ManifestReport(@Nullable PluginManifest manifestOrNull, List<ManifestIssue> issues) {
  public ManifestReport {
    issues = List.copyOf(issues);
  }

  /** The model, present when the TOML parsed and the required fields were readable. */
  public Optional<PluginManifest> manifest() {
    return Optional.ofNullable(manifestOrNull);
  }

  /** True when there is a model and no error-severity issue. */
  public boolean ok() {
    return manifestOrNull != null && issues.stream().noneMatch(ManifestIssue::isError);
  }

  public List<ManifestIssue> errors() {
    return issues.stream().filter(ManifestIssue::isError).toList();
  }

  public List<ManifestIssue> warnings() {
    return issues.stream().filter(i -> !i.isError()).toList();
  }

  /** This report with more issues appended (used by preflight). */
  public ManifestReport withIssues(List<ManifestIssue> more) {
    List<ManifestIssue> all = new ArrayList<>(issues);
    all.addAll(more);
    return new ManifestReport(manifestOrNull, all);
  }

  /**
   * The manifest, or a {@link ManifestException} carrying the first error and all issues.
   *
   * @throws ManifestException when the report is not {@link #ok()}
   */
  public PluginManifest orThrow() {
    if (ok()) {
      return manifestOrNull;
    }
    throw ManifestException.of(this);
  }
}
