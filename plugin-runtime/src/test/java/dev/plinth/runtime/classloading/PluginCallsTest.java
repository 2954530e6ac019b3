package dev.plinth.runtime.classloading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.api.ApiErrorCode;
import dev.plinth.runtime.PluginFailure;
import dev.plinth.runtime.PluginRuntimeException;
import dev.plinth.runtime.RuntimeErrorCode;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PluginCallsTest {
  private final ClassLoader pluginLoader = new URLClassLoader("test-plugin", new URL[0], null);

  private PluginCalls.Call call(Duration timeout) {
    return new PluginCalls.Call("acme", "start", pluginLoader, timeout, RuntimeErrorCode.START_FAILED);
  }

  @Test
  void call_body_runsWithPluginContextLoaderOnDaemonThread() {
    AtomicReference<Thread> thread = new AtomicReference<>();
    ClassLoader seen = PluginCalls.call(call(Duration.ofSeconds(5)), () -> {
      thread.set(Thread.currentThread());
      return Thread.currentThread().getContextClassLoader();
    });

    assertThat(seen).isSameAs(pluginLoader);
    assertThat(thread.get().isDaemon()).isTrue();
    assertThat(thread.get().getName()).isEqualTo("plinth-start-acme");
  }

  @Test
  void inContext_bodyThrows_restoresPreviousLoader() {
    ClassLoader before = Thread.currentThread().getContextClassLoader();

    assertThatThrownBy(() -> PluginCalls.inContext(pluginLoader, () -> {
      throw new IllegalStateException("boom");
    })).hasMessage("boom");
    assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(before);
  }

  @Test
  void call_bodyOverrunsTimeout_throwsPluginTimeoutAndInterruptsThread() throws Exception {
    CountDownLatch interrupted = new CountDownLatch(1);

    assertThatThrownBy(() -> PluginCalls.call(call(Duration.ofMillis(100)), () -> {
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException e) {
        interrupted.countDown();
      }
      return null;
    })).isInstanceOfSatisfying(PluginRuntimeException.class, e -> {
      assertThat(e.code()).isEqualTo(ApiErrorCode.PLUGIN_TIMEOUT);
      assertThat(e.getMessage()).isEqualTo("plugin.start must finish within 100 ms: acme");
      assertThat(e.details()).containsEntry("timeoutMs", 100L).containsEntry("operation", "start");
    });
    assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void call_bodyThrows_wrapsWithFailureCodeAndCause() {
    assertThatThrownBy(() -> PluginCalls.call(call(Duration.ofSeconds(5)), () -> {
      throw new IllegalArgumentException("bad config");
    })).isInstanceOfSatisfying(PluginRuntimeException.class, e -> {
      assertThat(e.code()).isEqualTo(RuntimeErrorCode.START_FAILED);
      assertThat(e.getMessage()).isEqualTo(
          "plugin.start must complete without error: java.lang.IllegalArgumentException: bad config");
      assertThat(e.getCause()).isInstanceOf(IllegalArgumentException.class);
    });
  }

  @Test
  void detach_pluginDefinedThrowable_copiedWithoutItsClass() throws Exception {
    Throwable foreign = new Throwable("not a plugin class");
    assertThat(PluginFailure.detach(foreign)).isSameAs(foreign);
    assertThat(PluginFailure.detach(null)).isNull();
  }
}
