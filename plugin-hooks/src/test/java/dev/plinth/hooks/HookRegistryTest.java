package dev.plinth.hooks;

import static dev.plinth.hooks.TestPoints.GATE;
import static dev.plinth.hooks.TestPoints.HELLO;
import static dev.plinth.hooks.TestPoints.OBSERVE;
import static dev.plinth.hooks.TestPoints.append;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.api.hook.ExecutionMode;
import dev.plinth.api.hook.HookHandler;
import dev.plinth.api.hook.HookOptions;
import dev.plinth.api.hook.HookPoint;
import dev.plinth.api.hook.HookRegistration;
import dev.plinth.api.hook.HookResult;
import dev.plinth.hooks.TestPoints.Msg;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HookRegistryTest {
  private static final HookOptions INLINE = HookOptions.DEFAULTS.withMode(ExecutionMode.INLINE);

  private final HookDispatcher dispatcher = HookDispatcher.builder().build();
  private final HookRegistry registry = dispatcher.registry();

  @AfterEach
  void close() {
    dispatcher.close();
  }

  private HookRegistration add(String plugin, int priority, HookHandler<Msg> handler) {
    return registry.register(HandlerSpec.of(plugin, GATE, INLINE.withPriority(priority), handler));
  }

  @Test
  void dispatch_tiedPriorities_orderByPriorityThenPluginIdThenRegistration() {
    add("zeta", 5, append("[zeta5]"));
    add("alpha", 1, append("[alpha1]"));
    add("beta", 5, append("[beta5-first]"));
    add("beta", 5, append("[beta5-second]"));
    add("alpha", 5, append("[alpha5]"));
    add("omega", 9, append("[omega9]"));

    DispatchResult<Msg> result = dispatcher.dispatch(GATE, HELLO);

    assertThat(result.data().text())
        .isEqualTo("hello[omega9][alpha5][beta5-first][beta5-second][zeta5][alpha1]");
    assertThat(result.receipts()).extracting(HookReceipt::pluginId)
        .containsExactly("omega", "alpha", "beta", "beta", "zeta", "alpha");
    assertThat(registry.handlers(GATE)).extracting(HandlerInfo::priority).containsExactly(9, 5, 5, 5, 5, 1);
  }

  @Test
  void dispatch_noHandlers_returnsInputWithoutReceipts() {
    DispatchResult<Msg> result = dispatcher.dispatch(GATE, HELLO);

    assertThat(result.data()).isSameAs(HELLO);
    assertThat(result.blocked()).isFalse();
    assertThat(result.receipts()).isEmpty();
  }

  @Test
  void unregister_handle_removesOnlyThatHandler() {
    HookRegistration first = add("alpha", 0, append("[a]"));
    add("alpha", 0, append("[b]"));

    first.unregister();
    first.unregister();

    assertThat(first.isActive()).isFalse();
    assertThat(dispatcher.dispatch(GATE, HELLO).data().text()).isEqualTo("hello[b]");
    assertThat(registry.size()).isEqualTo(1);
  }

  @Test
  void unregisterAll_plugin_removesItsHandlersOnEveryPoint() {
    HookRegistration a = add("alpha", 0, append("[a]"));
    registry.register(HandlerSpec.of("alpha", OBSERVE, INLINE, append("[a-obs]")));
    add("beta", 0, append("[b]"));

    int removed = registry.unregisterAll("alpha");

    assertThat(removed).isEqualTo(2);
    assertThat(a.isActive()).isFalse();
    assertThat(registry.handlers(OBSERVE)).isEmpty();
    assertThat(dispatcher.dispatch(GATE, HELLO).data().text()).isEqualTo("hello[b]");
  }

  @Test
  void unregister_duringDispatch_runningDispatchKeepsItsSnapshot() {
    HookRegistration[] later = new HookRegistration[1];
    add("alpha", 10, ctx -> {
      later[0].unregister();
      return HookResult.unchanged();
    });
    later[0] = add("beta", 0, append("[beta]"));

    DispatchResult<Msg> during = dispatcher.dispatch(GATE, HELLO);
    DispatchResult<Msg> after = dispatcher.dispatch(GATE, HELLO);

    assertThat(during.data().text()).isEqualTo("hello[beta]");
    assertThat(during.receipts()).extracting(HookReceipt::pluginId).containsExactly("alpha", "beta");
    assertThat(after.receipts()).extracting(HookReceipt::pluginId).containsExactly("alpha");
    assertThat(later[0].isActive()).isFalse();
  }

  @Test
  void register_sameHandlerTwiceBySamePlugin_refusedAsDuplicate() {
    HookHandler<Msg> handler = append("[x]");
    add("alpha", 0, handler);

    assertThatThrownBy(() -> add("alpha", 3, handler))
        .isInstanceOfSatisfying(HookException.class, e -> {
          assertThat(e.code()).isEqualTo(HookErrorCode.HANDLER_DUPLICATE);
          assertThat(e.getMessage())
              .isEqualTo("handler must be registered once per point and plugin: alpha on test.gate");
          assertThat(e.nextStep()).contains("HookRegistration");
        });
    assertThat(registry.size()).isEqualTo(1);
  }

  @Test
  void register_sameNameOtherType_refusedAsConflict() {
    add("alpha", 0, append("[x]"));
    HookPoint<String> impostor = HookPoint.builder("test.gate", String.class).build();

    assertThatThrownBy(() -> registry.register(HandlerSpec.of("beta", impostor, INLINE, ctx -> HookResult.unchanged())))
        .isInstanceOfSatisfying(HookException.class, e -> {
          assertThat(e.code()).isEqualTo(HookErrorCode.HOOK_POINT_CONFLICT);
          assertThat(e.getMessage()).isEqualTo(
              "point data type must match the registered point test.gate: java.lang.String"
                  + " (registered: dev.plinth.hooks.TestPoints$Msg)");
        });
    assertThatThrownBy(() -> dispatcher.dispatch(impostor, "x"))
        .isInstanceOfSatisfying(HookException.class,
            e -> assertThat(e.code()).isEqualTo(HookErrorCode.HOOK_POINT_CONFLICT));
  }

  @Test
  void handlerSpec_blankPluginId_refused() {
    assertThatThrownBy(() -> HandlerSpec.of(" ", GATE, INLINE, append("[x]")))
        .isInstanceOfSatisfying(HookException.class, e -> {
          assertThat(e.code()).isEqualTo(HookErrorCode.HANDLER_INVALID);
          assertThat(e.getMessage()).isEqualTo("pluginId must not be blank: ' '");
          assertThat(e.details()).containsEntry("field", "pluginId");
        });
  }

  @Test
  void handlers_describeOptions_inDispatchOrder() {
    add("alpha", 1, append("[a]"));
    registry.register(HandlerSpec.of("beta", GATE,
        new HookOptions(7, java.time.Duration.ofMillis(40), dev.plinth.api.hook.FailurePolicy.OPEN, ExecutionMode.ISOLATED),
        append("[b]")));

    List<HandlerInfo> infos = registry.handlers(GATE);

    assertThat(infos).hasSize(2);
    assertThat(infos.get(0)).isEqualTo(new HandlerInfo("test.gate", "beta", infos.get(0).handlerId(), 7,
        java.time.Duration.ofMillis(40), dev.plinth.api.hook.FailurePolicy.OPEN, ExecutionMode.ISOLATED));
    assertThat(infos.get(1).timeout()).isNull();
    assertThat(infos.get(1).failure()).isNull();
    assertThat(infos.get(1).handlerId()).isLessThan(infos.get(0).handlerId());
  }
}
