package dev.plinth.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.api.PlinthException;
import dev.plinth.installer.InstallRequest;
import dev.plinth.runtime.LoadState;
import dev.plinth.runtime.PluginSystem;
import dev.plinth.testkit.bundle.BuiltBundle;
import dev.plinth.testkit.bundle.PluginBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.HealthContributorAutoConfiguration;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.ResolvableType;

/** A real application context around a real plugin system, with a plugin compiled and installed in the test. */
class PlinthAutoConfigurationTest {
  @TempDir Path temp;

  private ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(PlinthAutoConfiguration.class,
            EndpointAutoConfiguration.class, HealthContributorAutoConfiguration.class))
        .withPropertyValues(
            "plinth.home=" + temp.resolve("home"),
            "plinth.host.name=spring-test-host",
            "plinth.host.version=2.4.0",
            "plinth.hook-points=dev.plinth.hooks.agent.AgentHooks",
            "plinth.extension-interfaces=java.util.function.Supplier",
            "plinth.extension-beans=java.util.function.Supplier",
            "spring.jmx.enabled=true",
            "management.endpoints.jmx.exposure.include=plinth");
  }

  /** A plugin that provides a Supplier extension and writes a file into its data folder when stopped. */
  private BuiltBundle supplierPlugin() {
    return PluginBundle.builder("greeter", "1.0.0")
        .engine(">=2.0.0 <3.0.0", "^1.0", null)
        .extensions("java.util.function.Supplier")
        .pluginClass("acme.GreeterPlugin")
        .source("acme.GreeterPlugin", """
            package acme;
            import dev.plinth.api.Plugin;
            import dev.plinth.api.PluginContext;
            import java.nio.file.Files;
            import java.nio.file.Path;
            public final class GreeterPlugin implements Plugin {
              private Path data;
              @Override public void start(PluginContext context) { data = context.files().root(); }
              @Override public void stop() {
                try { Files.writeString(data.resolve("stopped"), "yes"); } catch (Exception e) { throw new RuntimeException(e); }
              }
            }
            """)
        .source("acme.Greeting", """
            package acme;
            public final class Greeting implements java.util.function.Supplier<String> {
              @Override public String get() { return "hello from a plugin"; }
            }
            """)
        .service("java.util.function.Supplier", "acme.Greeting")
        .writeTarGz(temp.resolve("bundles"));
  }

  private static void install(PluginSystem system, BuiltBundle bundle) {
    system.install(InstallRequest.of(bundle.path().toString()).withEnable(true).withAcknowledgePermissions(true));
  }

  @Test
  void context_withProperties_buildsBootedSystemOfferingTheHookPointsAndExports() {
    runner().run(context -> {
      PluginSystem system = context.getBean(PluginSystem.class);
      assertThat(system.home()).isEqualTo(temp.resolve("home"));
      assertThat(system.hostProfile().hostName()).isEqualTo("spring-test-host");
      assertThat(system.hostProfile().hostVersion()).isEqualTo("2.4.0");
      assertThat(system.hostProfile().hookPoints()).contains("work_item.post_create", "tool.pre_exec");
      assertThat(system.hostProfile().exportedPackages()).contains("dev.plinth.hooks.agent");
      assertThat(system.hostProfile().extensionInterfaces()).contains("java.util.function.Supplier");
    });
  }

  @Test
  void context_withoutHostVersion_failsNamingTheProperty() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(PlinthAutoConfiguration.class))
        .withPropertyValues("plinth.home=" + temp.resolve("home"))
        .run(context -> {
          assertThat(context).hasFailed();
          Throwable root = context.getStartupFailure();
          while (root.getCause() != null) {
            root = root.getCause();
          }
          assertThat(root).isInstanceOfSatisfying(PlinthException.class,
              e -> assertThat(e.code()).isEqualTo(SpringErrorCode.PROPERTY_MISSING));
          assertThat(root).hasMessageContaining("plinth.host.version");
        });
  }

  @Test
  void context_hookPointsNameAClassWithoutHookPoints_failsNamingTheClass() {
    runner().withPropertyValues("plinth.hook-points=java.lang.String").run(context -> {
      assertThat(context).hasFailed();
      assertThat(context.getStartupFailure()).rootCause()
          .hasMessage("plinth.hook-points must name a class with public static final HookPoint fields: java.lang.String");
    });
  }

  @Test
  void context_disabled_hasNoPluginSystem() {
    runner().withPropertyValues("plinth.enabled=false").run(context ->
        assertThat(context).doesNotHaveBean(PluginSystem.class));
  }

  @Test
  @SuppressWarnings("unchecked")
  void extensionBean_installedPluginProvidingTheInterface_listsItsProviderLive() {
    runner().run(context -> {
      String[] names = context.getBeanNamesForType(ResolvableType.forClassWithGenerics(PluginExtensions.class, Supplier.class));
      assertThat(names).containsExactly("plinthExtensions.java.util.function.Supplier");
      PluginExtensions<Supplier<?>> suppliers = (PluginExtensions<Supplier<?>>) context.getBean(names[0]);
      assertThat(suppliers.instances()).isEmpty();

      install(context.getBean(PluginSystem.class), supplierPlugin());

      assertThat(suppliers.list()).singleElement().satisfies(e -> {
        assertThat(e.pluginId()).isEqualTo("greeter");
        assertThat(e.instance().get()).isEqualTo("hello from a plugin");
      });
    });
  }

  @Test
  void healthAndEndpoint_startedPlugin_upWithItsStateAndDoctor() {
    runner().run(context -> {
      install(context.getBean(PluginSystem.class), supplierPlugin());

      Health health = context.getBean("plinthHealthIndicator", HealthIndicator.class).health();
      assertThat(health.getStatus()).isEqualTo(Status.UP);
      assertThat(health.getDetails()).containsEntry("plugins", 1).containsEntry("states", Map.of("started", 1L));

      PlinthEndpoint endpoint = context.getBean(PlinthEndpoint.class);
      Map<String, Object> all = endpoint.plinth();
      assertThat((List<Map<String, Object>>) all.get("plugins")).singleElement()
          .satisfies(p -> assertThat(p).containsEntry("id", "greeter").containsEntry("state", LoadState.STARTED.name()));
      assertThat((Map<String, Object>) all.get("doctor")).containsKey("plugins");
      assertThat(endpoint.plugin("greeter")).containsEntry("version", "1.0.0");
      assertThat(endpoint.plugin("absent")).isNull();
    });
  }

  @Test
  void health_installedFileChangedAfterInstall_downWithDoctorProblem() {
    runner().run(context -> {
      install(context.getBean(PluginSystem.class), supplierPlugin());
      Files.writeString(temp.resolve("home/plugins/greeter/current/plugin.toml"), "\n# edited\n",
          java.nio.file.StandardOpenOption.APPEND);

      Health health = context.getBean("plinthHealthIndicator", HealthIndicator.class).health();

      assertThat(health.getStatus()).isEqualTo(Status.DOWN);
      assertThat(health.getDetails()).containsEntry("plugins", 1);
    });
  }

  @Test
  void health_withinDoctorInterval_reusesTheReportButReadsStatesFresh() {
    runner().withPropertyValues("plinth.health-doctor-interval=1h").run(context -> {
      HealthIndicator indicator = context.getBean("plinthHealthIndicator", HealthIndicator.class);
      Health before = indicator.health();
      install(context.getBean(PluginSystem.class), supplierPlugin());

      Health after = indicator.health();

      assertThat(after.getDetails().get("doctorCheckedAt")).isEqualTo(before.getDetails().get("doctorCheckedAt"));
      assertThat(after.getDetails()).containsEntry("plugins", 1).containsEntry("states", Map.of("started", 1L));
    });
  }

  @Test
  void contextClose_stopsEveryPlugin() {
    Path stopped = temp.resolve("home/data/greeter/stopped");
    runner().run(context -> {
      install(context.getBean(PluginSystem.class), supplierPlugin());
      assertThat(stopped).doesNotExist();
    });
    assertThat(stopped).hasContent("yes");
  }

  @Test
  void customizer_addsAHostServiceBeforeBuild() {
    runner().withBean(PluginSystemCustomizer.class, () -> b -> b.hostService(CharSequence.class, "from the host"))
        .run(context -> assertThat(context).hasSingleBean(PluginSystem.class).hasNotFailed());
  }
}
