package dev.plinth.testkit.golden;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * One combination of a {@link GoldenMatrix}.
 *
 * @param pluginVersion the plugin release installed
 * @param hostVersion the host version ({@code HostInfo}) of this cell's system
 * @param apiVersion the API version asked for
 * @param apiVersionApplied whether the system's host profile really had {@code apiVersion}; false
 *     when the facade cannot vary it (the cell was then checked against the profile's own API version)
 * @param expectedCompatible whether the manifest's {@code engine.host} and {@code engine.api}
 *     ranges admit this host and API version
 * @param outcome what the install returned, in short
 * @param status {@code PASSED} when a compatible cell installed and started (and served the
 *     samples) or an incompatible one was refused at preflight
 * @param durationMillis how long the cell took
 * @param detail what was checked and found
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record MatrixCell(String pluginVersion, String hostVersion, String apiVersion, boolean apiVersionApplied,
    boolean expectedCompatible, String outcome, StepStatus status, long durationMillis, String detail) {
  public MatrixCell {
    requireNonNull(pluginVersion, "pluginVersion");
    requireNonNull(hostVersion, "hostVersion");
    requireNonNull(apiVersion, "apiVersion");
    requireNonNull(outcome, "outcome");
    requireNonNull(status, "status");
    requireNonNull(detail, "detail");
  }

  /** Whether the cell behaved as expected. */
  public boolean passed() {
    return status == StepStatus.PASSED;
  }
}
