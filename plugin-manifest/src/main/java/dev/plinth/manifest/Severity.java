package dev.plinth.manifest;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/** How serious a {@link ManifestIssue} is: errors block an install, warnings do not. */
@API(status = STABLE, since = "0.1")
public enum Severity {
  ERROR,
  WARNING
}
