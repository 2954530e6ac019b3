package dev.plinth.runtime.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a test's {@code main} class in a child JVM with this JVM's class path, for what one JVM's
 * flags decide ({@code --add-opens}) or what stays until that JVM exits (shutdown hooks).
 */
final class ChildJvm {
  private ChildJvm() {}

  /**
   * Runs {@code main} with {@code args}, and returns its output once it ended having printed
   * {@code done}.
   */
  static String run(Class<?> main, List<String> jvmOptions, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx96m"));
    cmd.addAll(jvmOptions);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("child ended").isTrue();
    assertThat(out).as("child output").contains("done");
    return out;
  }
}
