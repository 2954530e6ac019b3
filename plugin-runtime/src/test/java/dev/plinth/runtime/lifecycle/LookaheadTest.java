package dev.plinth.runtime.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class LookaheadTest {

  @Test
  void take_inOrder_returnsEverySlotsResultComputedOnce() {
    Set<Integer> computed = ConcurrentHashMap.newKeySet();
    boolean[] wanted = new boolean[50];
    java.util.Arrays.fill(wanted, true);
    try (Lookahead<String> ahead = new Lookahead<>(wanted, 2, "test", i -> {
      assertThat(computed.add(i)).as("slot %s computed twice", i).isTrue();
      return "r" + i;
    }, r -> { })) {
      for (int i = 0; i < wanted.length; i++) {
        assertThat(ahead.take(i)).isEqualTo("r" + i);
        ahead.computeOne();
      }
    }
    assertThat(computed).hasSize(50);
  }

  @Test
  void take_slotNotWanted_isComputedOnTheCallersThread() {
    Thread caller = Thread.currentThread();
    try (Lookahead<Thread> ahead = new Lookahead<>(new boolean[] {false, false}, 1, "test",
        i -> Thread.currentThread(), r -> { })) {
      assertThat(ahead.helperCount()).isZero();
      assertThat(ahead.take(0)).isSameAs(caller);
      assertThat(ahead.take(1)).isSameAs(caller);
    }
  }

  @Test
  void take_computeFailed_rethrowsItsException() {
    try (Lookahead<String> ahead = new Lookahead<>(new boolean[] {true, true}, 1, "test", i -> {
      throw new IllegalStateException("slot " + i);
    }, r -> { })) {
      assertThatThrownBy(() -> ahead.take(0)).isInstanceOf(IllegalStateException.class).hasMessage("slot 0");
      assertThatThrownBy(() -> ahead.take(1)).isInstanceOf(IllegalStateException.class).hasMessage("slot 1");
    }
  }

  @Test
  void close_slotsComputedButNeverTaken_areDiscarded() {
    List<String> discarded = new CopyOnWriteArrayList<>();
    boolean[] wanted = {true, true, true, true};
    Lookahead<String> ahead = new Lookahead<>(wanted, 1, "test", i -> "r" + i, discarded::add);
    assertThat(ahead.take(0)).isEqualTo("r0");
    ahead.computeOne();
    ahead.discard(1);

    ahead.close();

    assertThat(discarded).doesNotContain("r0").contains("r1");
    assertThat(discarded).doesNotHaveDuplicates();
  }
}
