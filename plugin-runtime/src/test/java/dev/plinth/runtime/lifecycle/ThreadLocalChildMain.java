package dev.plinth.runtime.lifecycle;

import dev.plinth.runtime.leak.LeakReport;
import dev.plinth.runtime.testhost.spi.Greeter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Run in a child JVM by {@link ThreadLocalLeakTest}: loads the plugin in {@code args[1]}, calls its
 * {@link Greeter} extension on this (the host's) thread, where the plugin leaves a thread-local
 * value behind, unloads it and prints what the leak report says, one {@code key=value} line each.
 * A child, because whether thread-locals can be inspected depends on the JVM's {@code --add-opens}.
 */
final class ThreadLocalChildMain {
  private ThreadLocalChildMain() {}

  public static void main(String[] args) throws Exception {
    Thread.currentThread().setName("host-request-1");
    RuntimeFixture fx = new RuntimeFixture(Path.of(args[0]));
    PluginRuntime runtime = fx.runtime(s -> s.leakWait(Duration.ofMillis(300)));
    runtime.load(dev.plinth.runtime.TestBundles.manifest("sticky", "1.0.0").extension(Greeter.class).build(), Path.of(args[1]));
    System.out.println("greeting=" + runtime.extensions(Greeter.class).get(0).instance().greet("host"));
    Optional<LeakReport> report = runtime.unload("sticky").leakReport();
    System.out.println("leak=" + report.isPresent());
    report.ifPresent(r -> {
      System.out.println("inspected=" + r.shutdownHooksInspected());
      System.out.println("locals=" + r.names(LeakReport.Kind.THREAD_LOCAL));
      r.holders().stream().filter(h -> h.kind() == LeakReport.Kind.THREAD_LOCAL)
          .forEach(h -> System.out.println("detail=" + h.detail()));
    });
    System.out.println("done");
  }
}
