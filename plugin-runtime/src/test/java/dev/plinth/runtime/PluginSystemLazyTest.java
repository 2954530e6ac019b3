package dev.plinth.runtime;

import static dev.plinth.runtime.SystemFixture.assertSucceeded;
import static dev.plinth.runtime.SystemFixture.enabled;
import static dev.plinth.runtime.SystemFixture.note;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.api.hook.HookScope;
import dev.plinth.hooks.DispatchResult;
import dev.plinth.hooks.HookErrorCode;
import dev.plinth.hooks.HookException;
import dev.plinth.hooks.HookReceipt;
import dev.plinth.hooks.ReceiptStatus;
import dev.plinth.installer.InstallRequest;
import dev.plinth.installer.events.PlinthEvent;
import dev.plinth.installer.store.IntegrityCode;
import dev.plinth.manifest.PluginManifest;
import dev.plinth.runtime.events.RuntimeEvents;
import dev.plinth.runtime.lifecycle.BootReport;
import dev.plinth.runtime.testhost.spi.Greeter;
import dev.plinth.runtime.testhost.spi.TestHooks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lazy activation: registered from the index at boot, started on first use, once. */
class PluginSystemLazyTest {
  @TempDir Path tmp;

  private static PluginSystem lazyHost(SystemFixture f) {
    return f.builder().settings(SystemFixture.settings()
        .defaultActivation(PluginManifest.Activation.LAZY).build()).build();
  }

  private static List<String> triggers(SystemFixture f, String id) {
    return f.sink.ofType(RuntimeEvents.PLUGIN_ACTIVATED).stream()
        .filter(e -> e.pluginId().equals(id))
        .map(e -> String.valueOf(e.detail().get("trigger")))
        .toList();
  }

  @Test
  void lazyPlugin_boot_isNotLoadedUntilItsHookPointIsDispatched() throws Exception {
    SystemFixture f = new SystemFixture(tmp);
    try (PluginSystem installer = f.open()) {
      assertSucceeded(installer.install(enabled(f.noteBundle("alpha", "1.0.0", ""))));
    }
    int before = f.sink.all().size();
    try (PluginSystem system = lazyHost(f)) {
      BootReport report = system.boot();

      assertThat(report.skipped()).containsExactly(new BootReport.Skipped("alpha", BootReport.SkipReason.LAZY));
      assertThat(system.info("alpha").orElseThrow().loadState()).isEqualTo(LoadState.DEFERRED);
      assertThat(system.info("alpha").orElseThrow().loaded()).isFalse();
      List<String> sinceBoot = f.sink.all().subList(before, f.sink.all().size()).stream()
          .filter(e -> e.pluginId().equals("alpha")).map(PlinthEvent::type).toList();
      assertThat(sinceBoot).doesNotContain(RuntimeEvents.LOADED, RuntimeEvents.STARTED);

      assertThat(note(system)).isEqualTo("x|alpha@1.0.0");

      assertThat(system.info("alpha").orElseThrow().loadState()).isEqualTo(LoadState.STARTED);
      assertThat(triggers(f, "alpha")).endsWith("hook:test.note");
      assertThat(note(system)).isEqualTo("x|alpha@1.0.0");
      assertThat(triggers(f, "alpha")).filteredOn(t -> t.startsWith("hook:")).hasSize(1);
    }
  }

  @Test
  void manifestActivationLazy_overridesEagerHostDefault() throws Exception {
    SystemFixture f = new SystemFixture(tmp);
    Path bundle = f.bundle("alpha", "1.0.0", SystemFixture.contributesNote(),
        SystemFixture.hookPlugin("alpha", "return HookResult.proceed(new TestHooks.Note(c.data().text() + \"|a\"));",
            "return HealthStatus.healthy();"), false);
    Path toml = bundle.resolve("plugin.toml");
    Files.writeString(toml, Files.readString(toml).replace("classpath = [\"lib/*.jar\"]",
        "classpath = [\"lib/*.jar\"]\nactivation = \"lazy\""));
    try (PluginSystem installer = f.open()) {
      assertSucceeded(installer.install(enabled(bundle)));
    }
    try (PluginSystem system = f.open()) {
      system.boot();
      assertThat(system.info("alpha").orElseThrow().loadState()).isEqualTo(LoadState.DEFERRED);
      assertThat(note(system)).isEqualTo("x|a");
      assertThat(system.info("alpha").orElseThrow().loadState()).isEqualTo(LoadState.STARTED);
    }
  }

  @Test
  void lazyDependencyOfAnEagerPlugin_startsAtBoot_andRescanKeepsOtherDeferrals() throws Exception {
    SystemFixture f = new SystemFixture(tmp);
    Path user = f.bundle("user", "1.0.0", SystemFixture.NEEDS_ZETA, Sources.noop("com.user.Entry"), false);
    Path toml = user.resolve("plugin.toml");
    Files.writeString(toml, Files.readString(toml).replace("classpath = [\"lib/*.jar\"]",
        "classpath = [\"lib/*.jar\"]\nactivation = \"eager\""));
    try (PluginSystem installer = f.open()) {
      assertSucceeded(installer.install(enabled(f.zetaBundle())));
      assertSucceeded(installer.install(enabled(user)));
      assertSucceeded(installer.install(enabled(f.noteBundle("alpha", "1.0.0", ""))));
    }
    try (PluginSystem system = lazyHost(f)) {
      system.boot();

      assertThat(system.info("zeta").orElseThrow().loadState()).isEqualTo(LoadState.STARTED);
      assertThat(system.info("user").orElseThrow().loadState()).isEqualTo(LoadState.STARTED);
      assertThat(system.info("alpha").orElseThrow().loadState()).isEqualTo(LoadState.DEFERRED);
      assertThat(triggers(f, "zeta")).endsWith("boot");

      RescanReport r = system.rescan();

      assertThat(r.loaded()).doesNotContain("alpha");
      assertThat(system.info("alpha").orElseThrow().loadState()).isEqualTo(LoadState.DEFERRED);
      system.disable("alpha");
      assertThat(system.info("alpha").orElseThrow().loadState()).isEqualTo(LoadState.NOT_LOADED);
      assertThat(note(system)).isEqualTo("x");
    }
  }

  @Test
  void deferredPlugin_upgradedWhileRunning_dispatchRunsOnlyTheNewVersion() throws Exception {
    SystemFixture f = new SystemFixture(tmp);
    try (PluginSystem installer = f.open()) {
      assertSucceeded(installer.install(enabled(f.noteBundle("alpha", "1.0.0", ""))));
    }
    try (PluginSystem system = lazyHost(f)) {
      system.boot();
      assertThat(system.info("alpha").orElseThrow().loadState()).isEqualTo(LoadState.DEFERRED);
      int before = f.sink.all().size();

      assertSucceeded(system.install(enabled(f.noteBundle("alpha", "2.0.0", ""))));

      // One handler, the new version's: the 1.0.0 stand-in registered at boot is gone, not activated.
      assertThat(note(system)).isEqualTo("x|alpha@2.0.0");
      assertThat(note(system)).isEqualTo("x|alpha@2.0.0");
      assertThat(system.info("alpha").orElseThrow().currentVersion()).isEqualTo("2.0.0");
      assertThat(f.sink.all().subList(before, f.sink.all().size()))
          .filteredOn(e -> e.pluginId().equals("alpha") && "1.0.0".equals(e.version()))
          .extracting(PlinthEvent::type).doesNotContain(RuntimeEvents.LOADED, RuntimeEvents.STARTED);
    }
  }

  @Test
  void deferredPlugin_uninstalledWhileRunning_isNeverActivated() throws Exception {
    SystemFixture f = new SystemFixture(tmp);
    try (PluginSystem installer = f.open()) {
      assertSucceeded(installer.install(enabled(f.noteBundle("alpha", "1.0.0", ""))));
    }
    try (PluginSystem system = lazyHost(f)) {
      system.boot();
      int before = f.sink.all().size();

      assertSucceeded(system.uninstall("alpha", false));

      assertThat(note(system)).isEqualTo("x");
      assertThat(system.info("alpha")).isEmpty();
      assertThat(f.sink.all().subList(before, f.sink.all().size())).filteredOn(e -> e.pluginId().equals("alpha"))
          .extracting(PlinthEvent::type)
          .doesNotContain(RuntimeEvents.LOADED, RuntimeEvents.STARTED, RuntimeEvents.PLUGIN_ACTIVATED);
    }
  }

  @Test
  void pluginInstalledByAnotherProcess_rescan_registersItDeferred_andFirstDispatchStartsIt() throws Exception {
    SystemFixture f = new SystemFixture(tmp);
    try (PluginSystem installer = f.open()) {
      assertSucceeded(installer.install(enabled(f.noteBundle("alpha", "1.0.0", ""))));
    }
    try (PluginSystem system = lazyHost(f)) {
      system.boot();
      // Another host process (or the command line) on the same home, with its own store lock.
      try (PluginSystem other = lazyHost(f)) {
        assertSucceeded(other.install(enabled(f.noteBundle("beta", "1.0.0", ""))));
      }

      RescanReport r = system.rescan();

      assertThat(r.loaded()).doesNotContain("beta");
      assertThat(system.info("beta").orElseThrow().loadState()).isEqualTo(LoadState.DEFERRED);
      assertThat(system.info("alpha").orElseThrow().loadState()).isEqualTo(LoadState.DEFERRED);
      assertThat(note(system)).contains("|alpha@1.0.0").contains("|beta@1.0.0");
      assertThat(system.info("beta").orElseThrow().loadState()).isEqualTo(LoadState.STARTED);
      assertThat(triggers(f, "beta")).endsWith("hook:test.note");
    }
  }

  @Test
  void lazyPlugin_enabledWhileRunning_isRegisteredDeferred_andStartsOnFirstDispatch() throws Exception {
    SystemFixture f = new SystemFixture(tmp);
    try (PluginSystem installer = f.open()) {
      assertSucceeded(installer.install(InstallRequest.of(f.noteBundle("alpha", "1.0.0", "").toString())));
    }
    try (PluginSystem system = lazyHost(f)) {
      BootReport report = system.boot();
      assertThat(report.skipped()).containsExactly(new BootReport.Skipped("alpha", BootReport.SkipReason.DISABLED));
      assertThat(note(system)).isEqualTo("x");

      assertThat(system.enable("alpha").loadState()).isEqualTo(LoadState.DEFERRED);

      assertThat(note(system)).isEqualTo("x|alpha@1.0.0");
      assertThat(system.info("alpha").orElseThrow().loadState()).isEqualTo(LoadState.STARTED);
      assertThat(triggers(f, "alpha")).endsWith("hook:test.note");
    }
  }

  @Test
  void safeMode_lazyThirdPartyPlugin_isNotRegistered_andADispatchDoesNotStartIt() throws Exception {
    SystemFixture f = new SystemFixture(tmp);
    try (PluginSystem installer = f.open()) {
      assertSucceeded(installer.install(enabled(f.noteBundle("alpha", "1.0.0", ""))));
    }
    int before = f.sink.all().size();
    try (PluginSystem safe = f.builder().settings(SystemFixture.settings()
        .defaultActivation(PluginManifest.Activation.LAZY).build()).safeMode(true).build()) {
      BootReport report = safe.boot();

      assertThat(report.skipped()).containsExactly(new BootReport.Skipped("alpha", BootReport.SkipReason.SAFE_MODE));
      assertThat(note(safe)).isEqualTo("x");
      assertThat(safe.info("alpha").orElseThrow().loadState()).isEqualTo(LoadState.SAFE_MODE);
      assertThat(f.sink.all().subList(before, f.sink.all().size())).filteredOn(e -> e.pluginId().equals("alpha"))
          .extracting(PlinthEvent::type).doesNotContain(RuntimeEvents.LOADED, RuntimeEvents.PLUGIN_ACTIVATED);
    }
  }

  @Test
  void lazyPlugin_firstExtensionLookup_startsItWithExtensionTrigger() throws Exception {
    SystemFixture f = new SystemFixture(tmp);
    try (PluginSystem installer = f.open()) {
      assertSucceeded(installer.install(enabled(f.zetaBundle())));
    }
    try (PluginSystem system = lazyHost(f)) {
      system.boot();
      assertThat(system.info("zeta").orElseThrow().loadState()).isEqualTo(LoadState.DEFERRED);

      assertThat(system.extensions(Greeter.class)).singleElement()
          .satisfies(e -> assertThat(e.instance().greet("bob")).isEqualTo("zeta@1.0.0 bob"));

      assertThat(triggers(f, "zeta")).endsWith("extension:" + Greeter.class.getName());
      assertThat(system.info("zeta").orElseThrow().started()).isTrue();
    }
  }

  @Test
  void eagerPlugin_boot_recordsActivationWithBootTrigger() throws Exception {
    SystemFixture f = new SystemFixture(tmp);
    try (PluginSystem installer = f.open()) {
      assertSucceeded(installer.install(enabled(f.noteBundle("alpha", "1.0.0", ""))));
    }
    try (PluginSystem system = f.open()) {
      system.boot();
      assertThat(system.info("alpha").orElseThrow().loaded()).isTrue();
      assertThat(triggers(f, "alpha")).containsExactly("boot");
    }
  }

  @Test
  void concurrentFirstDispatches_activateThePluginOnce() throws Exception {
    SystemFixture f = new SystemFixture(tmp);
    String source = """
        package com.slowstart;
        import dev.plinth.api.*;
        import dev.plinth.api.hook.*;
        import dev.plinth.runtime.testhost.spi.TestHooks;
        public class Entry implements Plugin {
          public void start(PluginContext ctx) throws Exception {
            Thread.sleep(300);
            Integer.getInteger("plinth.test.slowstart.starts", 0);
            System.setProperty("plinth.test.slowstart.starts",
                String.valueOf(Integer.getInteger("plinth.test.slowstart.starts", 0) + 1));
            ctx.hooks().register(TestHooks.NOTE, c -> HookResult.proceed(new TestHooks.Note(c.data().text() + "|slow")));
          }
        }
        """;
    System.clearProperty("plinth.test.slowstart.starts");
    try (PluginSystem installer = f.open()) {
      assertSucceeded(installer.install(enabled(f.bundle("slowstart", "1.0.0", SystemFixture.contributesNote(), source, false))));
    }
    System.clearProperty("plinth.test.slowstart.starts");
    int threads = 12;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (PluginSystem system = lazyHost(f)) {
      system.boot();
      CountDownLatch go = new CountDownLatch(1);
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        Callable<String> call = () -> {
          go.await();
          return note(system);
        };
        results.add(pool.submit(call));
      }
      go.countDown();
      for (Future<String> r : results) {
        assertThat(r.get()).isEqualTo("x|slow");
      }

      assertThat(Integer.getInteger("plinth.test.slowstart.starts")).isEqualTo(1);
      assertThat(triggers(f, "slowstart")).filteredOn(t -> t.startsWith("hook:")).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * A host closed while a first dispatch is starting a lazy plugin: close waits for that start
   * instead of racing it, and the plugin it started is stopped and unloaded like any other, so
   * nothing the closed system started keeps running.
   */
  @Test
  void closeDuringActivation_stopsAndUnloadsThePluginTheActivationStarted() throws Exception {
    SystemFixture f = new SystemFixture(tmp);
    String source = """
        package com.slowclose;
        import dev.plinth.api.*;
        import dev.plinth.api.hook.*;
        import dev.plinth.runtime.testhost.spi.TestHooks;
        public class Entry implements Plugin {
          public void start(PluginContext ctx) throws Exception {
            System.setProperty("plinth.test.slowclose.phase", "starting");
            Thread.sleep(400);
            ctx.hooks().register(TestHooks.NOTE, c -> HookResult.proceed(new TestHooks.Note(c.data().text() + "|slow")));
          }
          public void stop() {
            System.setProperty("plinth.test.slowclose.phase", "stopped");
          }
        }
        """;
    try (PluginSystem installer = f.open()) {
      assertSucceeded(installer.install(enabled(f.bundle("slowclose", "1.0.0", SystemFixture.contributesNote(), source, false))));
    }
    System.clearProperty("plinth.test.slowclose.phase");
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      PluginSystem system = lazyHost(f);
      system.boot();
      int before = f.sink.all().size();
      Future<String> first = pool.submit(() -> note(system));
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (!"starting".equals(System.getProperty("plinth.test.slowclose.phase")) && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(System.getProperty("plinth.test.slowclose.phase")).isEqualTo("starting");

      system.close();

      assertThat(first.get(5, java.util.concurrent.TimeUnit.SECONDS)).startsWith("x");
      assertThat(System.getProperty("plinth.test.slowclose.phase")).isEqualTo("stopped");
      List<String> types = f.sink.all().subList(before, f.sink.all().size()).stream()
          .filter(e -> e.pluginId().equals("slowclose")).map(PlinthEvent::type).toList();
      assertThat(types).containsSubsequence(RuntimeEvents.STARTED, RuntimeEvents.STOPPED, RuntimeEvents.UNLOADED);
    } finally {
      pool.shutdownNow();
      System.clearProperty("plinth.test.slowclose.phase");
    }
  }

  @Test
  void dispatchAfterClose_doesNotStartADeferredPlugin() throws Exception {
    SystemFixture f = new SystemFixture(tmp);
    try (PluginSystem installer = f.open()) {
      assertSucceeded(installer.install(enabled(f.noteBundle("alpha", "1.0.0", ""))));
    }
    PluginSystem system = lazyHost(f);
    system.boot();
    int before = f.sink.all().size();
    system.close();

    assertThatThrownBy(() -> note(system)).isInstanceOfSatisfying(HookException.class,
        e -> assertThat(e.code()).isEqualTo(HookErrorCode.DISPATCHER_CLOSED));
    assertThat(f.sink.all().subList(before, f.sink.all().size())).filteredOn(e -> e.pluginId().equals("alpha"))
        .extracting(PlinthEvent::type).doesNotContain(RuntimeEvents.LOADED, RuntimeEvents.STARTED, RuntimeEvents.PLUGIN_ACTIVATED);
  }

  @Test
  void failedActivation_isAStartFailureAndTheHandlersFailurePolicyApplies() throws Exception {
    SystemFixture f = new SystemFixture(tmp);
    String source = Sources.plugin("com.broken.Entry",
        "if (Boolean.getBoolean(\"plinth.test.broken.fail\")) throw new IllegalStateException(\"no db\");",
        "", "return HealthStatus.healthy();");
    try (PluginSystem installer = f.open()) {
      assertSucceeded(installer.install(enabled(f.bundle("broken", "1.0.0", SystemFixture.contributesNote()
          + "[[plugin.hooks]]\npoint = \"test.note\"\nfailure = \"open\"\n", source, false))));
    }
    System.setProperty("plinth.test.broken.fail", "true");
    try (PluginSystem system = lazyHost(f)) {
      system.boot();

      DispatchResult<TestHooks.Note> r = system.hooks().dispatch(TestHooks.NOTE, HookScope.NONE, new TestHooks.Note("x"));

      assertThat(r.data().text()).isEqualTo("x");
      assertThat(r.blocked()).isFalse();
      assertThat(r.receipts()).extracting(HookReceipt::pluginId, HookReceipt::status)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("broken", ReceiptStatus.ERROR));
      assertThat(f.sink.types("broken")).contains(RuntimeEvents.START_FAILED);
      PluginStatus st = system.info("broken").orElseThrow();
      assertThat(st.loadState()).isEqualTo(LoadState.FAILED);
      assertThat(st.lastError()).contains("START_FAILED");
      assertThat(triggers(f, "broken")).filteredOn(t -> t.startsWith("hook:")).isEmpty();

      DispatchResult<TestHooks.Note> again = system.hooks().dispatch(TestHooks.NOTE, HookScope.NONE, new TestHooks.Note("y"));
      // A failed activation is not retried on every dispatch: the stand-in reports it at once.
      assertThat(again.data().text()).isEqualTo("y");
      assertThat(again.receipts()).extracting(HookReceipt::status).containsExactly(ReceiptStatus.ERROR);
      assertThat(f.sink.types("broken")).filteredOn(RuntimeEvents.START_FAILED::equals).hasSize(1);

      // Once the cause is fixed, disable and enable register it again, and the next dispatch starts it.
      System.clearProperty("plinth.test.broken.fail");
      system.disable("broken");
      assertThat(system.enable("broken").loadState()).isEqualTo(LoadState.DEFERRED);
      assertThat(system.hooks().dispatch(TestHooks.NOTE, HookScope.NONE, new TestHooks.Note("z")).receipts())
          .extracting(HookReceipt::status).doesNotContain(ReceiptStatus.ERROR);
      assertThat(system.info("broken").orElseThrow().loadState()).isEqualTo(LoadState.STARTED);
    } finally {
      System.clearProperty("plinth.test.broken.fail");
    }
  }

  @Test
  void corruptIndex_bootTakesTheFullPathAndRewritesIt() throws Exception {
    SystemFixture f = new SystemFixture(tmp);
    try (PluginSystem installer = f.open()) {
      assertSucceeded(installer.install(enabled(f.noteBundle("alpha", "1.0.0", ""))));
    }
    try (PluginSystem system = f.open()) {
      // The file's own header (its first line), with an entry that has nothing in it.
      Path index = f.home.resolve("index.json");
      Files.writeString(index, Files.readAllLines(index).get(0) + "\n\"alpha\": {}}}");
      DoctorReport doctor = system.doctor();
      assertThat(doctor.healthy()).isFalse();
      assertThat(doctor.toText()).contains(IntegrityCode.INDEX_ENTRY_TAMPERED.code(), "Rebuild the index");

      system.boot();

      assertThat(system.info("alpha").orElseThrow().started()).isTrue();
      assertThat(note(system)).isEqualTo("x|alpha@1.0.0");
      assertThat(system.store().checkIndex().problems()).isEmpty();
      assertThat(system.store().checkIndex().entries()).containsKey("alpha");
    }
  }

  /**
   * A plugin's start that calls a host service which dispatches to a lazy plugin: the lazy plugin
   * is activated by the boot that waits for that start (it holds the lifecycle), not after the
   * start gave up at its timeout.
   */
  @Test
  void startThatDispatchesThroughAHostService_activatesTheLazyPluginMeanwhile() throws Exception {
    SystemFixture f = new SystemFixture(tmp);
    String caller = Sources.plugin("com.caller.Entry",
        "String seen = context.service(dev.plinth.runtime.testhost.spi.Greeter.class).orElseThrow().greet(\"caller\");"
            + " if (!seen.equals(\"x|beta@1.0.0\")) throw new IllegalStateException(\"host service saw \" + seen);",
        "", "return HealthStatus.healthy();");
    Path callerBundle = f.bundle("caller", "1.0.0", "", caller, false);
    Path toml = callerBundle.resolve("plugin.toml");
    Files.writeString(toml, Files.readString(toml).replace("classpath = [\"lib/*.jar\"]",
        "classpath = [\"lib/*.jar\"]\nactivation = \"eager\""));
    AtomicReference<PluginSystem> current = new AtomicReference<>();
    Greeter throughHooks = name -> note(current.get());
    java.util.function.Supplier<PluginSystem> host = () -> f.builder().hostService(Greeter.class, throughHooks)
        .settings(SystemFixture.settings().startTimeout(Duration.ofSeconds(5))
            .defaultActivation(PluginManifest.Activation.LAZY).build()).build();
    try (PluginSystem installer = host.get()) {
      current.set(installer);
      assertSucceeded(installer.install(enabled(f.noteBundle("beta", "1.0.0", ""))));
      assertSucceeded(installer.install(enabled(callerBundle)));
    }
    try (PluginSystem system = host.get()) {
      current.set(system);

      BootReport report = system.boot();

      assertThat(report.failed()).isEmpty();
      assertThat(report.loaded()).extracting(p -> p.pluginId()).contains("caller");
      assertThat(system.info("beta").orElseThrow().loadState()).isEqualTo(LoadState.STARTED);
      assertThat(triggers(f, "beta")).endsWith("hook:test.note");
      assertThat(f.sink.types("caller")).doesNotContain(RuntimeEvents.START_FAILED);
    }
  }

  /**
   * A lazy plugin whose own start dispatches (through a host service) to its own hook point: the
   * activation waits for that start, so the dispatch cannot wait for the activation. Its stand-in
   * reports the cycle at once and the point's failure policy applies; the start goes on and the
   * plugin starts, instead of its start giving up at the timeout.
   */
  @Test
  void startThatDispatchesToItsOwnLazyHookPoint_standInReportsTheCycle_andThePluginStarts() throws Exception {
    SystemFixture f = new SystemFixture(tmp);
    String selfish = """
        package com.selfish;
        import dev.plinth.api.*;
        import dev.plinth.runtime.testhost.spi.TestHooks;
        public class Entry implements Plugin {
          public void start(PluginContext ctx) {
            ctx.service(dev.plinth.runtime.testhost.spi.Greeter.class).orElseThrow().greet("selfish");
            ctx.hooks().register(TestHooks.NOTE, c -> HookResult.proceed(new TestHooks.Note(c.data().text() + "|selfish")));
          }
          public HealthStatus health() { return HealthStatus.healthy(); }
        }
        """.replace("import dev.plinth.api.*;", "import dev.plinth.api.*;\nimport dev.plinth.api.hook.*;");
    Path bundle = f.bundle("selfish", "1.0.0", SystemFixture.contributesNote()
        + "[[plugin.hooks]]\npoint = \"test.note\"\nfailure = \"open\"\n", selfish, false);
    AtomicReference<PluginSystem> current = new AtomicReference<>();
    List<DispatchResult<TestHooks.Note>> fromStart = new java.util.concurrent.CopyOnWriteArrayList<>();
    Greeter throughHooks = name -> {
      DispatchResult<TestHooks.Note> r =
          current.get().hooks().dispatch(TestHooks.NOTE, HookScope.NONE, new TestHooks.Note("x"));
      fromStart.add(r);
      return r.data().text();
    };
    java.util.function.Supplier<PluginSystem> host = () -> f.builder().hostService(Greeter.class, throughHooks)
        .settings(SystemFixture.settings().startTimeout(Duration.ofSeconds(5))
            .defaultActivation(PluginManifest.Activation.LAZY).build()).build();
    try (PluginSystem installer = host.get()) {
      current.set(installer);
      assertSucceeded(installer.install(enabled(bundle)));
    }
    fromStart.clear();
    try (PluginSystem system = host.get()) {
      current.set(system);
      system.boot();
      assertThat(system.info("selfish").orElseThrow().loadState()).isEqualTo(LoadState.DEFERRED);

      String text = note(system);

      assertThat(text).isEqualTo("x|selfish");
      assertThat(system.info("selfish").orElseThrow().loadState()).isEqualTo(LoadState.STARTED);
      assertThat(f.sink.types("selfish")).doesNotContain(RuntimeEvents.START_FAILED);
      assertThat(fromStart).singleElement().satisfies(r -> {
        assertThat(r.data().text()).isEqualTo("x");
        assertThat(r.receipts()).singleElement().satisfies(receipt -> {
          assertThat(receipt.pluginId()).isEqualTo("selfish");
          assertThat(receipt.status()).isEqualTo(ReceiptStatus.ERROR);
          assertThat(receipt.errorMessage()).contains("must not be needed by its own activation");
        });
      });
    }
  }
}
