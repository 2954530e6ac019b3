/**
 * Ready-made hook points for a host that runs AI agents (work items, prompts, model calls, tool
 * calls, responses), with immutable record data and the mutation and block rules of each point.
 * Optional: hosts with other needs declare their own {@link dev.plinth.api.hook.HookPoint}s the
 * same way. See {@link dev.plinth.hooks.agent.AgentHooks}.
 */
@NullMarked
package dev.plinth.hooks.agent;

import org.jspecify.annotations.NullMarked;
