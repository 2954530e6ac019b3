package dev.plinth.api.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HookMergeTest {
  record Call(String model, double temperature, String prompt) {
    Call {
      if (temperature < 0) {
        throw new IllegalArgumentException("temperature must be >= 0: " + temperature);
      }
    }
  }

  private final HookMerge<Call> merge = HookMerge.allowFields(Call.class, "model", "temperature");

  @Test
  void allowFields_allowedChange_isApplied() {
    MergeResult<Call> r = merge.merge(new Call("a", 0.1, "p"), new Call("b", 0.1, "p"));
    assertThat(r.data()).isEqualTo(new Call("b", 0.1, "p"));
    assertThat(r.changedFields()).containsExactly("model");
    assertThat(r.refusedFields()).isEmpty();
    assertThat(r.mutated()).isTrue();
  }

  @Test
  void allowFields_disallowedChange_isRefusedAndAllowedOneKept() {
    MergeResult<Call> r = merge.merge(new Call("a", 0.1, "p"), new Call("a", 0.7, "evil"));
    assertThat(r.data()).isEqualTo(new Call("a", 0.7, "p"));
    assertThat(r.changedFields()).containsExactly("temperature");
    assertThat(r.refusedFields()).containsExactly("prompt");
  }

  @Test
  void allowFields_sameData_isUnchanged() {
    Call c = new Call("a", 0.1, "p");
    MergeResult<Call> r = merge.merge(c, new Call("a", 0.1, "p"));
    assertThat(r.data()).isSameAs(c);
    assertThat(r.mutated()).isFalse();
  }

  @Test
  void observeOnly_refusesEverything() {
    HookMerge<Call> observe = HookMerge.observeOnly(Call.class);
    MergeResult<Call> r = observe.merge(new Call("a", 0.1, "p"), new Call("b", 0.2, "q"));
    assertThat(r.data()).isEqualTo(new Call("a", 0.1, "p"));
    assertThat(r.refusedFields()).containsExactly("model", "temperature", "prompt");
  }

  @Test
  void allowFields_unknownField_isRejectedAtDefinition() {
    assertThatThrownBy(() -> HookMerge.allowFields(Call.class, "modle"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("modle")
        .hasMessageContaining("model");
  }

  @Test
  void hookPoint_defaults_followBlockability() {
    HookPoint<Call> gate = HookPoint.builder("model.pre_call", Call.class).blockable(true).build();
    HookPoint<Call> observe = HookPoint.builder("model.post_call", Call.class).build();
    assertThat(gate.defaultFailure()).isEqualTo(FailurePolicy.CLOSED);
    assertThat(observe.defaultFailure()).isEqualTo(FailurePolicy.OPEN);
  }

  @Test
  void hookPoint_badName_isRejected() {
    assertThatThrownBy(() -> HookPoint.builder("Model PreCall", Call.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Model PreCall");
  }
}
