package dev.plinth.benchmarks.classloading;

import dev.plinth.runtime.RuntimeErrorCode;
import dev.plinth.runtime.classloading.PluginCalls;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The cost of calling into plugin code: a direct call (baseline), the context-classloader swap
 * alone ({@code inContext}, what inline calls pay), and a call handed to a pooled daemon worker
 * with a timeout ({@code call}, what start, stop and health pay).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar PluginCallsBenchmark -f 1 -wi 2 -i 3 -w 1s -r 1s}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PluginCallsBenchmark {
  private ClassLoader loader;
  private PluginCalls.Call call;
  private final Callable<Integer> body = () -> 42;

  @Setup
  public void setUp() {
    loader = new URLClassLoader("bench-plugin", new URL[0], null);
    call = new PluginCalls.Call("bench", "health", loader, Duration.ofSeconds(5), RuntimeErrorCode.HEALTH_FAILED);
  }

  @Benchmark
  public Integer baseline_directCall() throws Exception {
    return body.call();
  }

  @Benchmark
  public Integer inContext_swapOnly() throws Exception {
    return PluginCalls.inContext(loader, body);
  }

  @Benchmark
  public Integer call_pooledWorkerWithTimeout() {
    return PluginCalls.call(call, body);
  }
}
