package dev.plinth.examples.host;

import static java.util.Objects.requireNonNull;

import dev.plinth.api.hook.HookPoint;
import dev.plinth.api.hook.HookScope;
import dev.plinth.hooks.DispatchResult;
import dev.plinth.hooks.HookDispatcher;
import dev.plinth.hooks.agent.Agent;
import dev.plinth.hooks.agent.AgentHooks;
import dev.plinth.hooks.agent.ChatMessage;
import dev.plinth.hooks.agent.DeliveryResult;
import dev.plinth.hooks.agent.ModelPostCall;
import dev.plinth.hooks.agent.ModelPreCall;
import dev.plinth.hooks.agent.ModelResponse;
import dev.plinth.hooks.agent.NewWorkItem;
import dev.plinth.hooks.agent.ResponseMode;
import dev.plinth.hooks.agent.ResponsePostDeliver;
import dev.plinth.hooks.agent.ResponsePreDeliver;
import dev.plinth.hooks.agent.RunPrePrompt;
import dev.plinth.hooks.agent.SessionContext;
import dev.plinth.hooks.agent.ToolPostExec;
import dev.plinth.hooks.agent.ToolPreExec;
import dev.plinth.hooks.agent.ToolResult;
import dev.plinth.hooks.agent.WebhookParseResult;
import dev.plinth.hooks.agent.WorkItem;
import dev.plinth.hooks.agent.WorkItemPostCreate;
import dev.plinth.hooks.agent.WorkItemPreCreate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One simulated agent run through the nine hook points, in the order a request meets them. The
 * model is scripted (no network, no cost): on its first turn it asks to read a config file full of
 * secrets, to delete a folder with {@code rm -rf}, and (when a plugin offers it) to call
 * {@code isolated_lib_version}; on its second it writes the answer from what the tools returned.
 * Tools run through {@link HostTools}; the simulated shell never runs anything.
 *
 * <p>Every dispatch goes to the {@link Observer}, so a host can show what each plugin did. Not
 * thread-safe; make one per run.
 */
public final class AgentRunner {
  /** Sees every dispatch and every step of a run. */
  public interface Observer {
    /** A hook point was dispatched; {@code result} has one receipt per handler that ran. */
    void dispatched(HookPoint<?> point, DispatchResult<?> result);

    /** Something the host did between hook points (created the item, ran a tool, ...). */
    void step(String text);
  }

  /**
   * What one tool call came to.
   *
   * @param tool the tool's name
   * @param blockedBy the plugin that blocked it at {@code tool.pre_exec}, or null
   * @param output the output the model gets (after {@code tool.post_exec}), or the error
   */
  public record ToolStep(String tool, @Nullable String blockedBy, String output) {
    public ToolStep {
      requireNonNull(tool, "tool");
      requireNonNull(output, "output");
    }
  }

  /**
   * What a run came to.
   *
   * @param workItemId the created work item, or null when {@code work_item.pre_create} blocked it
   * @param tools each tool call, in order
   * @param delivered the delivered answer, or null when nothing was delivered
   */
  public record RunResult(@Nullable String workItemId, List<ToolStep> tools, @Nullable String delivered) {
    public RunResult {
      tools = List.copyOf(tools);
    }
  }

  private static final String MODEL = "demo-model-1";
  private static final String INSTANCE = "slack-demo";

  private final HookDispatcher hooks;
  private final HostTools tools;

  AgentRunner(HookDispatcher hooks, HostTools tools) {
    this.hooks = hooks;
    this.tools = tools;
  }

  /** Runs the whole scripted conversation for one inbound message. */
  public RunResult run(String userMessage, Observer observer) {
    HookScope scope = HookScope.of("run-1", Map.of("source", "slack"));
    NewWorkItem draft = new NewWorkItem(INSTANCE, "session-42", "slack", "C042/1700000000.0001",
        "Deploy check", "{\"text\":\"" + userMessage + "\"}");
    var pre = dispatch(AgentHooks.WORK_ITEM_PRE_CREATE, scope,
        new WorkItemPreCreate(draft, new WebhookParseResult(true, "evt-1", null, Map.of()), "slack", INSTANCE), observer);
    if (pre.blocked()) {
      observer.step("work item not created: " + pre.blockReason());
      return new RunResult(null, List.of(), null);
    }
    NewWorkItem n = pre.data().workItem();
    WorkItem item = new WorkItem("wi-1", n.pluginInstanceId(), n.sessionKey(), n.source(), n.sourceRef(),
        "pending", n.title(), n.payload(), Instant.now());
    observer.step("created work item " + item.id() + " \"" + item.title() + "\"");
    dispatch(AgentHooks.WORK_ITEM_POST_CREATE, scope,
        new WorkItemPostCreate(item, "slack", INSTANCE, pre.data().parseResult()), observer);

    var prompt = dispatch(AgentHooks.RUN_PRE_PROMPT, scope, new RunPrePrompt(
        "You are a careful ops assistant.", userMessage, new Agent("agent-1", "@ops", "Ops helper"), item,
        new SessionContext(item.sessionKey(), null, List.of())), observer).data();
    List<ChatMessage> messages = new ArrayList<>(List.of(
        new ChatMessage("system", prompt.systemPrompt(), null), new ChatMessage("user", prompt.userMessage(), null)));

    // Turn 0: the model asks for tools.
    List<ModelResponse.ToolCall> calls = new ArrayList<>(List.of(
        new ModelResponse.ToolCall("call-1", HostTools.SHELL, "{\"command\":\"cat deploy.env\"}"),
        new ModelResponse.ToolCall("call-2", HostTools.SHELL, "{\"command\":\"rm -rf /srv/app/build\"}")));
    if (tools.has("isolated_lib_version")) {
      calls.add(new ModelResponse.ToolCall("call-3", "isolated_lib_version", "{}"));
    }
    if (!callModel(scope, messages, 0, null, calls, observer)) {
      return new RunResult(item.id(), List.of(), null);
    }
    List<ToolStep> steps = new ArrayList<>();
    for (ModelResponse.ToolCall call : calls) {
      Map<String, Object> input = call.name().equals(HostTools.SHELL)
          ? Map.of("command", call.arguments().replaceAll(".*\"command\":\"([^\"]*)\".*", "$1"))
          : Map.of();
      ToolStep step = tool(call.name(), input, call.id(), 0, scope, observer);
      steps.add(step);
      messages.add(new ChatMessage("tool", step.output(), call.id()));
    }

    // Turn 1: the model answers from what the tools returned.
    StringBuilder answer = new StringBuilder("Here is what I found.\n");
    for (ToolStep s : steps) {
      answer.append(s.blockedBy() != null ? "- I did not run " + s.tool() + ": " + s.output() : "- " + s.tool() + ":\n" + s.output().indent(4).stripTrailing()).append('\n');
    }
    if (!callModel(scope, messages, 1, answer.toString().stripTrailing(), List.of(), observer)) {
      return new RunResult(item.id(), steps, null);
    }
    var deliver = dispatch(AgentHooks.RESPONSE_PRE_DELIVER, scope, new ResponsePreDeliver(
        answer.toString().stripTrailing(), "slack", INSTANCE, item.id(), ResponseMode.FINAL, false), observer);
    if (deliver.blocked()) {
      observer.step("response not delivered: " + deliver.blockReason());
      return new RunResult(item.id(), steps, null);
    }
    String content = deliver.data().content();
    observer.step("delivered the answer to slack (" + content.lines().count() + " lines)");
    dispatch(AgentHooks.RESPONSE_POST_DELIVER, scope, new ResponsePostDeliver(content,
        new DeliveryResult(true, DeliveryResult.Outcome.SENT, false, "1700000000.0002", null), "slack", INSTANCE, item.id()),
        observer);
    return new RunResult(item.id(), steps, content);
  }

  /**
   * One tool call: {@code tool.pre_exec} (which may block it), the tool, then
   * {@code tool.post_exec} (which may rewrite its output).
   */
  public ToolStep tool(String name, Map<String, Object> input, String callId, int turn, HookScope scope, Observer observer) {
    var pre = dispatch(AgentHooks.TOOL_PRE_EXEC, scope, new ToolPreExec(name, input, callId, turn), observer);
    if (pre.blocked()) {
      observer.step(name + " " + input + " not run: blocked by " + pre.blockedBy());
      return new ToolStep(name, pre.blockedBy(), "blocked by " + pre.blockedBy() + " (" + pre.blockReason() + ")");
    }
    long started = System.nanoTime();
    ToolResult result = tools.call(name, pre.data().toolInput());
    long ms = (System.nanoTime() - started) / 1_000_000;
    observer.step("ran " + name + " " + pre.data().toolInput() + " (offered by " + tools.owner(name) + ")");
    var post = dispatch(AgentHooks.TOOL_POST_EXEC, scope, new ToolPostExec(name, pre.data().toolInput(), result, ms, turn), observer);
    ToolResult finalResult = post.data().result();
    String output = finalResult.output() != null ? finalResult.output() : String.valueOf(finalResult.error());
    return new ToolStep(name, null, output);
  }

  private boolean callModel(HookScope scope, List<ChatMessage> messages, int turn, @Nullable String content,
      List<ModelResponse.ToolCall> calls, Observer observer) {
    var pre = dispatch(AgentHooks.MODEL_PRE_CALL, scope,
        new ModelPreCall(MODEL, 0.2, 1024, messages, tools.definitions(), turn), observer);
    if (pre.blocked()) {
      observer.step("model call skipped: " + pre.blockReason());
      return false;
    }
    String model = pre.data().model();
    ModelResponse response = new ModelResponse("resp-" + turn, model, content, calls, calls.isEmpty() ? "stop" : "tool_calls");
    observer.step("model " + model + " answered turn " + turn
        + (calls.isEmpty() ? " with the final answer" : " asking for " + calls.size() + " tool calls"));
    dispatch(AgentHooks.MODEL_POST_CALL, scope,
        new ModelPostCall(response, model, turn, 12, new ModelPostCall.Usage(420, 96, 0.0011)), observer);
    return true;
  }

  private <T> DispatchResult<T> dispatch(HookPoint<T> point, HookScope scope, T data, Observer observer) {
    DispatchResult<T> result = hooks.dispatch(point, scope, data);
    observer.dispatched(point, result);
    return result;
  }
}
