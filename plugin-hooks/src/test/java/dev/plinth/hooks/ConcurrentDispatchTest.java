package dev.plinth.hooks;

import static dev.plinth.hooks.TestPoints.HELLO;
import static dev.plinth.hooks.TestPoints.OBSERVE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.api.hook.ExecutionMode;
import dev.plinth.api.hook.HookOptions;
import dev.plinth.api.hook.HookRegistration;
import dev.plinth.api.hook.HookResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConcurrentDispatchTest {
  private static final int DISPATCHERS = 8;
  private static final int DISPATCHES_EACH = 1_500;
  private static final int MUTATIONS_EACH = 600;

  /** Calls counted by the handlers themselves, keyed by registration order of the test. */
  private final Map<Long, AtomicInteger> calls = new ConcurrentHashMap<>();
  /** Calls the dispatcher reported in receipts, keyed by handler id. */
  private final Map<Long, AtomicInteger> receipted = new ConcurrentHashMap<>();
  private final Map<Long, Integer> priorities = new ConcurrentHashMap<>();

  @Test
  void dispatchWhileRegisteringAndUnregistering_noLostOrDuplicatedCalls() throws Exception {
    try (HookDispatcher dispatcher = HookDispatcher.builder().build()) {
      HookRegistry registry = dispatcher.registry();
      AtomicBoolean stop = new AtomicBoolean();
      java.util.Queue<List<HookReceipt>> chains = new java.util.concurrent.ConcurrentLinkedQueue<>();
      ExecutorService pool = Executors.newFixedThreadPool(DISPATCHERS + 2);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> dispatchers = new ArrayList<>();
      for (int t = 0; t < DISPATCHERS; t++) {
        dispatchers.add(pool.submit(() -> {
          go.await();
          for (int i = 0; i < DISPATCHES_EACH || !stop.get(); i++) {
            List<HookReceipt> receipts = dispatcher.dispatch(OBSERVE, HELLO).receipts();
            for (HookReceipt receipt : receipts) {
              receipted.computeIfAbsent(receipt.handlerId(), id -> new AtomicInteger()).incrementAndGet();
            }
            chains.add(receipts);
          }
          return null;
        }));
      }
      List<Future<?>> mutators = new ArrayList<>();
      for (int m = 0; m < 2; m++) {
        int seed = m;
        mutators.add(pool.submit(() -> {
          go.await();
          mutate(registry, new Random(seed), "plugin" + seed);
          return null;
        }));
      }

      go.countDown();
      for (Future<?> f : mutators) {
        f.get(1, TimeUnit.MINUTES);
      }
      stop.set(true);
      for (Future<?> f : dispatchers) {
        f.get(2, TimeUnit.MINUTES);
      }
      pool.shutdown();

      long violations = 0;
      long nonEmpty = 0;
      for (List<HookReceipt> receipts : chains) {
        nonEmpty += receipts.isEmpty() ? 0 : 1;
        for (int k = 1; k < receipts.size(); k++) {
          violations += order().compare(receipts.get(k - 1), receipts.get(k)) >= 0 ? 1 : 0;
        }
      }
      assertThat(violations).as("receipts out of the stated order").isZero();
      assertThat(nonEmpty).as("dispatches that ran handlers").isGreaterThan(DISPATCHERS * DISPATCHES_EACH / 2);
      assertThat(calls).isNotEmpty();
      Map<Long, String> mismatches = new java.util.TreeMap<>();
      java.util.Set<Long> ids = new java.util.HashSet<>(calls.keySet());
      ids.addAll(receipted.keySet());
      for (Long id : ids) {
        int called = calls.containsKey(id) ? calls.get(id).get() : -1;
        int reported = receipted.containsKey(id) ? receipted.get(id).get() : 0;
        if (called != reported) {
          mismatches.put(id, "called " + called + ", receipted " + reported);
        }
      }
      assertThat(mismatches).as("handlers whose calls and receipts differ").isEmpty();
      assertThat(receipted.values().stream().mapToInt(AtomicInteger::get).sum()).isGreaterThan(10_000);
    }
  }

  private void mutate(HookRegistry registry, Random random, String pluginPrefix) throws InterruptedException {
    List<HookRegistration> live = new ArrayList<>();
    for (int n = 0; n < MUTATIONS_EACH; n++) {
      if (live.size() < 3 || (live.size() < 12 && random.nextBoolean())) {
        String plugin = pluginPrefix + "_" + random.nextInt(3);
        int priority = random.nextInt(5);
        ExecutionMode mode = n % 4 == 0 ? ExecutionMode.ISOLATED : ExecutionMode.INLINE;
        AtomicInteger counter = new AtomicInteger();
        HookRegistration reg = registry.register(HandlerSpec.of(plugin, OBSERVE,
            HookOptions.DEFAULTS.withPriority(priority).withMode(mode), ctx -> {
              counter.incrementAndGet();
              return HookResult.unchanged();
            }));
        long id = ((RegisteredHandler<?>) reg).id;
        calls.put(id, counter);
        priorities.put(id, priority);
        live.add(reg);
      } else {
        live.remove(random.nextInt(live.size())).unregister();
      }
      if (random.nextInt(50) == 0) {
        registry.unregisterAll(pluginPrefix + "_" + random.nextInt(3));
        live.removeIf(r -> !r.isActive());
      }
      Thread.sleep(0, 200_000);
    }
  }

  /** The stated dispatch order, over receipts. */
  private Comparator<HookReceipt> order() {
    return Comparator.<HookReceipt>comparingInt(r -> -priorities.get(r.handlerId()))
        .thenComparing(HookReceipt::pluginId)
        .thenComparingLong(HookReceipt::handlerId);
  }
}
