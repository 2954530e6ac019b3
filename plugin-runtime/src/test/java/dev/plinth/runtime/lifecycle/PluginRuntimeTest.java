package dev.plinth.runtime.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.api.ApiErrorCode;
import dev.plinth.api.HealthStatus;
import dev.plinth.api.Plugin;
import dev.plinth.api.PluginContext;
import dev.plinth.installer.Activator;
import dev.plinth.manifest.PluginManifest;
import dev.plinth.runtime.PingServer;
import dev.plinth.runtime.PluginFailure;
import dev.plinth.runtime.PluginRuntimeException;
import dev.plinth.runtime.RuntimeErrorCode;
import dev.plinth.runtime.Sources;
import dev.plinth.runtime.TestBundles;
import dev.plinth.runtime.events.RuntimeEvents;
import dev.plinth.runtime.leak.LeakDetector;
import dev.plinth.runtime.leak.LeakReport;
import dev.plinth.runtime.testhost.spi.Greeter;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginRuntimeTest {
  @TempDir Path root;

  private RuntimeFixture fx() {
    return new RuntimeFixture(root);
  }

  private static PluginRuntimeException thrown(Runnable r) {
    try {
      r.run();
    } catch (PluginRuntimeException e) {
      return e;
    }
    throw new AssertionError("expected a PluginRuntimeException");
  }

  @Test
  void load_validPlugin_startsServesExtensionAndUnloadsClean() throws Exception {
    RuntimeFixture fx = fx();
    PluginRuntime runtime = fx.runtime(s -> {});
    Path dir = TestBundles.bundle(root.resolve("plugins"), "greet", "1.0.0", TestBundles.jar("greet.jar")
        .source("com.greet.Entry", Sources.plugin("com.greet.Entry",
            "java.nio.file.Files.writeString(context.files().resolve(\"started.txt\"),"
                + " context.config().getString(\"owner\").orElse(\"?\")"
                + " + \":\" + Thread.currentThread().getContextClassLoader().getName());",
            "", "return HealthStatus.healthy();"))
        .plugin("com.greet.Entry")
        .source("com.greet.Hello", Sources.greeter("com.greet.Hello", "hello"))
        .service(Greeter.class.getName(), "com.greet.Hello"));
    PluginManifest m = TestBundles.manifest("greet", "1.0.0").extension(Greeter.class).build();

    PluginInfo info = runtime.load(m, dir);

    assertThat(info.entryClass()).isEqualTo("com.greet.Entry");
    assertThat(info.extensions()).isEqualTo(1);
    assertThat(Files.readString(root.resolve("data/greet/started.txt"))).startsWith("greet:plinth:greet@1.0.0#");
    assertThat(runtime.extensions(Greeter.class)).singleElement()
        .satisfies(e -> assertThat(e.instance().greet("bo")).isEqualTo("hello bo"));
    assertThat(runtime.health("greet")).isEqualTo(HealthStatus.healthy());

    UnloadResult r = runtime.unload("greet");

    assertThat(r.clean()).isTrue();
    assertThat(r.leakReport()).isEmpty();
    assertThat(runtime.isLoaded("greet")).isFalse();
    assertThat(runtime.extensions(Greeter.class)).isEmpty();
    assertThat(fx.sink.types("greet")).containsExactly(
        RuntimeEvents.LOADED, RuntimeEvents.STARTED, RuntimeEvents.STOPPED, RuntimeEvents.UNLOADED);
  }

  @Test
  void load_declaredExtensionUnloadable_startUndoneAndNotLoaded() throws Exception {
    RuntimeFixture fx = fx();
    PluginRuntime runtime = fx.runtime(s -> {});
    Path dir = TestBundles.bundle(root.resolve("plugins"), "halfway", "1.0.0", TestBundles.jar("halfway.jar")
        .source("com.halfway.Entry", Sources.plugin("com.halfway.Entry",
            "System.setProperty(\"plinth.test.halfway\", \"started\");",
            "System.setProperty(\"plinth.test.halfway\", \"stopped\");", "return HealthStatus.healthy();"))
        .plugin("com.halfway.Entry")
        .service(Greeter.class.getName(), "com.halfway.NoSuchGreeter"));
    PluginManifest m = TestBundles.manifest("halfway", "1.0.0").extension(Greeter.class).build();
    try {
      PluginRuntimeException e = thrown(() -> runtime.load(m, dir));

      assertThat(e.code()).isEqualTo(RuntimeErrorCode.EXTENSION_INVALID);
      assertThat(System.getProperty("plinth.test.halfway")).as("start ran, then stop undid it").isEqualTo("stopped");
      assertThat(runtime.isLoaded("halfway")).isFalse();
      assertThat(runtime.extensions(Greeter.class)).isEmpty();
      assertThat(fx.sink.ofType(RuntimeEvents.LOAD_FAILED)).singleElement()
          .satisfies(ev -> assertThat(ev.detail()).containsEntry("code", "EXTENSION_INVALID"));
    } finally {
      System.clearProperty("plinth.test.halfway");
    }
  }

  @Test
  void unload_pluginLeftSecurityProviderRegistered_providerRemovedAndLoaderCollected() throws Exception {
    // Plugins that bundle a crypto library often call Security.addProvider in start and never
    // remove it: java.security.Security then holds the plugin's class, and its loader, for good.
    RuntimeFixture fx = fx();
    PluginRuntime runtime = fx.runtime(s -> s.leakWait(Duration.ofSeconds(2)));
    Path dir = TestBundles.bundle(root.resolve("plugins"), "cryptoplug", "1.0.0", TestBundles.jar("cryptoplug.jar")
        .source("com.cryptoplug.Entry", Sources.plugin("com.cryptoplug.Entry",
            "java.security.Security.addProvider(new com.cryptoplug.AcmeProvider());", "",
            "return HealthStatus.healthy();"))
        .plugin("com.cryptoplug.Entry")
        .source("com.cryptoplug.AcmeProvider", """
            package com.cryptoplug;
            public final class AcmeProvider extends java.security.Provider {
              public AcmeProvider() { super("PlinthTestAcme", "1.0", "a provider a plugin registers"); }
            }
            """));
    runtime.load(RuntimeFixture.manifest("cryptoplug"), dir);
    assertThat(java.security.Security.getProvider("PlinthTestAcme")).isNotNull();

    UnloadResult r = runtime.unload("cryptoplug");

    assertThat(java.security.Security.getProvider("PlinthTestAcme")).isNull();
    assertThat(r.cleanedUp(LeakReport.Kind.SECURITY_PROVIDER)).containsExactly("PlinthTestAcme");
    assertThat(r.leakReport()).as("nothing holds the loader once the provider is gone").isEmpty();
    assertThat(fx.sink.types("cryptoplug")).containsSubsequence(RuntimeEvents.STARTED,
        RuntimeEvents.SECURITY_PROVIDER_REMOVED, RuntimeEvents.UNLOADED);
  }

  @Test
  void unload_pluginLeftMBeanRegistered_mbeanUnregisteredAndLoaderCollected() throws Exception {
    // Libraries such as log4j-core register MBeans by default; one left in the platform MBean
    // server holds the plugin's class, and its loader, for good.
    RuntimeFixture fx = fx();
    PluginRuntime runtime = fx.runtime(s -> s.leakWait(Duration.ofSeconds(2)));
    javax.management.MBeanServer server = java.lang.management.ManagementFactory.getPlatformMBeanServer();
    javax.management.ObjectName name = new javax.management.ObjectName("com.mbplug:type=Stats");
    Path dir = TestBundles.bundle(root.resolve("plugins"), "mbplug", "1.0.0", TestBundles.jar("mbplug.jar")
        .source("com.mbplug.Entry", Sources.plugin("com.mbplug.Entry",
            "java.lang.management.ManagementFactory.getPlatformMBeanServer().registerMBean(new com.mbplug.Stats(),"
                + " new javax.management.ObjectName(\"com.mbplug:type=Stats\"));", "",
            "return HealthStatus.healthy();"))
        .plugin("com.mbplug.Entry")
        .source("com.mbplug.StatsMBean", "package com.mbplug; public interface StatsMBean { int getCalls(); }")
        .source("com.mbplug.Stats", "package com.mbplug; public final class Stats implements StatsMBean {"
            + " public int getCalls() { return 7; } }"));
    runtime.load(RuntimeFixture.manifest("mbplug"), dir);
    assertThat(server.getAttribute(name, "Calls")).isEqualTo(7);

    UnloadResult r = runtime.unload("mbplug");

    assertThat(server.isRegistered(name)).isFalse();
    assertThat(r.cleanedUp(LeakReport.Kind.MBEAN)).containsExactly("com.mbplug:type=Stats");
    assertThat(r.leakReport()).as("nothing holds the loader once the MBean is gone").isEmpty();
    assertThat(fx.sink.types("mbplug")).containsSubsequence(RuntimeEvents.STARTED,
        RuntimeEvents.MBEAN_UNREGISTERED, RuntimeEvents.UNLOADED);
  }

  @Test
  void unload_pluginReplacedJvmDefaults_eachRestoredToTheHostsAndLoaderCollected() throws Exception {
    // A plugin that installs its own default uncaught-exception handler or proxy selector leaves the
    // host's threads and connections calling into a closed loader, and pins it.
    RuntimeFixture fx = fx();
    PluginRuntime runtime = fx.runtime(s -> s.leakWait(Duration.ofSeconds(2)));
    Thread.UncaughtExceptionHandler hostHandler = Thread.getDefaultUncaughtExceptionHandler();
    java.net.ProxySelector hostSelector = java.net.ProxySelector.getDefault();
    Path dir = TestBundles.bundle(root.resolve("plugins"), "defaulter", "1.0.0", TestBundles.jar("defaulter.jar")
        .source("com.defaulter.Entry", Sources.plugin("com.defaulter.Entry",
            "Thread.setDefaultUncaughtExceptionHandler(new com.defaulter.Crashes());"
                + " java.net.ProxySelector.setDefault(new com.defaulter.Proxies());", "",
            "return HealthStatus.healthy();"))
        .plugin("com.defaulter.Entry")
        .source("com.defaulter.Crashes", "package com.defaulter; public final class Crashes implements"
            + " Thread.UncaughtExceptionHandler { public void uncaughtException(Thread t, Throwable e) {} }")
        .source("com.defaulter.Proxies", """
            package com.defaulter;
            public final class Proxies extends java.net.ProxySelector {
              public java.util.List<java.net.Proxy> select(java.net.URI uri) { return java.util.List.of(java.net.Proxy.NO_PROXY); }
              public void connectFailed(java.net.URI uri, java.net.SocketAddress sa, java.io.IOException e) {}
            }
            """));
    runtime.load(RuntimeFixture.manifest("defaulter"), dir);
    assertThat(Thread.getDefaultUncaughtExceptionHandler().getClass().getName()).isEqualTo("com.defaulter.Crashes");

    UnloadResult r;
    Thread.UncaughtExceptionHandler handlerAfter;
    java.net.ProxySelector selectorAfter;
    try {
      r = runtime.unload("defaulter");
    } finally {
      handlerAfter = Thread.getDefaultUncaughtExceptionHandler();
      selectorAfter = java.net.ProxySelector.getDefault();
      Thread.setDefaultUncaughtExceptionHandler(hostHandler); // whatever happened, other tests get the host's
      java.net.ProxySelector.setDefault(hostSelector);
    }

    assertThat(handlerAfter).isSameAs(hostHandler);
    assertThat(selectorAfter).isSameAs(hostSelector);
    assertThat(r.cleanedUp(LeakReport.Kind.JVM_DEFAULT)).containsExactly("Thread.defaultUncaughtExceptionHandler", "java.net.ProxySelector");
    assertThat(r.leakReport()).as("nothing holds the loader once the defaults are restored").isEmpty();
    assertThat(fx.sink.types("defaulter")).containsSubsequence(RuntimeEvents.STARTED,
        RuntimeEvents.JVM_DEFAULT_RESTORED, RuntimeEvents.UNLOADED);
  }

  @Test
  void unload_pluginLeftLoggingHandlerOnRootLogger_handlerRemovedAndLoaderCollected() throws Exception {
    RuntimeFixture fx = fx();
    PluginRuntime runtime = fx.runtime(s -> s.leakWait(Duration.ofSeconds(2)));
    java.util.logging.Logger rootLogger = java.util.logging.Logger.getLogger("");
    Path dir = TestBundles.bundle(root.resolve("plugins"), "julplug", "1.0.0", TestBundles.jar("julplug.jar")
        .source("com.julplug.Entry", Sources.plugin("com.julplug.Entry",
            "java.util.logging.Logger.getLogger(\"\").addHandler(new com.julplug.Collect());", "",
            "return HealthStatus.healthy();"))
        .plugin("com.julplug.Entry")
        .source("com.julplug.Collect", """
            package com.julplug;
            public final class Collect extends java.util.logging.Handler {
              public void publish(java.util.logging.LogRecord r) {}
              public void flush() {}
              public void close() {}
            }
            """));
    runtime.load(RuntimeFixture.manifest("julplug"), dir);
    assertThat(rootLogger.getHandlers()).extracting(h -> h.getClass().getName()).contains("com.julplug.Collect");

    UnloadResult r = runtime.unload("julplug");

    assertThat(rootLogger.getHandlers()).extracting(h -> h.getClass().getName()).doesNotContain("com.julplug.Collect");
    assertThat(r.cleanedUp(LeakReport.Kind.LOG_HANDLER)).containsExactly("root: com.julplug.Collect");
    assertThat(r.leakReport()).as("nothing holds the loader once the handler is gone").isEmpty();
    assertThat(fx.sink.types("julplug")).containsSubsequence(RuntimeEvents.STARTED,
        RuntimeEvents.LOG_HANDLER_REMOVED, RuntimeEvents.UNLOADED);
  }

  @Test
  void unload_stopThrowsAndPluginRegisteredJdbcDriver_driverDeregisteredStopFailureReportedLoaderCollected()
      throws Exception {
    RuntimeFixture fx = fx();
    PluginRuntime runtime = fx.runtime(s -> s.leakWait(Duration.ofSeconds(2)));
    Path dir = TestBundles.bundle(root.resolve("plugins"), "dbplug", "1.0.0", TestBundles.jar("dbplug.jar")
        .source("com.dbplug.Entry", Sources.plugin("com.dbplug.Entry",
            "Class.forName(\"com.dbplug.DbDriver\", true, getClass().getClassLoader());",
            "throw new IllegalStateException(\"flush failed\");", "return HealthStatus.healthy();"))
        .plugin("com.dbplug.Entry")
        .source("com.dbplug.DbDriver", Sources.jdbcDriver("com.dbplug.DbDriver")));
    runtime.load(RuntimeFixture.manifest("dbplug"), dir);

    UnloadResult r = runtime.unload("dbplug");

    assertThat(r.stopError()).isNotNull();
    assertThat(r.stopError().code()).isEqualTo(RuntimeErrorCode.STOP_FAILED);
    assertThat(r.stopError().getMessage()).contains("flush failed");
    assertThat(r.cleanedUp(LeakReport.Kind.JDBC_DRIVER)).containsExactly("com.dbplug.DbDriver");
    assertThat(java.sql.DriverManager.drivers().map(d -> d.getClass().getName())).doesNotContain("com.dbplug.DbDriver");
    assertThat(r.leakReport()).as("nothing holds the loader once the driver is gone").isEmpty();
    assertThat(runtime.isLoaded("dbplug")).isFalse();
    assertThat(fx.sink.types("dbplug")).containsSubsequence(RuntimeEvents.STARTED, RuntimeEvents.STOP_FAILED,
        RuntimeEvents.JDBC_DRIVER_DEREGISTERED, RuntimeEvents.UNLOADED);
    assertThat(fx.sink.ofType(RuntimeEvents.UNLOADED)).singleElement()
        .satisfies(e -> assertThat(e.detail()).containsEntry("stopFailed", true).containsEntry("leaked", false));
  }

  @Test
  void load_startThrowsJdkException_keptErrorDoesNotPinTheClosedLoader() throws Exception {
    RuntimeFixture fx = fx();
    PluginRuntime runtime = fx.runtime(s -> {});
    Path dir = fx.bundle("faulty", "1.0.0",
        "System.getProperties().put(\"plinth.test.faulty.loader\","
            + " new java.lang.ref.WeakReference<>(getClass().getClassLoader()));"
            + " throw new IllegalStateException(\"config missing\");",
        "", "return HealthStatus.healthy();");
    try {
      BootReport report = runtime.boot(List.of(new BootCandidate(RuntimeFixture.manifest("faulty"), dir, true)));
      @SuppressWarnings("unchecked")
      WeakReference<ClassLoader> loader =
          (WeakReference<ClassLoader>) System.getProperties().get("plinth.test.faulty.loader");

      PluginRuntimeException error = report.failure("faulty").orElseThrow().error();
      assertThat(error.code()).isEqualTo(RuntimeErrorCode.START_FAILED);
      assertThat(error.getCause()).isInstanceOfSatisfying(PluginFailure.class, f -> {
        assertThat(f.originalClass()).isEqualTo("java.lang.IllegalStateException");
        assertThat(f.getMessage()).isEqualTo("java.lang.IllegalStateException: config missing");
        assertThat(f.getStackTrace()).anySatisfy(frame -> assertThat(frame.getClassName()).isEqualTo("com.faulty.Entry"));
      });
      assertThat(LeakDetector.awaitCollected(loader, Duration.ofSeconds(5)))
          .as("the report still holds the error, but not the plugin's classes").isTrue();
      assertThat(report.failed()).hasSize(1);
    } finally {
      System.getProperties().remove("plinth.test.faulty.loader");
    }
  }

  @Test
  void health_pluginReturnsNull_unhealthyAndCountedByTheCrashGuard() throws Exception {
    RuntimeFixture fx = fx();
    PluginRuntime runtime = fx.runtime(s -> {});
    runtime.load(RuntimeFixture.manifest("vague"), fx.bundle("vague", "1.0.0", "", "", "return null;"));

    HealthStatus status = runtime.health("vague");

    assertThat(status).isEqualTo(HealthStatus.unhealthy("health() returned null"));
    assertThat(runtime.crashGuard().state("vague").failuresInWindow()).isEqualTo(1);
    assertThat(fx.sink.ofType(RuntimeEvents.HEALTH_FAILED)).singleElement()
        .satisfies(e -> assertThat(e.pluginId()).isEqualTo("vague"));
  }

  @Test
  void unload_pluginUsedHttp_noLeakFromTheSharedClientThreads() throws Exception {
    try (PingServer server = PingServer.start()) {
      RuntimeFixture fx = fx();
      PluginRuntime runtime = fx.runtime(s -> s.leakWait(Duration.ofSeconds(3)));
      Path dir = fx.bundle("caller", "1.0.0",
          "var r = context.http().send(HttpAccess.Request.get(java.net.URI.create(\"" + server.url() + "\")));"
              + " if (r.status() != 200) throw new IllegalStateException(\"status \" + r.status());",
          "", "return HealthStatus.healthy();");
      runtime.load(TestBundles.manifest("caller", "1.0.0").network("127.0.0.1").build(), dir);

      UnloadResult r = runtime.unload("caller");

      assertThat(r.leakReport()).as("leak report: %s", r.leakReport()).isEmpty();
    }
  }

  @Test
  void load_startOverrunsTimeout_failsWithPluginTimeoutAndIsNotLoaded() throws Exception {
    RuntimeFixture fx = fx();
    PluginRuntime runtime = fx.runtime(s -> s.startTimeout(Duration.ofMillis(200)).leakWait(Duration.ZERO));
    Path dir = fx.bundle("slow", "1.0.0", "Thread.sleep(30_000);", "", "return HealthStatus.healthy();");

    PluginRuntimeException e = thrown(() -> runtime.load(RuntimeFixture.manifest("slow"), dir));

    assertThat(e.code()).isEqualTo(ApiErrorCode.PLUGIN_TIMEOUT);
    assertThat(e.getMessage()).isEqualTo("plugin.start must finish within 200 ms: slow");
    assertThat(runtime.isLoaded("slow")).isFalse();
    assertThat(fx.sink.ofType(RuntimeEvents.START_FAILED)).singleElement()
        .satisfies(ev -> assertThat(ev.detail()).containsEntry("code", "PLUGIN_TIMEOUT"));
  }

  @Test
  void load_startThrowsPluginException_failsDetachedAndStopIsCalled() throws Exception {
    RuntimeFixture fx = fx();
    PluginRuntime runtime = fx.runtime(s -> {});
    Path dir = TestBundles.bundle(root.resolve("plugins"), "crashy", "1.0.0", TestBundles.jar("crashy.jar")
        .source("com.crashy.BootError", "package com.crashy; public class BootError extends RuntimeException {"
            + " public BootError(String m) { super(m); } }")
        .source("com.crashy.Entry", Sources.plugin("com.crashy.Entry",
            "throw new com.crashy.BootError(\"database unreachable\");",
            "System.setProperty(\"plinth.test.crashy.stopped\", \"yes\");", "return HealthStatus.healthy();"))
        .plugin("com.crashy.Entry"));

    PluginRuntimeException e = thrown(() -> runtime.load(RuntimeFixture.manifest("crashy"), dir));

    assertThat(e.code()).isEqualTo(RuntimeErrorCode.START_FAILED);
    assertThat(e.getCause()).isInstanceOfSatisfying(PluginFailure.class, f -> {
      assertThat(f.originalClass()).isEqualTo("com.crashy.BootError");
      assertThat(f.getMessage()).isEqualTo("com.crashy.BootError: database unreachable");
    });
    assertThat(System.getProperty("plinth.test.crashy.stopped")).isEqualTo("yes");
    assertThat(runtime.plugins()).isEmpty();
  }

  @Test
  void health_overrunsTimeoutOrUnhealthy_isReportedAndEvented() throws Exception {
    RuntimeFixture fx = fx();
    PluginRuntime runtime = fx.runtime(s -> s.leakWait(Duration.ZERO));
    runtime.load(RuntimeFixture.manifest("stuck"), fx.bundle("stuck", "1.0.0", "", "",
        "try { Thread.sleep(30_000); } catch (InterruptedException e) { } return HealthStatus.healthy();"));
    runtime.load(RuntimeFixture.manifest("sick"), fx.bundle("sick", "1.0.0", "", "",
        "return HealthStatus.unhealthy(\"disk full\");"));

    PluginRuntimeException e = thrown(() -> runtime.health("stuck", Duration.ofMillis(150)));
    HealthStatus sick = runtime.health("sick");

    assertThat(e.code()).isEqualTo(ApiErrorCode.PLUGIN_TIMEOUT);
    assertThat(e.getMessage()).isEqualTo("plugin.health must finish within 150 ms: stuck");
    assertThat(sick).isEqualTo(HealthStatus.unhealthy("disk full"));
    assertThat(fx.sink.ofType(RuntimeEvents.HEALTH_FAILED)).extracting(ev -> ev.pluginId())
        .containsExactly("stuck", "sick");
    assertThat(runtime.crashGuard().state("sick").failuresInWindow()).isEqualTo(1);
    assertThat(thrown(() -> runtime.health("ghost")).code()).isEqualTo(RuntimeErrorCode.PLUGIN_NOT_LOADED);
  }

  @Test
  void unload_pluginLeavesThreadRunning_reportsLeakNamingThread() throws Exception {
    RuntimeFixture fx = fx();
    PluginRuntime runtime = fx.runtime(s -> s.leakWait(Duration.ofMillis(300)));
    Path dir = fx.bundle("leaky", "1.0.0", """
        Thread t = new Thread(() -> {
          while (true) { try { Thread.sleep(20); } catch (InterruptedException e) { return; } }
        }, "leaky-poller");
        t.setDaemon(true);
        t.start();
        """, "", "return HealthStatus.healthy();");
    runtime.load(RuntimeFixture.manifest("leaky"), dir);
    try {
      UnloadResult r = runtime.unload("leaky");

      assertThat(r.leakReport()).hasValueSatisfying(report -> {
        assertThat(report.names(LeakReport.Kind.THREAD)).contains("leaky-poller");
        assertThat(report.loaderName()).startsWith("plinth:leaky@1.0.0#");
        assertThat(report.holders()).filteredOn(h -> h.name().equals("leaky-poller")).singleElement()
            .satisfies(h -> assertThat(h.detail()).contains("its context classloader is the plugin's"));
      });
      assertThat(runtime.leaks()).hasSize(1);
      assertThat(fx.sink.ofType(RuntimeEvents.LEAK_SUSPECTED)).singleElement()
          .satisfies(ev -> assertThat(ev.pluginId()).isEqualTo("leaky"));
    } finally {
      Thread.getAllStackTraces().keySet().stream()
          .filter(t -> t.getName().equals("leaky-poller")).forEach(Thread::interrupt);
    }
  }

  @Test
  void safeMode_thirdPartyRefusedButBuiltinRuns() throws Exception {
    RuntimeFixture fx = fx();
    PluginRuntime runtime = fx.runtime(s -> s.safeMode(true));
    Path dir = fx.simple("third");
    AtomicReference<PluginContext> started = new AtomicReference<>();

    PluginRuntimeException e = thrown(() -> runtime.load(RuntimeFixture.manifest("third"), dir));
    BootReport report = runtime.boot(List.of(new BootCandidate(RuntimeFixture.manifest("third"), dir, true)));
    PluginInfo builtin = runtime.registerBuiltin(RuntimeFixture.manifest("core_tools"), new Plugin() {
      @Override
      public void start(PluginContext context) {
        started.set(context);
      }
    });

    assertThat(e.code()).isEqualTo(RuntimeErrorCode.SAFE_MODE_ACTIVE);
    assertThat(report.skipped()).containsExactly(new BootReport.Skipped("third", BootReport.SkipReason.SAFE_MODE));
    assertThat(report.loaded()).isEmpty();
    assertThat(builtin.builtin()).isTrue();
    assertThat(started.get().descriptor().id()).isEqualTo("core_tools");
    assertThat(runtime.unload("core_tools").clean()).isTrue();
  }

  @Test
  void plugins_keepLoadOrder_acrossUnloadInTheMiddleAndReload() {
    PluginRuntime runtime = fx().runtime(s -> {});
    for (String id : List.of("first", "middle", "last")) {
      runtime.registerBuiltin(RuntimeFixture.manifest(id), new Plugin() {});
    }

    assertThat(runtime.plugins()).extracting(PluginInfo::pluginId).containsExactly("first", "middle", "last");
    runtime.unload("middle");
    assertThat(runtime.plugins()).extracting(PluginInfo::pluginId).containsExactly("first", "last");
    assertThat(runtime.isLoaded("middle")).isFalse();
    assertThat(runtime.plugin("middle")).isEmpty();
    runtime.registerBuiltin(RuntimeFixture.manifest("middle"), new Plugin() {});
    assertThat(runtime.plugins()).extracting(PluginInfo::pluginId).containsExactly("first", "last", "middle");
    assertThat(runtime.plugin("middle")).hasValueSatisfying(p -> assertThat(p.builtin()).isTrue());
    runtime.close();
    assertThat(runtime.plugins()).isEmpty();
    assertThat(runtime.isLoaded("first")).isFalse();
  }

  @Test
  void load_dependencyExports_usableByDependentAndGuardUnload() throws Exception {
    RuntimeFixture fx = fx();
    PluginRuntime runtime = fx.runtime(s -> {});
    TestBundles.JarSpec api = TestBundles.jar("base.jar")
        .source("com.base.api.Shared", "package com.base.api; public final class Shared { public static String word() { return \"base\"; } }")
        .source("com.base.Entry", Sources.noop("com.base.Entry")).plugin("com.base.Entry");
    Path baseDir = TestBundles.bundle(root.resolve("plugins"), "base", "1.2.0", api);
    Path baseJar = baseDir.resolve("lib/base.jar");
    Path userDir = TestBundles.bundle(root.resolve("plugins"), "user", "1.0.0", TestBundles.jar("user.jar")
        .compileAgainst(baseJar)
        .source("com.user.Entry", Sources.plugin("com.user.Entry",
            "java.nio.file.Files.writeString(context.files().resolve(\"word\"), com.base.api.Shared.word());",
            "", "return HealthStatus.healthy();"))
        .plugin("com.user.Entry"));
    PluginManifest base = TestBundles.manifest("base", "1.2.0").exports("com.base.api").build();
    PluginManifest user = TestBundles.manifest("user", "1.0.0").dependency("base", ">=1.0.0 <2.0.0").build();

    assertThat(thrown(() -> runtime.load(user, userDir)).code()).isEqualTo(RuntimeErrorCode.DEPENDENCY_UNSATISFIED);
    runtime.load(base, baseDir);
    runtime.load(user, userDir);

    assertThat(Files.readString(root.resolve("data/user/word"))).isEqualTo("base");
    PluginRuntimeException refused = thrown(() -> runtime.unload("base"));
    assertThat(refused.code()).isEqualTo(RuntimeErrorCode.PLUGIN_HAS_DEPENDENTS);
    assertThat(refused.details()).containsEntry("dependents", List.of("user"));
    assertThat(runtime.unloadWithDependents("base")).extracting(UnloadResult::pluginId).containsExactly("user", "base");
    assertThat(runtime.plugins()).isEmpty();
  }

  @Test
  void activator_activateHealthDeactivate_drivesLifecycle() throws Exception {
    RuntimeFixture fx = fx();
    PluginRuntime runtime = fx.runtime(s -> {});
    Activator activator = runtime.activator();

    activator.activate(RuntimeFixture.manifest("tx"), fx.simple("tx"));
    HealthStatus status = activator.health("tx", Duration.ofSeconds(2));
    activator.deactivate("tx");
    activator.deactivate("tx");

    assertThat(status.state()).isEqualTo(HealthStatus.State.HEALTHY);
    assertThat(runtime.isLoaded("tx")).isFalse();
    assertThat(thrown(() -> runtime.unload("tx")).code()).isEqualTo(RuntimeErrorCode.PLUGIN_NOT_LOADED);
  }

  @Test
  void load_sameIdTwice_isAlreadyLoaded() throws Exception {
    RuntimeFixture fx = fx();
    PluginRuntime runtime = fx.runtime(s -> {});
    Path dir = fx.simple("twice");
    runtime.load(RuntimeFixture.manifest("twice"), dir);

    PluginRuntimeException e = thrown(() -> runtime.load(RuntimeFixture.manifest("twice"), dir));

    assertThat(e.code()).isEqualTo(RuntimeErrorCode.PLUGIN_ALREADY_LOADED);
    runtime.close();
    assertThat(runtime.plugins()).isEmpty();
  }
}
