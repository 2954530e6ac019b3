package dev.plinth.examples.stall;

import dev.plinth.api.Plugin;
import dev.plinth.api.PluginContext;
import dev.plinth.api.hook.HookContext;
import dev.plinth.api.hook.HookResult;
import dev.plinth.hooks.agent.AgentHooks;
import dev.plinth.hooks.agent.ToolPostExec;
import dev.plinth.hooks.agent.ToolPreExec;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A plugin whose remote service hangs: it checks deployments ({@code tool.pre_exec}, calls whose
 * command starts with {@code ./deploy}) against a change calendar, and uploads every tool result to
 * an audit service ({@code tool.post_exec}). Both calls wait on a service that never answers, so the
 * host's dispatcher cuts them off at the manifest's {@code timeout_ms}: the deployment check fails
 * closed (the call is blocked), the audit upload fails open (the chain goes on).
 *
 * <p>A stuck handler is never interrupted by the host, so each one waits until the plugin stops (or
 * at most {@link #MAX_HANG_SECONDS}), which lets the plugin unload cleanly.
 */
public final class StallPlugin implements Plugin {
  /** The longest a handler hangs when the plugin is never stopped. */
  public static final long MAX_HANG_SECONDS = 30;

  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicInteger hanging = new AtomicInteger();

  @Override
  public void start(PluginContext context) {
    context.hooks().register(AgentHooks.TOOL_PRE_EXEC, this::checkDeployment);
    context.hooks().register(AgentHooks.TOOL_POST_EXEC, this::uploadAudit);
  }

  @Override
  public void stop() {
    stopped.countDown();
  }

  /** How many handler calls are waiting on the service right now. */
  public int hanging() {
    return hanging.get();
  }

  private HookResult<ToolPreExec> checkDeployment(HookContext<ToolPreExec> hook) {
    Object command = hook.data().toolInput().get("command");
    if (command instanceof String c && c.startsWith("./deploy")) {
      waitForService();
    }
    return HookResult.unchanged();
  }

  private HookResult<ToolPostExec> uploadAudit(HookContext<ToolPostExec> hook) {
    waitForService();
    return HookResult.unchanged();
  }

  private void waitForService() {
    hanging.incrementAndGet();
    try {
      stopped.await(MAX_HANG_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      hanging.decrementAndGet();
    }
  }
}
