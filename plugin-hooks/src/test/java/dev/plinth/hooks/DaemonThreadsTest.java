package dev.plinth.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.api.hook.HookOptions;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Threads the dispatcher starts while a plugin frame is on the stack (a host service a plugin calls
 * may dispatch) must not keep that plugin's loader: not through their context loader, and not
 * through the access-control context a thread inherits from the stack that creates it.
 */
class DaemonThreadsTest {
  /** A loader that defines one class from given bytes, as a plugin loader would. */
  private static final class OneClassLoader extends ClassLoader {
    OneClassLoader() {
      super("fake-plugin", ClassLoader.getPlatformClassLoader());
    }

    Class<?> define(String name, byte[] bytes) {
      return defineClass(name, bytes, 0, bytes.length);
    }
  }

  /** Runs {@code body} with a frame of a class of a fresh loader on the stack; returns that loader, weakly. */
  @SuppressWarnings("unchecked")
  private static WeakReference<ClassLoader> throughPluginFrame(Runnable body) throws Exception {
    byte[] bytes;
    try (InputStream in = HookTrampoline.class.getResourceAsStream("HookTrampoline.class")) {
      bytes = in.readAllBytes();
    }
    OneClassLoader plugin = new OneClassLoader();
    Consumer<Runnable> trampoline = (Consumer<Runnable>) plugin.define(HookTrampoline.class.getName(), bytes)
        .getConstructor().newInstance();
    assertThat(trampoline.getClass().getClassLoader()).isSameAs(plugin);
    trampoline.accept(body);
    return new WeakReference<>(plugin);
  }

  private static boolean collected(WeakReference<?> ref) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < deadline) {
      System.gc();
      if (ref.get() == null) {
        return true;
      }
      Thread.sleep(20);
    }
    return false;
  }

  @Test
  void create_threadStartedUnderAPluginFrame_keepsThatLoaderCollectable() throws Exception {
    List<Thread> started = new CopyOnWriteArrayList<>();
    Object gate = new Object();
    WeakReference<ClassLoader> plugin = throughPluginFrame(() -> {
      Thread t = DaemonThreads.create(() -> {
        synchronized (gate) {
          try {
            gate.wait(10_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      }, "test-daemon");
      started.add(t);
      t.start();
    });
    try {
      assertThat(started.get(0).isDaemon()).isTrue();
      assertThat(started.get(0).getContextClassLoader()).isSameAs(DaemonThreads.class.getClassLoader());
      assertThat(collected(plugin)).as("the live thread keeps no reference to the plugin loader").isTrue();
    } finally {
      started.forEach(Thread::interrupt);
    }
  }

  @Test
  void dispatcherThreads_startedWhileAPluginDispatches_keepThatLoaderCollectable() throws Exception {
    try (HookDispatcher d = HookDispatcher.builder().virtualThreads(false).receiptListener(receipts -> { }).build()) {
      d.registry().register(HandlerSpec.of("observer", TestPoints.OBSERVE, HookOptions.DEFAULTS,
          TestPoints.append("[seen]")));

      WeakReference<ClassLoader> plugin = throughPluginFrame(() ->
          assertThat(d.dispatch(TestPoints.OBSERVE, TestPoints.HELLO).data().text()).isEqualTo("hello[seen]"));

      assertThat(collected(plugin)).as("pool worker and receipt thread keep no plugin loader").isTrue();
    }
  }
}
