package dev.plinth.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.api.Plugin;
import dev.plinth.api.PluginContext;
import dev.plinth.api.hook.HookMerge;
import dev.plinth.api.hook.HookPoint;
import dev.plinth.api.hook.HookResult;
import dev.plinth.manifest.ManifestParser;
import dev.plinth.manifest.PluginManifest;
import dev.plinth.runtime.HostInfo;
import dev.plinth.runtime.PluginSystem;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlinthMetricsTest {
  public record Note(String text) {}

  static final HookPoint<Note> NOTE =
      HookPoint.builder("test.note", Note.class).merge(HookMerge.allowFields(Note.class, "text")).build();

  static final PluginManifest MANIFEST = ManifestParser.parse("""
      [plugin]
      id = "noter"
      version = "1.0.0"

      [plugin.contributes]
      hooks = ["test.note"]
      """).orThrow();

  /** Fails when the text says so, otherwise appends to it. */
  public static final class Noter implements Plugin {
    @Override
    public void start(PluginContext context) {
      context.hooks().register(NOTE, c -> {
        if (c.data().text().equals("fail")) {
          throw new IllegalStateException("asked to fail");
        }
        return HookResult.proceed(new Note(c.data().text() + "|noted"));
      });
    }
  }

  @TempDir Path tmp;

  private PluginSystem system() {
    return PluginSystem.builder().home(tmp.resolve("home")).host(HostInfo.of("test-host", "1.0.0"))
        .hookPoint(NOTE).builtin(MANIFEST, new Noter()).build();
  }

  private static void await(MeterRegistry r, String outcome, double count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      var c = r.find(PlinthMetrics.HOOK_CALLS).tag("outcome", outcome).counter();
      if (c != null && c.count() >= count) {
        return;
      }
      Thread.sleep(5);
    }
  }

  @Test
  void bind_dispatches_countsByOutcomeAndTimesLatency() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (PluginSystem system = system(); PlinthMetrics metrics = PlinthMetrics.bind(system, registry)) {
      system.boot();
      for (int i = 0; i < 3; i++) {
        system.hooks().dispatch(NOTE, new Note("hi"));
      }
      system.hooks().dispatch(NOTE, new Note("fail"));
      await(registry, "error", 1); // receipts reach the meters on the delivery thread, latency first
      await(registry, "ok", 3);

      assertThat(registry.get(PlinthMetrics.HOOK_CALLS).tags("plugin", "noter", "point", "test.note", "outcome", "ok")
          .counter().count()).isEqualTo(3.0);
      assertThat(registry.get(PlinthMetrics.HOOK_CALLS).tags("outcome", "error").counter().count()).isEqualTo(1.0);
      assertThat(registry.get(PlinthMetrics.HOOK_CALLS).tags("outcome", "timeout").counter().count()).isZero();
      Timer latency = registry.get(PlinthMetrics.HOOK_LATENCY).tags("plugin", "noter", "point", "test.note").timer();
      assertThat(latency.count()).isEqualTo(4);
      assertThat(latency.takeSnapshot().percentileValues()).extracting(v -> v.percentile())
          .containsExactly(0.5, 0.95, 0.99);
      assertThat(registry.get(PlinthMetrics.RECEIPTS_DROPPED).functionCounter().count()).isZero();
    }
  }

  @Test
  void bind_morePluginsThanCap_extraTaggedOther() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (PluginSystem system = system(); PlinthMetrics metrics = PlinthMetrics.bind(system, registry, 1)) {
      system.boot(); // "noter" takes the only plugin tag
      dev.plinth.hooks.HandlerSpec<Note> spec =
          dev.plinth.hooks.HandlerSpec.of("second", NOTE, dev.plinth.api.hook.HookOptions.DEFAULTS, c -> HookResult.unchanged());
      system.hooks().registry().register(spec);
      system.hooks().dispatch(NOTE, new Note("hi"));
      await(registry, "ok", 2);

      assertThat(registry.find(PlinthMetrics.HOOK_CALLS).tag("plugin", PlinthMetrics.OTHER).tag("outcome", "ok")
          .counter()).isNotNull().satisfies(c -> assertThat(c.count()).isEqualTo(1.0));
      assertThat(registry.find(PlinthMetrics.HOOK_CALLS).tag("plugin", "second").counters()).isEmpty();
    }
  }

  @Test
  void close_stopsRecording() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (PluginSystem system = system()) {
      system.boot();
      PlinthMetrics metrics = PlinthMetrics.bind(system, registry);
      system.hooks().dispatch(NOTE, new Note("hi"));
      await(registry, "ok", 1);
      metrics.close();
      system.hooks().dispatch(NOTE, new Note("hi"));
      Thread.sleep(200);

      assertThat(registry.get(PlinthMetrics.HOOK_CALLS).tag("outcome", "ok").counter().count()).isEqualTo(1.0);
    }
  }
}
