package dev.plinth.hooks;

import static dev.plinth.hooks.TestPoints.GATE;
import static dev.plinth.hooks.TestPoints.HELLO;
import static dev.plinth.hooks.TestPoints.OBSERVE;
import static dev.plinth.hooks.TestPoints.append;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.api.ApiErrorCode;
import dev.plinth.api.PlinthException;
import dev.plinth.api.hook.ExecutionMode;
import dev.plinth.api.hook.FailurePolicy;
import dev.plinth.api.hook.HookOptions;
import dev.plinth.api.hook.HookRegistration;
import dev.plinth.api.hook.HookResult;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PluginHookRegistrarTest {
  private final HookDispatcher dispatcher = HookDispatcher.builder().build();
  private final HookRegistry registry = dispatcher.registry();
  private final ClassLoader loader = getClass().getClassLoader();

  @AfterEach
  void close() {
    dispatcher.close();
  }

  @Test
  void register_undeclaredPoint_refusedWithHookNotDeclared() {
    PluginHookRegistrar registrar =
        registry.registrarFor("acme", loader, RegistrationPolicy.declaredPoints(Set.of("test.observe")));

    assertThatThrownBy(() -> registrar.register(GATE, append("[x]")))
        .isInstanceOfSatisfying(PlinthException.class, e -> {
          assertThat(e.code()).isEqualTo(ApiErrorCode.HOOK_NOT_DECLARED);
          assertThat(e.getMessage()).isEqualTo("contributes.hooks must list the point: test.gate");
          assertThat(e.nextStep()).contains("plugin.toml of acme");
        });
    assertThat(registry.size()).isZero();
    assertThat(registrar.register(OBSERVE, append("[x]")).pluginId()).isEqualTo("acme");
  }

  @Test
  void register_policyOverridesOptions_effectiveOptionsStored() {
    RegistrationPolicy operator = (plugin, point, requested) ->
        requested.withPriority(100).withTimeout(Duration.ofMillis(500)).withFailure(FailurePolicy.OPEN);
    PluginHookRegistrar registrar =
        registry.registrarFor("acme", loader, operator.andThen(RegistrationPolicy.isolatedOnly()));

    registrar.register(GATE, HookOptions.DEFAULTS.withMode(ExecutionMode.INLINE), append("[x]"));

    HandlerInfo info = registry.handlers(GATE).get(0);
    assertThat(info.pluginId()).isEqualTo("acme");
    assertThat(info.priority()).isEqualTo(100);
    assertThat(info.timeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(info.failure()).isEqualTo(FailurePolicy.OPEN);
    assertThat(info.mode()).isEqualTo(ExecutionMode.ISOLATED);
  }

  @Test
  void close_removesOwnHandlersAndRefusesNewOnes() {
    PluginHookRegistrar acme = registry.registrarFor("acme", loader, RegistrationPolicy.allowAll());
    PluginHookRegistrar other = registry.registrarFor("other", loader, RegistrationPolicy.allowAll());
    HookRegistration mine = acme.register(GATE, append("[acme]"));
    other.register(GATE, append("[other]"));

    acme.close();

    assertThat(mine.isActive()).isFalse();
    assertThat(dispatcher.dispatch(GATE, HELLO).data().text()).isEqualTo("hello[other]");
    assertThatThrownBy(() -> acme.register(OBSERVE, ctx -> HookResult.unchanged()))
        .isInstanceOfSatisfying(HookException.class, e -> {
          assertThat(e.code()).isEqualTo(HookErrorCode.REGISTRAR_CLOSED);
          assertThat(e.getMessage()).isEqualTo("registrar must be open to register test.observe: closed for plugin acme");
        });
  }

  @Test
  void registrar_offersNoWayToDispatch() {
    List<String> methods =
        Arrays.stream(PluginHookRegistrar.class.getMethods()).map(Method::getName).distinct().toList();

    assertThat(methods).contains("register", "close", "pluginId");
    assertThat(methods).noneMatch(name -> name.contains("dispatch") || name.contains("fire"));
    assertThat(Arrays.stream(PluginHookRegistrar.class.getMethods()).map(Method::getReturnType))
        .doesNotContain((Class) HookRegistry.class, (Class) HookDispatcher.class);
  }
}
