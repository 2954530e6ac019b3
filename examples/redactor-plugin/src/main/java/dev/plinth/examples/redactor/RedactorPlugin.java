package dev.plinth.examples.redactor;

import dev.plinth.api.Plugin;
import dev.plinth.api.PluginContext;
import dev.plinth.api.hook.ExecutionMode;
import dev.plinth.api.hook.HookContext;
import dev.plinth.api.hook.HookOptions;
import dev.plinth.api.hook.HookResult;
import dev.plinth.hooks.agent.AgentHooks;
import dev.plinth.hooks.agent.ToolPostExec;
import dev.plinth.hooks.agent.ToolResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Redacts secrets from tool output at {@code tool.post_exec}. It only changes
 * {@code result.output}, the one field the point lets handlers change, and runs isolated (on the
 * dispatcher's executor, under its timeout), since it runs regular expressions over untrusted text.
 *
 * <p>Settings: {@code patterns} (extra regular expressions, labelled {@code custom}). The label
 * style is a property of the release, not of the installation: a bundle that carries
 * {@code dev/plinth/examples/redactor/release.properties} with {@code labels = kind} labels each
 * secret with its kind ({@code [REDACTED:aws_access_key]}); without it, {@code [REDACTED]}.
 */
public final class RedactorPlugin implements Plugin {
  static final String RELEASE_RESOURCE = "release.properties";
  private static final Logger LOG = LoggerFactory.getLogger(RedactorPlugin.class);

  private volatile @Nullable Redactor redactor;

  @Override
  public void start(PluginContext context) {
    Redactor.LabelStyle style = releaseLabelStyle();
    Redactor r = Redactor.withDefaults(context.config().getStringList("patterns"), style);
    redactor = r;
    context.hooks().register(AgentHooks.TOOL_POST_EXEC,
        HookOptions.DEFAULTS.withMode(ExecutionMode.ISOLATED), this::onToolResult);
    LOG.info("redactor {} started: {} labels, {} custom patterns", context.descriptor().version(),
        style.name().toLowerCase(Locale.ROOT), context.config().getStringList("patterns").size());
  }

  @Override
  public void stop() {
    redactor = null;
  }

  private HookResult<ToolPostExec> onToolResult(HookContext<ToolPostExec> hook) {
    Redactor r = redactor;
    ToolPostExec data = hook.data();
    String output = data.result().output();
    if (r == null || output == null) {
      return HookResult.unchanged();
    }
    String redacted = r.redact(output);
    if (redacted == output) {
      return HookResult.unchanged();
    }
    ToolResult result = data.result().withOutput(redacted);
    return HookResult.proceed(data.withResult(result));
  }

  /** Reads the release's label style from the bundle; defaults to plain labels. */
  static Redactor.LabelStyle releaseLabelStyle() {
    try (InputStream in = RedactorPlugin.class.getResourceAsStream(RELEASE_RESOURCE)) {
      if (in == null) {
        return Redactor.LabelStyle.PLAIN;
      }
      Properties p = new Properties();
      p.load(in);
      return "kind".equalsIgnoreCase(p.getProperty("labels", "plain").trim())
          ? Redactor.LabelStyle.KIND
          : Redactor.LabelStyle.PLAIN;
    } catch (IOException e) {
      throw new UncheckedIOException("release.properties must be readable", e);
    }
  }
}
