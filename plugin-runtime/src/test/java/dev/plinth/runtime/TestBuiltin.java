package dev.plinth.runtime;

import dev.plinth.api.Plugin;
import dev.plinth.api.PluginContext;
import dev.plinth.api.hook.HookResult;
import dev.plinth.manifest.ManifestParser;
import dev.plinth.manifest.PluginManifest;
import dev.plinth.runtime.testhost.spi.TestHooks;

/** A host-classpath plugin that appends {@code |builtin} to notes. */
public final class TestBuiltin implements Plugin {
  static final PluginManifest MANIFEST = ManifestParser.parse("""
      [plugin]
      id = "host_tools"
      version = "1.0.0"

      [plugin.contributes]
      hooks = ["test.note"]
      """).orThrow();

  @Override
  public void start(PluginContext context) {
    context.hooks().register(TestHooks.NOTE, c -> HookResult.proceed(new TestHooks.Note(c.data().text() + "|builtin")));
  }
}
