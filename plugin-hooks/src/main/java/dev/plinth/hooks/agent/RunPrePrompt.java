package dev.plinth.hooks.agent;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Data of {@code run.pre_prompt}: may change {@code systemPrompt} (append sections) and
 * {@code userMessage}; never blocks (stopping the agent here is not the intent). Immutable.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record RunPrePrompt(
    String systemPrompt, String userMessage, Agent agent, WorkItem workItem, SessionContext sessionContext) {
  public RunPrePrompt {
    requireNonNull(systemPrompt, "systemPrompt");
    requireNonNull(userMessage, "userMessage");
    requireNonNull(agent, "agent");
    requireNonNull(workItem, "workItem");
    requireNonNull(sessionContext, "sessionContext");
  }

  public RunPrePrompt withSystemPrompt(String systemPrompt) {
    return new RunPrePrompt(systemPrompt, userMessage, agent, workItem, sessionContext);
  }

  public RunPrePrompt withUserMessage(String userMessage) {
    return new RunPrePrompt(systemPrompt, userMessage, agent, workItem, sessionContext);
  }
}
