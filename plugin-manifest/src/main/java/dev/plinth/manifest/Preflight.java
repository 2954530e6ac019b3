package dev.plinth.manifest;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/** Validation plus compatibility against a {@link HostProfile}. Thread-safe; stateless. */
@API(status = STABLE, since = "0.1")
public final class Preflight {
  private Preflight() {}

  /** Compatibility issues of a parsed manifest against a host. */
  public static ManifestReport check(PluginManifest manifest, HostProfile host) {
    List<ManifestIssue> issues = new ArrayList<>();
    if (host.hostVersion() == null) {
      issues.add(new ManifestIssue("HOST_VERSION_UNKNOWN", Severity.ERROR, "host.version", null,
          "host profile has no version", "Give the host profile a version."));
    }
    return new ManifestReport(manifest, issues);
  }
}
