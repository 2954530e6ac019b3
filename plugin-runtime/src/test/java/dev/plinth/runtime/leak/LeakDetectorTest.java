package dev.plinth.runtime.leak;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LeakDetectorTest {
  @Test
  void awaitCollected_stronglyHeld_timesOut() {
    Object held = new Object();
    WeakReference<Object> ref = new WeakReference<>(held);

    assertThat(LeakDetector.awaitCollected(ref, Duration.ofMillis(60))).isFalse();
    assertThat(held).isNotNull();
  }

  @Test
  void awaitCollected_unreachable_isCollected() {
    WeakReference<Object> ref = new WeakReference<>(new Object());

    assertThat(LeakDetector.awaitCollected(ref, Duration.ofSeconds(2))).isTrue();
  }
}
