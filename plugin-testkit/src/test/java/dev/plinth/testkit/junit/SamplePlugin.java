package dev.plinth.testkit.junit;

import dev.plinth.testkit.bundle.BuiltBundle;
import dev.plinth.testkit.bundle.PluginBundle;
import java.nio.file.Path;

/** A plugin compiled in the test: tags tool input on {@code tool.pre_exec}; optionally leaves a thread running. */
final class SamplePlugin {
  private SamplePlugin() {}

  static BuiltBundle write(Path dir, String id, String version, boolean leakThread) {
    String pkg = "com.acme." + id;
    String source = """
        package %s;

        import dev.plinth.api.Plugin;
        import dev.plinth.api.PluginContext;
        import dev.plinth.api.hook.HookResult;
        import dev.plinth.hooks.agent.AgentHooks;
        import java.util.HashMap;
        import java.util.Map;

        public final class SamplePlugin implements Plugin {
          @Override
          public void start(PluginContext context) {
            context.hooks().register(AgentHooks.TOOL_PRE_EXEC, c -> {
              Map<String, Object> in = new HashMap<>(c.data().toolInput());
              in.put("tagged", "%s");
              return HookResult.proceed(c.data().withToolInput(in));
            });
            if (%s) {
              Thread t = new Thread(() -> {
                try {
                  Thread.sleep(6000);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }, "sample-leaked-thread");
              t.setDaemon(true);
              t.start();
            }
          }
        }
        """.formatted(pkg, version, leakThread);
    return PluginBundle.builder(id, version)
        .hooks("tool.pre_exec")
        .pluginClass(pkg + ".SamplePlugin")
        .source(pkg + ".SamplePlugin", source)
        .writeTarGz(dir);
  }
}
