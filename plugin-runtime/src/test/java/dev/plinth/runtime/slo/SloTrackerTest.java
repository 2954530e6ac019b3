package dev.plinth.runtime.slo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.api.hook.ExecutionMode;
import dev.plinth.api.hook.HookOptions;
import dev.plinth.api.hook.HookResult;
import dev.plinth.hooks.HandlerSpec;
import dev.plinth.hooks.HookDispatcher;
import dev.plinth.installer.events.PlinthEvent;
import dev.plinth.runtime.RecordingSink;
import dev.plinth.runtime.events.RuntimeEvents;
import dev.plinth.runtime.testhost.spi.TestHooks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real dispatcher calls a real handler that turns slow; the tracker, fed by the dispatcher's
 * receipts, runs on a clock the test moves so that windows of minutes pass at once.
 */
class SloTrackerTest {
  private static final Duration TIMEOUT = Duration.ofMillis(200); // latency bound: 100 ms
  private static final BurnAlertRule FAST = new BurnAlertRule("slo_burn_fast", Duration.ofMinutes(10), Duration.ofMinutes(1), 14.4);

  private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final RecordingSink sink = new RecordingSink();
  private final List<SloAlert> alerts = new CopyOnWriteArrayList<>();
  private final AtomicBoolean slow = new AtomicBoolean();
  private final HookDispatcher dispatcher = HookDispatcher.builder().handlerTimeout(TIMEOUT).build();
  @TempDir Path tmp;

  private SloTracker tracker(SloSettings settings) {
    SloTracker t = SloTracker.create(settings, clock, sink, (plugin, point) -> TIMEOUT, tmp.resolve("slo.json"));
    t.addListener(alerts::add);
    dispatcher.addReceiptListener(t);
    dispatcher.registry().register(HandlerSpec.of("sleepy", TestHooks.NOTE,
        HookOptions.DEFAULTS.withMode(ExecutionMode.ISOLATED), c -> {
          if (slow.get()) {
            Thread.sleep(130);
          }
          return HookResult.unchanged();
        }));
    return t;
  }

  private static SloSettings settings() {
    return SloSettings.defaults().withBucket(Duration.ofSeconds(10)).withRules(List.of(FAST)).withMinCalls(5);
  }

  @AfterEach
  void close() {
    dispatcher.close();
  }

  private void dispatch(SloTracker t, int n) throws InterruptedException {
    long before = t.report().plugin("sleepy").map(PluginSlo::calls).orElse(0L);
    for (int i = 0; i < n; i++) {
      dispatcher.dispatch(TestHooks.NOTE, new TestHooks.Note("x"));
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (t.report().plugin("sleepy").map(PluginSlo::calls).orElse(0L) < before + n) {
      assertThat(System.nanoTime()).as("receipts delivered in time").isLessThan(deadline);
      Thread.sleep(5);
    }
  }

  @Test
  void slowPlugin_overBothWindows_raisesFastBurnThenRecovers() throws Exception {
    SloTracker t = tracker(settings());
    dispatch(t, 20); // fast: nothing burns
    assertThat(t.report().plugin("sleepy").orElseThrow().firing()).isEmpty();

    clock.advance(Duration.ofMinutes(2));
    slow.set(true);
    dispatch(t, 6); // 6 of 26 calls over 10 min are slow: 23 % / 5 % = 4.6 < 14.4
    PluginSlo mixed = t.report().plugin("sleepy").orElseThrow();
    assertThat(mixed.slow()).isEqualTo(6);
    assertThat(mixed.latencyBurn()).isCloseTo(4.6154, org.assertj.core.api.Assertions.within(1e-3));
    assertThat(mixed.firing()).as("short window burns, long does not yet").isEmpty();

    clock.advance(Duration.ofMinutes(5)); // the 20 fast calls age out of the short window, not the long one
    dispatch(t, 20); // 26 of 46 slow over 10 min: 56.5 % / 5 % = 11.3; still below 14.4
    assertThat(t.report().plugin("sleepy").orElseThrow().firing()).isEmpty();

    clock.advance(Duration.ofMinutes(4)); // the first 20 fast calls now leave the long window too
    dispatch(t, 5); // 31 of 31 slow: burn 20 over both windows
    PluginSlo burning = t.report().plugin("sleepy").orElseThrow();
    assertThat(burning.firing()).containsExactly("slo_burn_fast/latency");
    assertThat(burning.latencyBurn()).isCloseTo(20.0, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(burning.p95Millis()).isGreaterThanOrEqualTo(130.0);
    assertThat(alerts).singleElement().satisfies(a -> {
      assertThat(a.state()).isEqualTo(SloAlert.State.FIRING);
      assertThat(a.rule()).isEqualTo("slo_burn_fast");
      assertThat(a.sli()).isEqualTo(SloAlert.LATENCY);
      assertThat(a.shortBurn()).isEqualTo(20.0);
    });
    assertThat(sink.ofType("slo_burn_fast")).singleElement()
        .satisfies(e -> assertThat(e.detail()).containsEntry("sli", "latency").containsEntry("threshold", 14.4));

    clock.advance(Duration.ofMinutes(2));
    slow.set(false);
    dispatch(t, 10); // the short window holds only fast calls again
    assertThat(t.report().plugin("sleepy").orElseThrow().firing()).isEmpty();
    assertThat(alerts).extracting(SloAlert::state).containsExactly(SloAlert.State.FIRING, SloAlert.State.RESOLVED);
    assertThat(sink.ofType(SloAlert.RESOLVED_EVENT)).singleElement()
        .satisfies(e -> assertThat(e.detail()).containsEntry("rule", "slo_burn_fast"));
  }

  @Test
  void failingCalls_fewerThanMinCalls_doNotFire() throws Exception {
    SloTracker t = tracker(settings().withMinCalls(50));
    slow.set(true);
    dispatch(t, 5);

    PluginSlo row = t.report().plugin("sleepy").orElseThrow();
    assertThat(row.latencyBurn()).isEqualTo(20.0);
    assertThat(row.firing()).isEmpty();
    assertThat(alerts).isEmpty();
  }

  @Test
  void close_writesSnapshot_readableReport() throws Exception {
    SloTracker t = tracker(settings().withObjective("sleepy", SloObjective.DEFAULT.withP95Latency(Duration.ofMillis(40))));
    dispatch(t, 3);

    t.close();

    SloReport back = SloReport.fromJson(Files.readString(tmp.resolve("slo.json")));
    PluginSlo row = back.plugin("sleepy").orElseThrow();
    assertThat(row.calls()).isEqualTo(3);
    assertThat(row.p95TargetMillis()).isEqualTo(40.0);
    assertThat(row.successRatio()).isEqualTo(1.0);
    assertThat(back.windowSeconds()).isEqualTo(600);
    assertThat(Files.readString(tmp.resolve("slo.json"))).contains("\"success_ratio\"", "\"budget_left\"");
    assertThat(back.toText()).contains("sleepy", "SLOs over the last 10 min");
  }

  private static void started(SloTracker t, String pluginId) {
    Instant loaded = Instant.parse("2026-01-01T00:00:00Z");
    String tx = "tx-" + pluginId;
    t.emit(new PlinthEvent(RuntimeEvents.LOADED, pluginId, "1.0.0", tx, loaded, Map.of()));
    t.emit(new PlinthEvent(RuntimeEvents.STARTED, pluginId, "1.0.0", tx, loaded.plusMillis(5), Map.of()));
  }

  @Test
  void startedPlugin_neverCalled_hasNoWindowAndReportsLikeAnEmptyWindow() throws Exception {
    SloTracker t = tracker(settings());
    started(t, "quiet");
    started(t, "sleepy");

    assertThat(t.hasWindow("quiet")).isFalse();
    assertThat(t.hasWindow("sleepy")).isFalse();
    PluginSlo quiet = t.report().plugin("quiet").orElseThrow();
    assertThat(quiet.version()).isEqualTo("1.0.0");
    assertThat(quiet.lastStartMillis()).isEqualTo(5.0);
    assertThat(quiet.calls()).isZero();
    assertThat(quiet.successRatio()).isEqualTo(1.0);
    assertThat(quiet.p95Millis()).isZero();
    assertThat(quiet.budgetLeft()).isEqualTo(1.0);
    assertThat(quiet.cpuMillisPerCall()).isNull();
    assertThat(quiet.firing()).isEmpty();
    assertThat(t.hasWindow("quiet")).as("reporting makes no window").isFalse();

    dispatch(t, 1);
    assertThat(t.hasWindow("sleepy")).as("the first receipt makes the window").isTrue();
    assertThat(t.report().plugin("sleepy").orElseThrow().calls()).isEqualTo(1);
    assertThat(t.hasWindow("quiet")).isFalse();

    clock.advance(Duration.ofMinutes(11)); // the call leaves the 10-minute window
    assertThat(t.report().plugin("sleepy").orElseThrow()).as("an emptied window reports as no window")
        .usingRecursiveComparison().ignoringFields("pluginId").isEqualTo(t.report().plugin("quiet").orElseThrow());
    t.close();
    SloReport back = SloReport.fromJson(Files.readString(tmp.resolve("slo.json")));
    assertThat(back.plugin("quiet").orElseThrow().calls()).isZero();
    assertThat(back.plugin("quiet").orElseThrow().lastStartMillis()).isEqualTo(5.0);
  }
}
