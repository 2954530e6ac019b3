package dev.plinth.runtime;

import dev.plinth.api.hook.HookScope;
import dev.plinth.installer.InstallRequest;
import dev.plinth.installer.store.InstallOutcome;
import dev.plinth.runtime.testhost.spi.Greeter;
import dev.plinth.runtime.testhost.spi.TestHooks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Real bundles (plugin.toml plus a jar compiled in the test) written as folders, and plugin systems
 * on a home in the test's temporary folder, for the {@code PluginSystem} tests.
 */
final class SystemFixture {
  static final String SPI = "dev.plinth.runtime.testhost.spi";

  final Path root;
  final Path home;
  final RecordingSink sink = new RecordingSink();

  SystemFixture(Path root) {
    this.root = root;
    this.home = root.resolve("home");
  }

  /** Settings for tests: no environment, crash guard 3 failures per minute, short leak wait. */
  static RuntimeSettings.Builder settings() {
    return RuntimeSettings.builder()
        .environment(Map.of())
        .stopTimeout(Duration.ofSeconds(2))
        .crashThreshold(3)
        .crashWindow(Duration.ofMinutes(1))
        .leakWait(Duration.ofMillis(500));
  }

  PluginSystem.Builder builder() {
    return PluginSystem.builder()
        .home(home)
        .host(HostInfo.of("test-host", "1.2.0"))
        .exportPackages(SPI)
        .hookPoints(List.of(TestHooks.NOTE, TestHooks.OTHER))
        .extensionInterfaces(Greeter.class)
        .eventSink(sink);
  }

  PluginSystem open() {
    return builder().settings(settings().build()).build();
  }

  /** A bundle folder: {@code plugin.toml} with {@code tomlBody} after the id, and one jar. */
  Path bundle(String id, String version, String tomlBody, String entrySource, boolean greeter) throws IOException {
    Path dir = Files.createDirectories(root.resolve("bundles").resolve(id + "-" + version));
    String entry = "com." + id + ".Entry";
    TestBundles.JarSpec jar = TestBundles.jar(id + ".jar").source(entry, entrySource).plugin(entry);
    if (greeter) {
      String g = "com." + id + ".Hello";
      jar.source(g, Sources.greeter(g, id + "@" + version)).service(Greeter.class.getName(), g);
    }
    jar.writeTo(Files.createDirectories(dir.resolve("lib")));
    Files.writeString(dir.resolve("plugin.toml"), """
        [plugin]
        id = "%s"
        version = "%s"

        [plugin.runtime]
        classpath = ["lib/*.jar"]

        %s
        """.formatted(id, version, tomlBody), StandardCharsets.UTF_8);
    return dir;
  }

  /** The {@code [plugin.dependencies]} table of a plugin that needs zeta 1.x ({@link #zetaBundle}). */
  static final String NEEDS_ZETA = "[plugin.dependencies]\nzeta = \">=1.0.0\"\n";

  /** zeta 1.0.0: a plugin others depend on, offering a Greeter and no hook. */
  Path zetaBundle() throws IOException {
    return bundle("zeta", "1.0.0", contributesNote(), Sources.noop("com.zeta.Entry"), true);
  }

  /** Deletes a folder and everything in it. */
  static void deleteTree(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** A plugin that appends {@code |id@version} to the note and reports healthy. */
  Path noteBundle(String id, String version, String extraToml) throws IOException {
    return bundle(id, version, contributesNote() + extraToml,
        hookPlugin(id, "return HookResult.proceed(new TestHooks.Note(c.data().text() + \"|" + id + "@" + version + "\"));",
            "return HealthStatus.healthy();"), false);
  }

  static String contributesNote() {
    return """
        [plugin.contributes]
        hooks = ["test.note"]
        extensions = ["dev.plinth.runtime.testhost.spi.Greeter"]
        """;
  }

  /** An entry class whose start registers {@code handler} (a lambda body over {@code c}) for test.note. */
  static String hookPlugin(String id, String handler, String health) {
    return """
        package com.%s;
        import dev.plinth.api.*;
        import dev.plinth.api.hook.*;
        import dev.plinth.runtime.testhost.spi.TestHooks;
        public class Entry implements Plugin {
          public void start(PluginContext ctx) {
            ctx.hooks().register(TestHooks.NOTE, c -> { %s });
          }
          public HealthStatus health() { %s }
        }
        """.formatted(id, handler, health);
  }

  static InstallRequest enabled(Path bundle) {
    return InstallRequest.of(bundle.toString()).withEnable(true);
  }

  static String note(PluginSystem system) {
    return system.hooks().dispatch(TestHooks.NOTE, HookScope.NONE, new TestHooks.Note("x")).data().text();
  }

  static void assertSucceeded(InstallOutcome outcome) {
    if (!outcome.succeeded()) {
      throw new AssertionError("install did not succeed: " + outcome);
    }
  }

  /** Waits for something asynchronous (receipt delivery) to become true; fails after 10 s. */
  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }
}
