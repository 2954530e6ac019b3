package dev.plinth.benchmarks.hooks;

import dev.plinth.api.hook.ExecutionMode;
import dev.plinth.api.hook.HookMerge;
import dev.plinth.api.hook.HookOptions;
import dev.plinth.api.hook.HookPoint;
import dev.plinth.api.hook.HookResult;
import dev.plinth.hooks.DispatchResult;
import dev.plinth.hooks.HandlerSpec;
import dev.plinth.hooks.HookDispatcher;
import dev.plinth.metrics.PlinthMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of a hook dispatch over calling the same number of plain functions directly.
 *
 * <ul>
 *   <li>{@code direct}: the baseline, a loop over N functions that return their input;
 *   <li>{@code directTimed}: the same plus one {@code System.nanoTime()} per function, the one
 *       clock read per handler a dispatcher with precise inline timing needs for receipts and
 *       timeouts (the floor of {@code inlinePrecise} on a given machine);
 *   <li>{@code handoff}: what isolation costs with the JDK's stock executors: each function
 *       submitted to a virtual-thread executor when available, else a cached daemon pool, and
 *       awaited with {@code Future.get()}, no dispatcher (on JDK 17 the dispatcher's own pool, whose
 *       idle threads spin briefly before parking, is faster than this);
 *   <li>{@code inline}: a dispatch with N inline handlers that return {@code unchanged()}
 *       (snapshot lookup, budget check, context classloader swap, one read of the dispatcher's
 *       millisecond clock and one receipt per handler), with default settings;
 *   <li>{@code inlinePrecise}: the same with {@code preciseInlineTiming(true)}: one
 *       {@code System.nanoTime()} per handler instead of the shared clock;
 *   <li>{@code inlineListened}: {@code inline} with one receipt listener that does nothing, as
 *       every {@code PluginSystem} has (its crash guard): each dispatch now offers its receipts to
 *       the delivery queue;
 *   <li>{@code inlineMetrics}: {@code inline} with {@link PlinthMetrics} bound to a
 *       {@link SimpleMeterRegistry}: metrics on. Against {@code inline} it shows what metrics cost
 *       a bare dispatcher; against {@code inlineListened}, what they add to a plugin system (their
 *       recording runs on the delivery thread, so only contention reaches the caller);
 *   <li>{@code isolated}: the same with N isolated handlers, each handed to the executor (virtual
 *       threads on JDK 21+, a daemon pool on 17) and awaited. Sampled, so p50 is reported.
 * </ul>
 *
 * <p>Goals: 0 handlers within 10 ns; inline within 50 ns per handler over {@code direct};
 * isolated p50 within 3 µs per handler on JDK 25 and 10 µs on JDK 17; metrics on within 15 ns per
 * handler over metrics off. Run:
 * {@code java -jar benchmarks/target/benchmarks.jar HookDispatchBenchmark -f 1 -wi 2 -i 3 -w 1s -r 1s}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
// A fixed, pre-touched heap: on virtual machines the first touch of memory the collector has just
// committed costs a page fault per page, which would be measured as dispatch or boot time.
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
public class HookDispatchBenchmark {

  /** The payload; a record so the point's merge works as in production. */
  public record Payload(String text) {}

  static final HookPoint<Payload> POINT =
      HookPoint.builder("bench.point", Payload.class).merge(HookMerge.allowFields(Payload.class, "text")).build();

  @Param({"0", "1", "5", "20"})
  public int handlers;

  private final Payload payload = new Payload("hello");
  private UnaryOperator<Payload>[] functions;
  private HookDispatcher inline;
  private HookDispatcher inlinePrecise;
  private HookDispatcher inlineListened;
  private HookDispatcher inlineMetrics;
  private PlinthMetrics metrics;
  private HookDispatcher isolated;
  private ExecutorService executor;

  @Setup(Level.Trial)
  @SuppressWarnings({"unchecked", "rawtypes"})
  public void setUp() throws Throwable {
    executor = newExecutor();
    functions = new UnaryOperator[handlers];
    inline = HookDispatcher.builder().build();
    inlinePrecise = HookDispatcher.builder().preciseInlineTiming(true).build();
    isolated = HookDispatcher.builder().build();
    inlineListened = HookDispatcher.builder().receiptListener(receipt -> { }).build();
    inlineMetrics = HookDispatcher.builder().build();
    metrics = PlinthMetrics.bind(inlineMetrics, new SimpleMeterRegistry());
    for (int i = 0; i < handlers; i++) {
      functions[i] = p -> p;
      String plugin = "plugin_" + i;
      inline.registry().register(HandlerSpec.of(plugin, POINT,
          HookOptions.DEFAULTS.withMode(ExecutionMode.INLINE), ctx -> HookResult.unchanged()));
      inlinePrecise.registry().register(HandlerSpec.of(plugin, POINT,
          HookOptions.DEFAULTS.withMode(ExecutionMode.INLINE), ctx -> HookResult.unchanged()));
      isolated.registry().register(HandlerSpec.of(plugin, POINT,
          HookOptions.DEFAULTS.withMode(ExecutionMode.ISOLATED), ctx -> HookResult.unchanged()));
      inlineListened.registry().register(HandlerSpec.of(plugin, POINT,
          HookOptions.DEFAULTS.withMode(ExecutionMode.INLINE), ctx -> HookResult.unchanged()));
      inlineMetrics.registry().register(HandlerSpec.of(plugin, POINT,
          HookOptions.DEFAULTS.withMode(ExecutionMode.INLINE), ctx -> HookResult.unchanged()));
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    inline.close();
    inlinePrecise.close();
    isolated.close();
    inlineListened.close();
    metrics.close();
    inlineMetrics.close();
    executor.shutdownNow();
  }

  /** Virtual threads when the JDK has them (found at run time, as the dispatcher does), else a pool. */
  private static ExecutorService newExecutor() throws Throwable {
    try {
      MethodHandle factory = MethodHandles.publicLookup().findStatic(
          Executors.class, "newVirtualThreadPerTaskExecutor", MethodType.methodType(ExecutorService.class));
      return (ExecutorService) factory.invoke();
    } catch (NoSuchMethodException e) {
      return Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r);
        t.setDaemon(true);
        return t;
      });
    }
  }

  /** Baseline: the same number of plain calls, no dispatcher. */
  @Benchmark
  public Payload direct() {
    Payload p = payload;
    for (UnaryOperator<Payload> f : functions) {
      p = f.apply(p);
    }
    return p;
  }

  /** Baseline plus one clock read per call: what a receipt's duration costs at the least. */
  @Benchmark
  public long directTimed() {
    Payload p = payload;
    long t = System.nanoTime();
    long sum = 0;
    for (UnaryOperator<Payload> f : functions) {
      p = f.apply(p);
      long now = System.nanoTime();
      sum += now - t;
      t = now;
    }
    return sum + p.text().length();
  }

  /** A bare hand-off to another thread and back per call, on the JDK's stock executors. */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  public Payload handoff() throws Exception {
    Payload p = payload;
    for (UnaryOperator<Payload> f : functions) {
      Payload in = p;
      Future<Payload> done = executor.submit(() -> f.apply(in));
      p = done.get();
    }
    return p;
  }

  @Benchmark
  public DispatchResult<Payload> inline() {
    return inline.dispatch(POINT, payload);
  }

  @Benchmark
  public DispatchResult<Payload> inlinePrecise() {
    return inlinePrecise.dispatch(POINT, payload);
  }

  @Benchmark
  public DispatchResult<Payload> inlineListened() {
    return inlineListened.dispatch(POINT, payload);
  }

  @Benchmark
  public DispatchResult<Payload> inlineMetrics() {
    return inlineMetrics.dispatch(POINT, payload);
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  public DispatchResult<Payload> isolated() {
    return isolated.dispatch(POINT, payload);
  }
}
