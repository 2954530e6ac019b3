package dev.plinth.examples.guard;

import dev.plinth.api.Plugin;
import dev.plinth.api.PluginContext;
import dev.plinth.api.hook.HookContext;
import dev.plinth.api.hook.HookResult;
import dev.plinth.examples.host.spi.AuditTrail;
import dev.plinth.hooks.agent.AgentHooks;
import dev.plinth.hooks.agent.ToolPreExec;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Blocks dangerous tool calls at {@code tool.pre_exec}. Its manifest sets {@code failure = "closed"}
 * for the point: if the guard errors or times out, the call is blocked rather than let through.
 * Each block is noted in the host's {@link AuditTrail} when the host offers one.
 *
 * <p>Settings: {@code deny_tools} (tool names always blocked) and {@code deny_patterns} (regular
 * expressions over the input's values; default {@link DenyList#DEFAULT_PATTERNS}).
 */
public final class GuardPlugin implements Plugin {
  private static final Logger LOG = LoggerFactory.getLogger(GuardPlugin.class);

  private volatile DenyList denyList = DenyList.of(List.of(), List.of());
  private volatile @Nullable AuditTrail audit;
  private volatile String pluginId = "guard";

  @Override
  public void start(PluginContext context) {
    denyList = DenyList.of(
        context.config().getStringList("deny_tools"), context.config().getStringList("deny_patterns"));
    audit = context.service(AuditTrail.class).orElse(null);
    pluginId = context.descriptor().id();
    context.hooks().register(AgentHooks.TOOL_PRE_EXEC, this::onToolCall);
    LOG.info("guard {} started", context.descriptor().version());
  }

  private HookResult<ToolPreExec> onToolCall(HookContext<ToolPreExec> hook) {
    ToolPreExec call = hook.data();
    Optional<String> reason = denyList.check(call.toolName(), call.toolInput());
    if (reason.isEmpty()) {
      return HookResult.unchanged();
    }
    AuditTrail a = audit;
    if (a != null) {
      a.record(pluginId, "blocked " + call.toolName() + " call " + call.toolCallId() + ": " + reason.get());
    }
    return HookResult.block(reason.get());
  }
}
