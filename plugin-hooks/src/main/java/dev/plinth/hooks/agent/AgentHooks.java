package dev.plinth.hooks.agent;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.plinth.api.hook.HookMerge;
import dev.plinth.api.hook.HookPoint;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The nine hook points of a host that runs AI agents, in the order a request meets them. Each
 * states its data record, the fields handlers may change, and whether it may be blocked; points
 * that may be blocked fail closed by default, the others fail open.
 *
 * <table>
 *   <caption>Points</caption>
 *   <tr><th>point</th><th>may change</th><th>may block</th></tr>
 *   <tr><td>work_item.pre_create</td><td>workItem.title, workItem.sessionKey, workItem.payload</td><td>yes</td></tr>
 *   <tr><td>work_item.post_create</td><td>nothing</td><td>no</td></tr>
 *   <tr><td>run.pre_prompt</td><td>systemPrompt, userMessage</td><td>no</td></tr>
 *   <tr><td>model.pre_call</td><td>temperature, maxTokens, model</td><td>yes</td></tr>
 *   <tr><td>model.post_call</td><td>nothing</td><td>no</td></tr>
 *   <tr><td>tool.pre_exec</td><td>toolInput</td><td>yes</td></tr>
 *   <tr><td>tool.post_exec</td><td>result.output</td><td>no</td></tr>
 *   <tr><td>response.pre_deliver</td><td>content</td><td>yes</td></tr>
 *   <tr><td>response.post_deliver</td><td>nothing</td><td>no</td></tr>
 * </table>
 *
 * <p>Constants are immutable and thread-safe. Register them with the runtime like any host point.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class AgentHooks {
  /** Before a work item is created from an inbound event. */
  public static final HookPoint<WorkItemPreCreate> WORK_ITEM_PRE_CREATE =
      HookPoint.builder("work_item.pre_create", WorkItemPreCreate.class)
          .blockable(true)
          .merge(NestedMerge.of(WorkItemPreCreate.class, "workItem", WorkItemPreCreate::workItem,
              WorkItemPreCreate::withWorkItem,
              HookMerge.allowFields(NewWorkItem.class, "title", "sessionKey", "payload")))
          .build();

  /** After a work item was created. */
  public static final HookPoint<WorkItemPostCreate> WORK_ITEM_POST_CREATE =
      HookPoint.builder("work_item.post_create", WorkItemPostCreate.class)
          .merge(HookMerge.observeOnly(WorkItemPostCreate.class))
          .build();

  /** After the prompts are built, before the messages are assembled. */
  public static final HookPoint<RunPrePrompt> RUN_PRE_PROMPT =
      HookPoint.builder("run.pre_prompt", RunPrePrompt.class)
          .merge(HookMerge.allowFields(RunPrePrompt.class, "systemPrompt", "userMessage"))
          .build();

  /** Right before each model call. */
  public static final HookPoint<ModelPreCall> MODEL_PRE_CALL =
      HookPoint.builder("model.pre_call", ModelPreCall.class)
          .blockable(true)
          .merge(HookMerge.allowFields(ModelPreCall.class, "temperature", "maxTokens", "model"))
          .build();

  /** After a model answered, before its answer is processed. */
  public static final HookPoint<ModelPostCall> MODEL_POST_CALL =
      HookPoint.builder("model.post_call", ModelPostCall.class)
          .merge(HookMerge.observeOnly(ModelPostCall.class))
          .build();

  /** Before a tool runs. */
  public static final HookPoint<ToolPreExec> TOOL_PRE_EXEC =
      HookPoint.builder("tool.pre_exec", ToolPreExec.class)
          .blockable(true)
          .merge(HookMerge.allowFields(ToolPreExec.class, "toolInput"))
          .build();

  /** After a tool ran, before its result goes back to the model. */
  public static final HookPoint<ToolPostExec> TOOL_POST_EXEC =
      HookPoint.builder("tool.post_exec", ToolPostExec.class)
          .merge(NestedMerge.of(ToolPostExec.class, "result", ToolPostExec::result, ToolPostExec::withResult,
              HookMerge.allowFields(ToolResult.class, "output")))
          .build();

  /** Before a response is delivered to the integration. */
  public static final HookPoint<ResponsePreDeliver> RESPONSE_PRE_DELIVER =
      HookPoint.builder("response.pre_deliver", ResponsePreDeliver.class)
          .blockable(true)
          .merge(HookMerge.allowFields(ResponsePreDeliver.class, "content"))
          .build();

  /** After a response was delivered. */
  public static final HookPoint<ResponsePostDeliver> RESPONSE_POST_DELIVER =
      HookPoint.builder("response.post_deliver", ResponsePostDeliver.class)
          .merge(HookMerge.observeOnly(ResponsePostDeliver.class))
          .build();

  /** All nine, in the order a request meets them. */
  public static final List<HookPoint<?>> ALL = List.of(
      WORK_ITEM_PRE_CREATE, WORK_ITEM_POST_CREATE, RUN_PRE_PROMPT, MODEL_PRE_CALL, MODEL_POST_CALL,
      TOOL_PRE_EXEC, TOOL_POST_EXEC, RESPONSE_PRE_DELIVER, RESPONSE_POST_DELIVER);

  private AgentHooks() {}
}
