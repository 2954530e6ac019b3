package dev.plinth.examples.hello;

import dev.plinth.api.HealthStatus;
import dev.plinth.api.Plugin;
import dev.plinth.api.PluginContext;
import dev.plinth.api.hook.HookResult;
import dev.plinth.hooks.agent.AgentHooks;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs when it starts, is always healthy, and counts the work items the host creates
 * ({@code work_item.post_create}, observe only: it never changes or blocks anything).
 */
public final class HelloPlugin implements Plugin {
  private static final Logger LOG = LoggerFactory.getLogger(HelloPlugin.class);

  private final AtomicLong workItemsSeen = new AtomicLong();

  @Override
  public void start(PluginContext context) {
    LOG.info("hello {} started", context.descriptor().version());
    context.hooks().register(AgentHooks.WORK_ITEM_POST_CREATE, hook -> {
      long n = workItemsSeen.incrementAndGet();
      LOG.info("hello: work item {} created ({} so far)", hook.data().workItem().id(), n);
      return HookResult.unchanged();
    });
  }

  @Override
  public HealthStatus health() {
    return HealthStatus.healthy();
  }

  /** How many work items this instance has seen. */
  public long workItemsSeen() {
    return workItemsSeen.get();
  }
}
