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
    AtomicReference<String> name = new AtomicReference<>();
    ClassLoader seen = PluginCalls.call(call(Duration.ofSeconds(5)), () -> {
      thread.set(Thread.currentThread());
      name.set(Thread.currentThread().getName());
      return Thread.currentThread().getContextClassLoader();
    });

    assertThat(seen).isSameAs(pluginLoader);
    assertThat(thread.get().isDaemon()).isTrue();
    assertThat(thread.get()).isNotSameAs(Thread.currentThread());
    // The worker is pooled: it names the plugin while the call runs, and nothing after.
    assertThat(name.get()).isEqualTo("plinth-start-acme");
    assertThat(thread.get().getName()).isEqualTo("plinth-call-idle");
    assertThat(thread.get().getContextClassLoader()).isNotSameAs(pluginLoader);
  }

  @Test
  void call_returnedWorker_isReusedWithoutPluginState() {
    AtomicReference<Thread> first = new AtomicReference<>();
    PluginCalls.call(call(Duration.ofSeconds(5)), () -> {
      first.set(Thread.currentThread());
      Thread.currentThread().setUncaughtExceptionHandler((t, e) -> { });
      return null;
    });

    ClassLoader otherLoader = new URLClassLoader("other-plugin", new URL[0], null);
    Thread second = PluginCalls.call(
        new PluginCalls.Call("other", "health", otherLoader, Duration.ofSeconds(5), RuntimeErrorCode.HEALTH_FAILED),
        () -> {
          assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(otherLoader);
          assertThat(Thread.currentThread().getName()).isEqualTo("plinth-health-other");
          return Thread.currentThread();
        });

    assertThat(second).isSameAs(first.get());
    assertThat(second.getUncaughtExceptionHandler()).isSameAs(second.getThreadGroup());
  }

  @Test
  void call_afterTimeout_abandonsStuckWorker() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicReference<Thread> stuck = new AtomicReference<>();
    assertThatThrownBy(() -> PluginCalls.call(call(Duration.ofMillis(100)), () -> {
      stuck.set(Thread.currentThread());
      while (true) {
        try {
          release.await();
          return null;
        } catch (InterruptedException ignored) {
          // a plugin that ignores interrupts
        }
      }
    })).isInstanceOf(PluginRuntimeException.class);

    Thread next = PluginCalls.call(call(Duration.ofSeconds(5)), Thread::currentThread);
    assertThat(next).isNotSameAs(stuck.get());
    assertThat(stuck.get().getName()).isEqualTo("plinth-start-acme");
    assertThat(stuck.get().getContextClassLoader()).isSameAs(pluginLoader);

    release.countDown();
    stuck.get().join(5_000);
    assertThat(stuck.get().isAlive()).isFalse();
  }

  @Test
  void retireWorkersOf_loaderThatRan_endsItsIdleWorker() throws Exception {
    ClassLoader doomed = new URLClassLoader("doomed-plugin", new URL[0], null);
    Thread worker = PluginCalls.call(
        new PluginCalls.Call("doomed", "stop", doomed, Duration.ofSeconds(5), RuntimeErrorCode.STOP_FAILED),
        Thread::currentThread);

    PluginCalls.retireWorkersOf(doomed);

    worker.join(5_000);
    assertThat(worker.isAlive()).isFalse();
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
  void call_waitingSpinsFirst_timeoutShorterThanTheSpinStillHolds_andAResultAfterTheSpinStillArrives() {
    // A deadline inside the spin window: the caller stops at the deadline, not at the window's end.
    Duration tiny = Duration.ofNanos(CallWorkers.SPIN_NANOS / 5 + 1);
    assertThatThrownBy(() -> PluginCalls.call(call(tiny), () -> {
      Thread.sleep(2_000);
      return null;
    })).isInstanceOfSatisfying(PluginRuntimeException.class,
        e -> assertThat(e.code()).isEqualTo(ApiErrorCode.PLUGIN_TIMEOUT));
    // A body that outlasts the spin: the caller parks and is woken by the result.
    String late = PluginCalls.call(call(Duration.ofSeconds(5)), () -> {
      Thread.sleep(20);
      return "late";
    });
    assertThat(late).isEqualTo("late");
    // A quick body: answered while the caller spins.
    assertThat(PluginCalls.call(call(Duration.ofSeconds(5)), () -> "quick")).isEqualTo("quick");
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
  void call_callerInterruptedWhileWaiting_callInterruptedFlagKeptAndWorkerInterrupted() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch workerInterrupted = new CountDownLatch(1);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicReference<Boolean> flagKept = new AtomicReference<>();
    Thread caller = new Thread(() -> {
      try {
        PluginCalls.call(call(Duration.ofSeconds(30)), () -> {
          running.countDown();
          try {
            Thread.sleep(60_000);
          } catch (InterruptedException e) {
            workerInterrupted.countDown();
          }
          return null;
        });
      } catch (Throwable t) {
        thrown.set(t);
      }
      flagKept.set(Thread.currentThread().isInterrupted());
    });
    caller.start();
    assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();

    caller.interrupt();
    caller.join(5_000);

    assertThat(thrown.get()).isInstanceOfSatisfying(PluginRuntimeException.class, e -> {
      assertThat(e.code()).isEqualTo(RuntimeErrorCode.CALL_INTERRUPTED);
      assertThat(e.getMessage()).isEqualTo("plugin.start wait was interrupted: acme");
      assertThat(e.nextStep()).isNotBlank();
    });
    assertThat(flagKept.get()).as("the caller's interrupt flag is restored").isTrue();
    assertThat(workerInterrupted.await(5, TimeUnit.SECONDS)).as("the abandoned call is interrupted").isTrue();
  }

  @Test
  void call_meanwhileThrows_rethrownAfterTheCallCompleted() {
    AtomicReference<Boolean> bodyRan = new AtomicReference<>(false);

    assertThatThrownBy(() -> PluginCalls.call(call(Duration.ofSeconds(5)), () -> {
      bodyRan.set(true);
      return "done";
    }, () -> {
      throw new IllegalStateException("prepare of the next plugin failed");
    })).isInstanceOf(IllegalStateException.class).hasMessage("prepare of the next plugin failed");
    assertThat(bodyRan.get()).isTrue();
  }

  @Test
  void call_zeroTimeout_refused() {
    assertThatThrownBy(() -> call(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout must be > 0: PT0S");
  }

  @Test
  void detach_pluginDefinedThrowable_copiedWithoutItsClass() throws Exception {
    Throwable foreign = new Throwable("not a plugin class");
    assertThat(PluginFailure.detach(foreign)).isSameAs(foreign);
    assertThat(PluginFailure.detach(null)).isNull();
  }
}
