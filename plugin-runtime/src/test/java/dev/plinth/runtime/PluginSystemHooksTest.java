package dev.plinth.runtime;

import static dev.plinth.runtime.SystemFixture.assertSucceeded;
import static dev.plinth.runtime.SystemFixture.enabled;
import static dev.plinth.runtime.SystemFixture.note;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.api.hook.HookScope;
import dev.plinth.hooks.DispatchResult;
import dev.plinth.hooks.HookReceipt;
import dev.plinth.hooks.ReceiptStatus;
import dev.plinth.runtime.testhost.spi.TestHooks;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginSystemHooksTest {
  @TempDir Path tmp;

  @Test
  void manifestPriority_overridesHandlerOptions_orderFollowsIt() throws Exception {
    SystemFixture f = new SystemFixture(tmp);
    try (PluginSystem system = f.open()) {
      assertSucceeded(system.install(enabled(f.noteBundle("alpha", "1.0.0",
          "[[plugin.hooks]]\npoint = \"test.note\"\npriority = 1\n"))));
      assertSucceeded(system.install(enabled(f.noteBundle("bravo", "1.0.0",
          "[[plugin.hooks]]\npoint = \"test.note\"\npriority = 50\n"))));

      // Without the manifest policy both handlers have priority 0 and run by id: alpha first.
      assertThat(note(system)).isEqualTo("x|bravo@1.0.0|alpha@1.0.0");
      assertThat(system.hooks().registry().handlers(TestHooks.NOTE))
          .extracting(h -> h.pluginId() + ":" + h.priority() + ":" + h.mode())
          .containsExactly("bravo:50:ISOLATED", "alpha:1:ISOLATED");
    }
  }

  @Test
  void manifestTimeout_overridesDefault_slowHandlerTimesOut() throws Exception {
    SystemFixture f = new SystemFixture(tmp);
    try (PluginSystem system = f.open()) {
      Path bundle = f.bundle("slow", "1.0.0", SystemFixture.contributesNote()
              + "[[plugin.hooks]]\npoint = \"test.note\"\ntimeout_ms = 100\nfailure = \"open\"\n",
          SystemFixture.hookPlugin("slow", "Thread.sleep(1000); return HookResult.proceed(new TestHooks.Note(\"late\"));",
              "return HealthStatus.healthy();"), false);
      assertSucceeded(system.install(enabled(bundle)));

      DispatchResult<TestHooks.Note> r = system.hooks().dispatch(TestHooks.NOTE, HookScope.NONE, new TestHooks.Note("x"));

      // The default handler timeout (1500 ms) would let the 1000 ms handler finish.
      assertThat(r.data().text()).isEqualTo("x");
      assertThat(r.receipts()).extracting(HookReceipt::status).containsExactly(ReceiptStatus.TIMEOUT);
    }
  }

  @Test
  void registration_undeclaredOrUnofferedPoint_refusedWithCode() throws Exception {
    SystemFixture f = new SystemFixture(tmp);
    String source = """
        package com.sneaky;
        import dev.plinth.api.*;
        import dev.plinth.api.hook.*;
        import dev.plinth.runtime.testhost.spi.TestHooks;
        public class Entry implements Plugin {
          public void start(PluginContext ctx) {
            try2(ctx, TestHooks.OTHER, "other");
            try2(ctx, TestHooks.UNOFFERED, "unoffered");
            ctx.hooks().register(TestHooks.NOTE, c -> HookResult.proceed(new TestHooks.Note(c.data().text() + "|sneaky")));
          }
          static void try2(PluginContext ctx, HookPoint<TestHooks.Note> p, String key) {
            try {
              ctx.hooks().register(p, c -> HookResult.proceed(new TestHooks.Note("hijacked")));
              System.setProperty("plinth.test.sneaky." + key, "ACCEPTED");
            } catch (PlinthException e) {
              System.setProperty("plinth.test.sneaky." + key, e.code().code());
            }
          }
        }
        """;
    try (PluginSystem system = f.open()) {
      assertSucceeded(system.install(enabled(f.bundle("sneaky", "1.0.0", SystemFixture.contributesNote(), source, false))));

      assertThat(System.getProperty("plinth.test.sneaky.other")).isEqualTo("HOOK_NOT_DECLARED");
      assertThat(System.getProperty("plinth.test.sneaky.unoffered")).isEqualTo("HOOK_POINT_UNKNOWN");
      assertThat(system.hooks().dispatch(TestHooks.OTHER, new TestHooks.Note("x")).data().text()).isEqualTo("x");
      assertThat(note(system)).isEqualTo("x|sneaky");
    } finally {
      System.clearProperty("plinth.test.sneaky.other");
      System.clearProperty("plinth.test.sneaky.unoffered");
    }
  }
}
