package dev.plinth.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/** Facts about this contract that hosts and manifests compare against. */
@API(status = STABLE, since = "0.1")
public final class PlinthApi {
  /**
   * The semantic version of the plugin contract. A manifest's {@code plugin.engine.api} range is
   * matched against it: the major number changes only when a plugin compiled against the old
   * contract could break.
   */
  public static final String VERSION = "1.0.0";

  /** The package prefix that every plugin loader delegates to the host: bundles must not carry it. */
  public static final String PACKAGE_PREFIX = "dev.plinth.api";

  private PlinthApi() {}
}
