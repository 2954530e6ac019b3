/**
 * The hook engine a host embeds: a {@link dev.plinth.hooks.HookRegistry} that plugins register
 * handlers into (through a {@link dev.plinth.hooks.PluginHookRegistrar} that can never dispatch),
 * and a {@link dev.plinth.hooks.HookDispatcher} that runs the chain of a
 * {@link dev.plinth.api.hook.HookPoint} in a stated order, with per-handler timeouts inside a chain
 * budget, failure policies, field-level mutation allow-lists, a per-plugin bulkhead and one
 * {@link dev.plinth.hooks.HookReceipt} per handler.
 *
 * <pre>{@code
 * HookDispatcher hooks = HookDispatcher.builder().build();
 * hooks.registry().register(HandlerSpec.of("acme_audit", AgentHooks.TOOL_PRE_EXEC, options, handler));
 * DispatchResult<ToolPreExec> r = hooks.dispatch(AgentHooks.TOOL_PRE_EXEC, HookScope.of(runId), data);
 * if (r.blocked()) { ... }
 * }</pre>
 */
@NullMarked
package dev.plinth.hooks;

import org.jspecify.annotations.NullMarked;
