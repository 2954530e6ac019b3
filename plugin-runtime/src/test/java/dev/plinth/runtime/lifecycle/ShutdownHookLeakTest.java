package dev.plinth.runtime.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin that registers a JVM shutdown hook and never removes it keeps its loader alive; the
 * leak report names the hook when the JVM lets Plinth read the registered hooks ({@code
 * --add-opens java.base/java.lang=ALL-UNNAMED}, or to Plinth's module), and says it could not look
 * otherwise. Each case runs in a child JVM (see {@link ShutdownHookChildMain}).
 */
class ShutdownHookLeakTest {
  @TempDir Path root;

  private Path hookedBundle() throws IOException {
    return new RuntimeFixture(root).bundle("hooked", "1.0.0",
        "Runtime.getRuntime().addShutdownHook(new Thread(() -> { }, \"hooked-flush\"));",
        "", "return HealthStatus.healthy();");
  }

  private String child(Path bundle, String... jvmOptions) throws Exception {
    String out = ChildJvm.run(ShutdownHookChildMain.class, List.of(jvmOptions), root.resolve("child").toString(), bundle.toString());
    return out;
  }

  @Test
  void unload_pluginLeftShutdownHook_javaLangOpened_reportNamesTheHook() throws Exception {
    String out = child(hookedBundle(), "--add-opens", "java.base/java.lang=ALL-UNNAMED");

    assertThat(out).contains("leak=true", "inspected=true", "hooks=[hooked-flush]",
        "detail=a JVM shutdown hook registered by the plugin (remove it in Plugin.stop())");
  }

  @Test
  void unload_pluginLeftShutdownHook_javaLangClosed_reportSaysHooksWereNotInspected() throws Exception {
    String out = child(hookedBundle());

    assertThat(out).contains("leak=true", "inspected=false", "hooks=[]");
  }
}
