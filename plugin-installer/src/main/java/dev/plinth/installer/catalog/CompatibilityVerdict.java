package dev.plinth.installer.catalog;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.plinth.manifest.ManifestIssue;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Whether a catalog plugin fits this host, from preflight of the manifest its source serves apart
 * from the archive.
 *
 * @param status the verdict
 * @param problems the preflight errors (empty unless {@code INCOMPATIBLE})
 * @param reason one line for people: what was checked, or why nothing could be
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record CompatibilityVerdict(Status status, List<ManifestIssue> problems, String reason) {
  public CompatibilityVerdict {
    requireNonNull(status, "status");
    problems = List.copyOf(problems);
    requireNonNull(reason, "reason");
  }

  /** The three verdicts. */
  @API(status = EXPERIMENTAL, since = "0.1")
  public enum Status {
    /** The manifest passed preflight against the host profile. */
    COMPATIBLE,
    /** The manifest failed preflight: see {@code problems}. */
    INCOMPATIBLE,
    /** The source serves no manifest apart from the archive; preflight runs at install. */
    UNKNOWN
  }
}
