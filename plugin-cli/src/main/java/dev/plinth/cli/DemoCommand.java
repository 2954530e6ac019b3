package dev.plinth.cli;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;

/**
 * {@code plinth demo}: runs the demo host from {@code examples/demo-host} when it is on the class
 * path (the {@code ./plinth} script puts it there). The CLI does not depend on the examples; it
 * looks the entry point up by name.
 */
@Command(name = "demo", description = "Run the end-to-end demo: signed releases, install, hooks, upgrade, automatic rollback, doctor.")
final class DemoCommand extends CliCommand {
  static final String DEMO_CLASS = "dev.plinth.examples.demo.Demo";

  @Override
  int execute(CliOutput out) {
    MethodHandle run;
    try {
      Class<?> demo = Class.forName(DEMO_CLASS);
      run = MethodHandles.publicLookup().findStatic(demo, "run",
          MethodType.methodType(int.class, PrintWriter.class, Path.class));
    } catch (ReflectiveOperationException e) {
      return out.fail("DEMO_UNAVAILABLE", "demo host not on the class path: " + DEMO_CLASS,
          "Run the demo through ./plinth demo from a clone, which builds examples/demo-host.", null, null);
    }
    try {
      // The demo makes (and removes) its own plinth-demo-* folder under this one.
      Path work = Path.of(System.getProperty("java.io.tmpdir"));
      return (int) run.invoke(out.out(), work);
    } catch (Throwable t) {
      if (t instanceof Error e) {
        throw e;
      }
      return out.fail("DEMO_FAILED", "the demo stopped: " + t, "Re-run with a fresh clone; report the output.", null, null);
    }
  }
}
