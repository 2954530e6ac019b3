package dev.plinth.runtime.lifecycle;

import dev.plinth.runtime.leak.LeakReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Run in a child JVM by {@link ShutdownHookLeakTest}: loads the plugin in {@code args[1]} (its
 * start registers a JVM shutdown hook), unloads it and prints what the leak report says, one
 * {@code key=value} line each. A child, because the hook stays registered until that JVM exits and
 * because whether shutdown hooks can be inspected depends on the JVM's {@code --add-opens}.
 */
final class ShutdownHookChildMain {
  private ShutdownHookChildMain() {}

  public static void main(String[] args) throws Exception {
    RuntimeFixture fx = new RuntimeFixture(Path.of(args[0]));
    PluginRuntime runtime = fx.runtime(s -> s.leakWait(Duration.ofMillis(200)));
    runtime.load(RuntimeFixture.manifest("hooked"), Path.of(args[1]));
    Optional<LeakReport> report = runtime.unload("hooked").leakReport();
    System.out.println("leak=" + report.isPresent());
    report.ifPresent(r -> {
      System.out.println("inspected=" + r.shutdownHooksInspected());
      System.out.println("hooks=" + r.names(LeakReport.Kind.SHUTDOWN_HOOK));
      r.holders().stream().filter(h -> h.kind() == LeakReport.Kind.SHUTDOWN_HOOK)
          .forEach(h -> System.out.println("detail=" + h.detail()));
    });
    System.out.println("done");
  }
}
