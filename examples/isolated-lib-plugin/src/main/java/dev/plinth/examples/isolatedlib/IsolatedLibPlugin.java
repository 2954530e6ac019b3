package dev.plinth.examples.isolatedlib;

import dev.plinth.api.HealthStatus;
import dev.plinth.api.Plugin;
import dev.plinth.api.PluginContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts, logs which Commons Lang it got, and is healthy only when that copy is its own bundled
 * one (not a copy leaking in from the host). Its tools live in {@link LibraryTools}.
 */
public final class IsolatedLibPlugin implements Plugin {
  private static final Logger LOG = LoggerFactory.getLogger(IsolatedLibPlugin.class);

  @Override
  public void start(PluginContext context) {
    LOG.info("isolated_lib {} started with {}", context.descriptor().version(), LibraryVersion.ofPlugin());
  }

  @Override
  public HealthStatus health() {
    ClassLoader own = IsolatedLibPlugin.class.getClassLoader();
    ClassLoader lib = org.apache.commons.lang3.StringUtils.class.getClassLoader();
    return lib == own
        ? HealthStatus.healthy()
        : HealthStatus.degraded("commons-lang3 comes from another loader: " + LibraryVersion.ofPlugin());
  }
}
