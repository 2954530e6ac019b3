package ${package};

import dev.plinth.api.HealthStatus;
import dev.plinth.api.Plugin;
import dev.plinth.api.PluginContext;
import dev.plinth.hooks.agent.AgentHooks;

/**
 * The plugin's entry, named in plugin.toml ({@code runtime.entry}) and in
 * {@code META-INF/services/dev.plinth.api.Plugin}. The host calls {@link #start} once it is loaded
 * and registers nothing for it: everything the plugin contributes is registered here.
 */
public final class PluginEntry implements Plugin {
  private final WorkItemCounter counter = new WorkItemCounter();

  @Override
  public void start(PluginContext context) {
    // Only points listed under contributes.hooks may be registered; the handle unregisters on unload.
    context.hooks().register(AgentHooks.WORK_ITEM_POST_CREATE, counter);
  }

  @Override
  public HealthStatus health() {
    return HealthStatus.healthy();
  }

  /** How many work items this instance has seen. */
  public long workItemsSeen() {
    return counter.seen();
  }
}
