package dev.plinth.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The platform-thread executor of isolated handlers, on real threads. */
class HandoffPoolTest {
  private HandoffPool pool = new HandoffPool(2, 30, TimeUnit.SECONDS, "test-pool-");

  @AfterEach
  void shutDown() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void execute_callsWithPauses_reuseOneThread() throws Exception {
    Set<Thread> seen = ConcurrentHashMap.newKeySet();
    for (int i = 0; i < 50; i++) {
      CountDownLatch done = new CountDownLatch(1);
      pool.execute(() -> {
        seen.add(Thread.currentThread());
        done.countDown();
      });
      assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
      awaitIdle(1); // back on the idle stack: on a loaded machine that can take longer than the pause
      Thread.sleep(i % 2 == 0 ? 1 : 20); // found spinning or parked on the idle stack
    }
    assertThat(seen).hasSize(1);
    assertThat(pool.threadCount()).isEqualTo(1);
  }

  @Test
  void execute_backToBackCalls_reuseAFewThreads() throws Exception {
    pool = new HandoffPool(8, 30, TimeUnit.SECONDS, "test-pool-");
    Set<Thread> seen = ConcurrentHashMap.newKeySet();
    for (int i = 0; i < 500; i++) {
      CountDownLatch done = new CountDownLatch(1);
      pool.execute(() -> {
        seen.add(Thread.currentThread());
        done.countDown();
      });
      assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
      // The thread that ran it goes back to the idle stack just after the task (direct hand-off,
      // no queue); a call arriving before that would start a second thread, which is allowed but
      // is not what this test is about, and a loaded machine makes it likely. Wait for it.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (pool.idleCount() == 0 && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
    }
    assertThat(seen).hasSize(1);
    assertThat(pool.threadCount()).isEqualTo(1);
  }

  @Test
  void execute_allThreadsBusy_rejectedAtOnceNotQueued() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch running = new CountDownLatch(2);
    for (int i = 0; i < 2; i++) {
      pool.execute(() -> {
        running.countDown();
        awaitQuietly(release);
      });
    }
    assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();

    assertThatThrownBy(() -> pool.execute(() -> {})).isInstanceOf(RejectedExecutionException.class)
        .hasMessageContaining("all 2 threads busy");

    release.countDown();
    CountDownLatch after = new CountDownLatch(1);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (true) {
      try {
        pool.execute(after::countDown);
        break;
      } catch (RejectedExecutionException e) {
        assertThat(System.nanoTime()).isLessThan(deadline);
        Thread.sleep(1);
      }
    }
    assertThat(after.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(pool.threadCount()).isEqualTo(2);
  }

  @Test
  void idleThreads_leaveAfterKeepAlive() throws Exception {
    pool = new HandoffPool(4, 50, TimeUnit.MILLISECONDS, "test-pool-");
    CountDownLatch done = new CountDownLatch(1);
    pool.execute(done::countDown);
    assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (pool.threadCount() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(pool.threadCount()).isZero();
    CountDownLatch again = new CountDownLatch(1);
    pool.execute(again::countDown);
    assertThat(again.await(5, TimeUnit.SECONDS)).as("a new thread after the old one left").isTrue();
  }

  @Test
  void shutdownNow_interruptsRunningCall_andRefusesNewOnes() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    pool.execute(() -> {
      started.countDown();
      try {
        Thread.sleep(30_000);
      } catch (InterruptedException e) {
        interrupted.countDown();
      }
    });
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

    pool.shutdownNow();

    assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    assertThat(pool.isTerminated()).isTrue();
    assertThatThrownBy(() -> pool.execute(() -> {})).isInstanceOf(RejectedExecutionException.class);
  }

  @Test
  void interruptOfOneCall_doesNotReachTheNext() throws Exception {
    CountDownLatch first = new CountDownLatch(1);
    pool.execute(() -> {
      Thread.currentThread().interrupt();
      first.countDown();
    });
    assertThat(first.await(5, TimeUnit.SECONDS)).isTrue();
    AtomicReference<Boolean> flag = new AtomicReference<>();
    CountDownLatch second = new CountDownLatch(1);
    pool.execute(() -> {
      flag.set(Thread.currentThread().isInterrupted());
      second.countDown();
    });
    assertThat(second.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(flag.get()).isFalse();
  }

  @Test
  void threads_startedFromAPluginThread_areDaemonsWithoutItsLoaderOrThreadLocals() throws Exception {
    InheritableThreadLocal<String> local = new InheritableThreadLocal<>();
    AtomicReference<ClassLoader> contextLoader = new AtomicReference<>();
    AtomicReference<String> inherited = new AtomicReference<>("unset");
    AtomicReference<Boolean> daemon = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(1);
    try (URLClassLoader plugin = new URLClassLoader(new URL[0], null)) {
      Thread starter = new Thread(() -> {
        local.set("plugin secret");
        pool.execute(() -> {
          contextLoader.set(Thread.currentThread().getContextClassLoader());
          inherited.set(local.get());
          daemon.set(Thread.currentThread().isDaemon());
          done.countDown();
        });
      });
      starter.setContextClassLoader(plugin);
      starter.start();
      starter.join();
      assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(contextLoader.get()).isSameAs(HandoffPool.class.getClassLoader());
    assertThat(inherited.get()).isNull();
    assertThat(daemon.get()).isTrue();
  }

  @Test
  void manyProducers_everyCallRunsExactlyOnce() throws Exception {
    pool = new HandoffPool(8, 30, TimeUnit.SECONDS, "test-pool-");
    AtomicInteger ran = new AtomicInteger();
    AtomicInteger rejected = new AtomicInteger();
    int producers = 4;
    int each = 2_000;
    CountDownLatch finished = new CountDownLatch(producers);
    for (int p = 0; p < producers; p++) {
      new Thread(() -> {
        for (int i = 0; i < each; i++) {
          try {
            pool.execute(ran::incrementAndGet);
          } catch (RejectedExecutionException e) {
            rejected.incrementAndGet();
          }
        }
        finished.countDown();
      }).start();
    }
    assertThat(finished.await(30, TimeUnit.SECONDS)).isTrue();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (ran.get() + rejected.get() < producers * each && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(ran.get() + rejected.get()).isEqualTo(producers * each);
    assertThat(ran.get()).isPositive();
    assertThat(pool.threadCount()).isLessThanOrEqualTo(8);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void awaitIdle(int threads) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (pool.idleCount() < threads && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    assertThat(pool.idleCount()).isEqualTo(threads);
  }
}
