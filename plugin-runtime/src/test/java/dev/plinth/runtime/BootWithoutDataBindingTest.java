package dev.plinth.runtime;

import static dev.plinth.runtime.SystemFixture.assertSucceeded;
import static dev.plinth.runtime.SystemFixture.enabled;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.manifest.PluginManifest;
import dev.plinth.runtime.lifecycle.BootReport;
import dev.plinth.runtime.testhost.spi.Greeter;
import dev.plinth.runtime.testhost.spi.TestHooks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host's boot from the install-time index reads the index, {@code state.json} and writes its
 * events with Jackson's streaming parser and generator only: a fresh JVM that opens a home and
 * boots it loads no jackson-databind class, whose set-up would cost a cold boot more than reading
 * the whole index. Checked in a child JVM, from the JVM's own class-loading log.
 */
class BootWithoutDataBindingTest {
  @TempDir Path tmp;

  /** The child: opens the home with the given activation default, boots, and reports. */
  public static void main(String[] args) {
    PluginSystem system = PluginSystem.builder()
        .home(Path.of(args[0]))
        .host(HostInfo.of("test-host", "1.2.0"))
        .exportPackages(SystemFixture.SPI)
        .hookPoints(List.of(TestHooks.NOTE, TestHooks.OTHER))
        .extensionInterfaces(Greeter.class)
        .settings(SystemFixture.settings().defaultActivation(PluginManifest.Activation.valueOf(args[1])).build())
        .build();
    BootReport r = system.boot();
    System.out.println("loaded=" + r.loaded().size() + " skipped=" + r.skipped().size()
        + " failed=" + r.failed().size());
    System.out.println("done");
    System.exit(0); // the log is complete; close() would read events back for its own reasons
  }

  private static String child(Path home, String activation, Path classLog) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx128m",
        "-Xlog:class+load=info:file=" + classLog,
        "-cp", System.getProperty("java.class.path"), BootWithoutDataBindingTest.class.getName(),
        home.toString(), activation));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("child ended").isTrue();
    assertThat(out).as("child output").contains("done");
    return out;
  }

  @Test
  void freshJvm_bootOfLazyAndEagerPluginsFromTheIndex_loadsNoDataBindingClass() throws Exception {
    SystemFixture f = new SystemFixture(tmp);
    try (PluginSystem installer = f.open()) {
      assertSucceeded(installer.install(enabled(f.noteBundle("alpha", "1.0.0", ""))));
      assertSucceeded(installer.install(enabled(f.noteBundle("beta", "2.0.0", ""))));
    }

    for (String activation : List.of("LAZY", "EAGER")) {
      Path classLog = tmp.resolve("classes-" + activation + ".log");
      String out = child(f.home, activation, classLog);
      String loaded = Files.readString(classLog);

      assertThat(out).contains(activation.equals("LAZY") ? "loaded=0 skipped=2 failed=0" : "loaded=2 skipped=0 failed=0");
      // The index was read (so the check below is not vacuous), and data binding never was.
      assertThat(loaded).contains("dev.plinth.installer.store.RecordArrays ", "dev.plinth.runtime.PluginSystem ",
          "com.fasterxml.jackson.core.JsonFactory ");
      assertThat(loaded.lines().filter(l -> l.contains("com.fasterxml.jackson.databind.")).toList())
          .as(activation + " boot").isEmpty();
    }
  }
}
