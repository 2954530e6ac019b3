package dev.plinth.testkit.golden;

import dev.plinth.testkit.bundle.BuiltBundle;
import dev.plinth.testkit.bundle.PluginBundle;
import java.nio.file.Path;

/**
 * A small plugin in several releases, compiled in the test: a {@code tool.pre_exec} handler that
 * writes {@code by = <version>} and {@code tag = <config "tag">} into the tool input; 2.0.0 also
 * upper-cases the {@code command}. The broken release reports itself unhealthy.
 */
final class GoldenPlugins {
  static final String ID = "acme_golden";

  private GoldenPlugins() {}

  static BuiltBundle release(Path dir, String version, String hostRange, boolean upperCase, boolean healthy) {
    String pkg = "com.acme.golden.v" + version.replace('.', '_');
    String source = """
        package %s;

        import dev.plinth.api.HealthStatus;
        import dev.plinth.api.Plugin;
        import dev.plinth.api.PluginContext;
        import dev.plinth.api.hook.HookResult;
        import dev.plinth.hooks.agent.AgentHooks;
        import dev.plinth.hooks.agent.ToolPreExec;
        import java.util.HashMap;
        import java.util.Locale;
        import java.util.Map;

        public final class GoldenPlugin implements Plugin {
          @Override
          public void start(PluginContext context) {
            String tag = context.config().getString("tag").orElse("none");
            context.hooks().register(AgentHooks.TOOL_PRE_EXEC, c -> {
              ToolPreExec d = c.data();
              Map<String, Object> in = new HashMap<>(d.toolInput());
              in.put("by", "%s");
              in.put("tag", tag);
              if (%s) {
                in.put("command", String.valueOf(in.get("command")).toUpperCase(Locale.ROOT));
              }
              return HookResult.proceed(d.withToolInput(in));
            });
          }

          @Override
          public HealthStatus health() {
            return %s;
          }
        }
        """.formatted(pkg, version, upperCase, healthy ? "HealthStatus.healthy()" : "HealthStatus.unhealthy(\"broken on purpose\")");
    return PluginBundle.builder(ID, version)
        .engine(hostRange, null, null)
        .hooks("tool.pre_exec")
        .pluginClass(pkg + ".GoldenPlugin")
        .source(pkg + ".GoldenPlugin", source)
        .writeTarGz(dir);
  }
}
