package dev.plinth.examples.broken;

import dev.plinth.api.HealthStatus;
import dev.plinth.api.Plugin;
import dev.plinth.api.PluginContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts fine, then fails its health check, as a release does that cannot reach something it
 * needs. Installing or upgrading to it is rolled back at the {@code health} phase, and the version
 * that was serving before keeps serving.
 */
public final class BrokenPlugin implements Plugin {
  /** The detail its health check reports. */
  public static final String PROBLEM = "cannot reach its license server (simulated failure)";

  private static final Logger LOG = LoggerFactory.getLogger(BrokenPlugin.class);

  @Override
  public void start(PluginContext context) {
    LOG.info("{} {} started (its health check will fail)", context.descriptor().id(), context.descriptor().version());
  }

  @Override
  public HealthStatus health() {
    return HealthStatus.unhealthy(PROBLEM);
  }
}
