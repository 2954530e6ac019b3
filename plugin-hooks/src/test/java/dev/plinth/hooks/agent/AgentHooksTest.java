package dev.plinth.hooks.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.api.hook.ExecutionMode;
import dev.plinth.api.hook.FailurePolicy;
import dev.plinth.api.hook.HookHandler;
import dev.plinth.api.hook.HookOptions;
import dev.plinth.api.hook.HookPoint;
import dev.plinth.api.hook.HookRegistration;
import dev.plinth.api.hook.HookResult;
import dev.plinth.hooks.DispatchResult;
import dev.plinth.hooks.HandlerSpec;
import dev.plinth.hooks.HookDispatcher;
import dev.plinth.hooks.HookReceipt;
import dev.plinth.hooks.ReceiptStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class AgentHooksTest {
  private static final HookDispatcher DISPATCHER = HookDispatcher.builder().build();

  private static final WebhookParseResult PARSE = new WebhookParseResult(true, "idem-1", null, Map.of("channel", "C1"));
  private static final NewWorkItem NEW_ITEM = new NewWorkItem("inst-1", "sess-1", "slack", "m-1", "Help", "{\"a\":1}");
  private static final WorkItem ITEM = new WorkItem("wi-1", "inst-1", "sess-1", "slack", "m-1", "pending", "Help",
      null, Instant.parse("2025-01-01T00:00:00Z"));
  private static final Agent AGENT = new Agent("ag-1", "@helper", "Helper");
  private static final ChatMessage USER = new ChatMessage("user", "hi", null);
  private static final ToolDefinition TOOL = new ToolDefinition("search", "Searches", Map.of("type", "object"));

  @AfterAll
  static void close() {
    DISPATCHER.close();
  }

  /** Runs one inline handler proposing {@code change(data)}, then one that blocks. */
  private static <T> Outcome<T> run(HookPoint<T> point, T data, UnaryOperator<T> change) {
    DispatchResult<T> changed = once(point, data, ctx -> HookResult.proceed(change.apply(ctx.data())));
    DispatchResult<T> blocked = once(point, data, ctx -> HookResult.block("policy says no"));
    return new Outcome<>(changed, changed.receipts().get(0), blocked);
  }

  private static <T> DispatchResult<T> once(HookPoint<T> point, T data, HookHandler<T> handler) {
    HookRegistration reg = DISPATCHER.registry().register(
        HandlerSpec.of("tester", point, HookOptions.DEFAULTS.withMode(ExecutionMode.INLINE), handler));
    try {
      return DISPATCHER.dispatch(point, data);
    } finally {
      reg.unregister();
    }
  }

  record Outcome<T>(DispatchResult<T> changed, HookReceipt receipt, DispatchResult<T> blocked) {
    void assertBlockAllowed() {
      assertThat(blocked.blocked()).isTrue();
      assertThat(blocked.blockedBy()).isEqualTo("tester");
      assertThat(blocked.receipts().get(0).status()).isEqualTo(ReceiptStatus.BLOCKED);
    }

    void assertBlockRefused() {
      assertThat(blocked.blocked()).isFalse();
      assertThat(blocked.receipts().get(0).status()).isEqualTo(ReceiptStatus.OK);
      assertThat(blocked.receipts().get(0).detail()).startsWith("block refused: point not blockable");
    }
  }

  @Test
  void all_nineDistinctPoints_gatesAreExactlyTheBlockableOnesAndFailClosed() {
    assertThat(AgentHooks.ALL).extracting(HookPoint::name).containsExactly(
        "work_item.pre_create", "work_item.post_create", "run.pre_prompt", "model.pre_call", "model.post_call",
        "tool.pre_exec", "tool.post_exec", "response.pre_deliver", "response.post_deliver");
    assertThat(AgentHooks.ALL.stream().filter(HookPoint::blockable).map(HookPoint::name))
        .containsExactly("work_item.pre_create", "model.pre_call", "tool.pre_exec", "response.pre_deliver");
    for (HookPoint<?> p : AgentHooks.ALL) {
      assertThat(p.defaultFailure()).as(p.name())
          .isEqualTo(p.blockable() ? FailurePolicy.CLOSED : FailurePolicy.OPEN);
    }
  }

  @Test
  void workItemPreCreate_titleSessionPayloadChange_otherFieldsRefused_mayBlock() {
    WorkItemPreCreate data = new WorkItemPreCreate(NEW_ITEM, PARSE, "slack", "inst-1");

    Outcome<WorkItemPreCreate> o = run(AgentHooks.WORK_ITEM_PRE_CREATE, data, d -> new WorkItemPreCreate(
        new NewWorkItem("inst-1", "sess-2", "github", "m-1", "Help!", null), d.parseResult(), "forged", "inst-1"));

    assertThat(o.changed().data()).isEqualTo(
        data.withWorkItem(NEW_ITEM.withSessionKey("sess-2").withTitle("Help!").withPayload(null)));
    assertThat(o.receipt().changedFields()).containsExactly("workItem.sessionKey", "workItem.title", "workItem.payload");
    assertThat(o.receipt().refusedFields()).containsExactly("pluginType", "workItem.source");
    o.assertBlockAllowed();
  }

  @Test
  void workItemPostCreate_observeOnly_everyChangeRefused_cannotBlock() {
    WorkItemPostCreate data = new WorkItemPostCreate(ITEM, "slack", "inst-1", PARSE);

    Outcome<WorkItemPostCreate> o = run(AgentHooks.WORK_ITEM_POST_CREATE, data,
        d -> new WorkItemPostCreate(ITEM, "github", "inst-1", PARSE));

    assertThat(o.changed().data()).isSameAs(data);
    assertThat(o.receipt().mutated()).isFalse();
    assertThat(o.receipt().refusedFields()).containsExactly("pluginType");
    o.assertBlockRefused();
  }

  @Test
  void runPrePrompt_promptAndMessageChange_agentRefused_cannotBlock() {
    RunPrePrompt data = new RunPrePrompt("You help.", "hi", AGENT, ITEM, new SessionContext("sess-1", null, List.of(USER)));

    Outcome<RunPrePrompt> o = run(AgentHooks.RUN_PRE_PROMPT, data, d -> new RunPrePrompt(
        d.systemPrompt() + "\nNever share keys.", "hi (redacted)", new Agent("ag-2", "@evil", "Evil"),
        d.workItem(), d.sessionContext()));

    assertThat(o.changed().data()).isEqualTo(
        data.withSystemPrompt("You help.\nNever share keys.").withUserMessage("hi (redacted)"));
    assertThat(o.receipt().changedFields()).containsExactly("systemPrompt", "userMessage");
    assertThat(o.receipt().refusedFields()).containsExactly("agent");
    o.assertBlockRefused();
  }

  @Test
  void modelPreCall_temperatureTokensModelChange_messagesAndToolsRefused_mayBlock() {
    ModelPreCall data = new ModelPreCall("gpt-big", 0.7, 4096, List.of(USER), List.of(TOOL), 0);

    Outcome<ModelPreCall> o = run(AgentHooks.MODEL_PRE_CALL, data,
        d -> new ModelPreCall("gpt-small", 0.2, 512, List.of(), List.of(), 3));

    assertThat(o.changed().data()).isEqualTo(data.withModel("gpt-small").withTemperature(0.2).withMaxTokens(512));
    assertThat(o.receipt().changedFields()).containsExactly("model", "temperature", "maxTokens");
    assertThat(o.receipt().refusedFields()).containsExactly("messages", "tools", "turn");
    o.assertBlockAllowed();
  }

  @Test
  void modelPostCall_observeOnly_changeRefused_cannotBlock() {
    ModelResponse response = new ModelResponse("r-1", "gpt-big", "Hello", List.of(), "stop");
    ModelPostCall data = new ModelPostCall(response, "gpt-big", 0, 812, new ModelPostCall.Usage(100, 20, 0.003));

    Outcome<ModelPostCall> o = run(AgentHooks.MODEL_POST_CALL, data,
        d -> new ModelPostCall(d.response(), d.model(), d.turn(), d.durationMs(), new ModelPostCall.Usage(0, 0, 0)));

    assertThat(o.changed().data()).isSameAs(data);
    assertThat(o.receipt().refusedFields()).containsExactly("usage");
    o.assertBlockRefused();
  }

  @Test
  void toolPreExec_inputChange_toolNameRefused_mayBlock() {
    ToolPreExec data = new ToolPreExec("search", Map.of("q", "password=hunter2"), "call-1", 1);

    Outcome<ToolPreExec> o = run(AgentHooks.TOOL_PRE_EXEC, data,
        d -> new ToolPreExec("shell", Map.of("q", "password=***"), d.toolCallId(), d.turn()));

    assertThat(o.changed().data()).isEqualTo(data.withToolInput(Map.of("q", "password=***")));
    assertThat(o.receipt().changedFields()).containsExactly("toolInput");
    assertThat(o.receipt().refusedFields()).containsExactly("toolName");
    o.assertBlockAllowed();
  }

  @Test
  void toolPostExec_outputChange_successAndDurationRefused_cannotBlock() {
    ToolPostExec data = new ToolPostExec("search", Map.of("q", "x"), new ToolResult(true, "key=abc", null), 40, 1);

    Outcome<ToolPostExec> o = run(AgentHooks.TOOL_POST_EXEC, data,
        d -> new ToolPostExec(d.toolName(), d.toolInput(), new ToolResult(false, "key=***", null), 0, d.turn()));

    assertThat(o.changed().data()).isEqualTo(data.withResult(data.result().withOutput("key=***")));
    assertThat(o.receipt().changedFields()).containsExactly("result.output");
    assertThat(o.receipt().refusedFields()).containsExactly("durationMs", "result.success");
    o.assertBlockRefused();
  }

  @Test
  void responsePreDeliver_contentChange_workItemRefused_mayBlock() {
    ResponsePreDeliver data = new ResponsePreDeliver("Hi there", "slack", "inst-1", "wi-1", ResponseMode.FINAL, false);

    Outcome<ResponsePreDeliver> o = run(AgentHooks.RESPONSE_PRE_DELIVER, data, d -> new ResponsePreDeliver(
        "Hi there.", d.pluginType(), d.pluginInstanceId(), "wi-9", d.responseMode(), d.hitLimit()));

    assertThat(o.changed().data()).isEqualTo(data.withContent("Hi there."));
    assertThat(o.receipt().changedFields()).containsExactly("content");
    assertThat(o.receipt().refusedFields()).containsExactly("workItemId");
    o.assertBlockAllowed();
  }

  @Test
  void responsePostDeliver_observeOnly_contentRefused_cannotBlock() {
    DeliveryResult delivered = new DeliveryResult(true, DeliveryResult.Outcome.SENT, false, "ts-1", null);
    ResponsePostDeliver data = new ResponsePostDeliver("Hi", delivered, "slack", "inst-1", "wi-1");

    Outcome<ResponsePostDeliver> o = run(AgentHooks.RESPONSE_POST_DELIVER, data,
        d -> new ResponsePostDeliver("Bye", d.result(), d.pluginType(), d.pluginInstanceId(), d.workItemId()));

    assertThat(o.changed().data()).isSameAs(data);
    assertThat(o.receipt().refusedFields()).containsExactly("content");
    o.assertBlockRefused();
  }

  @Test
  void modelPreCall_invalidProposal_rejectedByRecordAsHandlerError() {
    ModelPreCall data = new ModelPreCall("gpt-big", 0.7, 4096, List.of(USER), List.of(TOOL), 0);

    DispatchResult<ModelPreCall> r = once(AgentHooks.MODEL_PRE_CALL, data, ctx -> HookResult.proceed(ctx.data().withMaxTokens(0)));

    assertThat(r.receipts().get(0).status()).isEqualTo(ReceiptStatus.ERROR);
    assertThat(r.receipts().get(0).errorMessage()).isEqualTo("maxTokens must be > 0: 0");
    assertThat(r.blocked()).as("gate fails closed").isTrue();
  }
}
