package dev.plinth.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HookDispatcherBuilderTest {

  @Test
  void build_defaults_matchTheDesign() {
    try (HookDispatcher d = HookDispatcher.builder().build()) {
      DispatchSettings s = d.settings();
      assertThat(s.handlerTimeout()).isEqualTo(Duration.ofMillis(1500));
      assertThat(s.chainBudget()).isEqualTo(Duration.ofMillis(8000));
      assertThat(s.minimumSlice()).isNull();
      assertThat(s.bulkheadLimit()).isEqualTo(4);
      assertThat(s.virtualThreads()).isTrue();
      assertThat(s.preciseInlineTiming()).isFalse();
      assertThat(d.usesVirtualThreads()).isEqualTo(Runtime.version().feature() >= 21);
    }
  }

  @Test
  void build_virtualThreadsOff_usesPlatformPool() {
    try (HookDispatcher d = HookDispatcher.builder().virtualThreads(false).build()) {
      assertThat(d.usesVirtualThreads()).isFalse();
    }
  }

  @Test
  void preciseInlineTiming_givenTwice_refusedNamingEarlierValue() {
    HookDispatcher.Builder b = HookDispatcher.builder().preciseInlineTiming(true);
    assertThatThrownBy(() -> b.preciseInlineTiming(false))
        .isInstanceOfSatisfying(HookException.class, e -> {
          assertThat(e.code()).isEqualTo(HookErrorCode.SETTING_INVALID);
          assertThat(e.getMessage()).contains("preciseInlineTiming").contains("true");
        });
  }

  @Test
  void handlerTimeout_zero_refusedNamingValue() {
    assertThatThrownBy(() -> HookDispatcher.builder().handlerTimeout(Duration.ZERO))
        .isInstanceOfSatisfying(HookException.class, e -> {
          assertThat(e.code()).isEqualTo(HookErrorCode.SETTING_INVALID);
          assertThat(e.getMessage()).isEqualTo("handlerTimeout must be > 0: PT0S");
          assertThat(e.nextStep()).contains("handlerTimeout(");
        });
  }

  @Test
  void chainBudget_negative_refused() {
    assertThatThrownBy(() -> HookDispatcher.builder().chainBudget(Duration.ofMillis(-5)))
        .hasMessage("chainBudget must be > 0: PT-0.005S");
  }

  @Test
  void bulkheadLimit_zero_refused() {
    assertThatThrownBy(() -> HookDispatcher.builder().bulkheadLimit(0))
        .hasMessage("bulkheadLimit must be >= 1: 0");
  }

  @Test
  void settings_givenTwice_refusedNamingEarlierValue() {
    HookDispatcher.Builder b = HookDispatcher.builder().chainBudget(Duration.ofSeconds(3));

    assertThatThrownBy(() -> b.chainBudget(Duration.ofSeconds(4)))
        .isInstanceOfSatisfying(HookException.class, e -> {
          assertThat(e.code()).isEqualTo(HookErrorCode.SETTING_INVALID);
          assertThat(e.getMessage()).isEqualTo("chainBudget must be set only once, already set to: PT3S");
        });
  }

  @Test
  void build_timeoutAboveBudget_refused() {
    HookDispatcher.Builder b =
        HookDispatcher.builder().handlerTimeout(Duration.ofSeconds(9)).chainBudget(Duration.ofSeconds(8));

    assertThatThrownBy(b::build).hasMessage("handlerTimeout must be <= chainBudget PT8S: PT9S");
  }

  @Test
  void dispatch_afterClose_refusedWithDispatcherClosed() {
    HookDispatcher d = HookDispatcher.builder().build();
    d.close();
    d.close();

    assertThatThrownBy(() -> d.dispatch(TestPoints.GATE, TestPoints.HELLO))
        .isInstanceOfSatisfying(HookException.class, e -> {
          assertThat(e.code()).isEqualTo(HookErrorCode.DISPATCHER_CLOSED);
          assertThat(e.getMessage()).isEqualTo("dispatcher must be open: closed");
        });
  }

  @Test
  void poolAndQueueSizes_belowOne_refusedNamingValue() {
    assertThatThrownBy(() -> HookDispatcher.builder().platformThreads(0))
        .isInstanceOf(HookException.class).hasMessage("platformThreads must be >= 1: 0");
    assertThatThrownBy(() -> HookDispatcher.builder().receiptQueueCapacity(0))
        .isInstanceOf(HookException.class).hasMessage("receiptQueueCapacity must be >= 1: 0");
  }

  @Test
  void build_minimumSliceAboveBudget_refused() {
    HookDispatcher.Builder b =
        HookDispatcher.builder().chainBudget(Duration.ofSeconds(2)).minimumSlice(Duration.ofSeconds(3));

    assertThatThrownBy(b::build).hasMessage("minimumSlice must be <= chainBudget PT2S: PT3S");
  }

  @Test
  void registry_given_isTheOneTheDispatcherServes() {
    HookRegistry shared = HookRegistry.create();
    try (HookDispatcher d = HookDispatcher.builder().registry(shared).build()) {
      assertThat(d.registry()).isSameAs(shared);
    }
  }
}
