package dev.plinth.runtime;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * Who the host is: its name and semantic version, which plugins' {@code engine.host} ranges are
 * checked against. {@link PluginSystem.Builder#host} rejects a blank name or version: a host that
 * does not state its version would make every compatibility check meaningless.
 *
 * @param name the host application's name, e.g. {@code "acme-agent"}
 * @param version the host's semantic version, e.g. {@code "2.3.0"}
 */
@API(status = STABLE, since = "0.1")
public record HostInfo(String name, String version) {
  public HostInfo {
    requireNonNull(name, "name");
    requireNonNull(version, "version");
  }

  public static HostInfo of(String name, String version) {
    return new HostInfo(name, version);
  }
}
