package dev.plinth.runtime.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.installer.events.PlinthEvent;
import dev.plinth.manifest.PluginManifest;
import dev.plinth.runtime.PluginRuntimeException;
import dev.plinth.runtime.RecordingSink;
import dev.plinth.runtime.RuntimeErrorCode;
import dev.plinth.runtime.Sources;
import dev.plinth.runtime.TestBundles;
import dev.plinth.runtime.classloading.ClassLoaderFactory;
import dev.plinth.runtime.classloading.PluginClassLoader;
import dev.plinth.runtime.classloading.SharedPackages;
import dev.plinth.runtime.events.RuntimeEvents;
import dev.plinth.runtime.testhost.spi.Greeter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtensionRegistryTest {
  private final RecordingSink sink = new RecordingSink();
  private final ExtensionRegistry registry = ExtensionRegistry.of(Set.of(Greeter.class), sink);
  private final ClassLoaderFactory factory =
      ClassLoaderFactory.of(SharedPackages.builder().export("dev.plinth.runtime.testhost.spi").build());
  private final List<PluginClassLoader> loaders = new ArrayList<>();

  @TempDir Path root;

  @AfterEach
  void close() throws Exception {
    for (PluginClassLoader l : loaders) {
      l.close();
    }
  }

  private PluginClassLoader load(PluginManifest m, String greeterClass, String prefix) throws Exception {
    PluginClassLoader l = factory.create(m, TestBundles.bundle(root, m.id(), m.version(),
        TestBundles.jar(m.id() + ".jar").source(greeterClass, Sources.greeter(greeterClass, prefix))
            .service(Greeter.class.getName(), greeterClass)), List.of());
    loaders.add(l);
    return l;
  }

  @Test
  void extensions_declaredProviders_returnedInLoadOrderAndCreatedLazily() throws Exception {
    PluginManifest a = TestBundles.manifest("alpha", "1.0.0").extension(Greeter.class).build();
    PluginManifest b = TestBundles.manifest("beta", "1.0.0").extension(Greeter.class).build();

    assertThat(registry.register(a, load(a, "com.alpha.AlphaGreeter", "hi"), "c1")).isEqualTo(1);
    assertThat(registry.register(b, load(b, "com.beta.BetaGreeter", "yo"), "c2")).isEqualTo(1);
    assertThat(System.getProperty("plinth.test.greeter.com.alpha.AlphaGreeter")).isNull();

    List<Extension<Greeter>> found = registry.extensions(Greeter.class);

    assertThat(found).extracting(Extension::pluginId).containsExactly("alpha", "beta");
    assertThat(found.get(0).instance().greet("ann")).isEqualTo("hi ann");
    assertThat(found.get(1).instance().greet("ann")).isEqualTo("yo ann");
    assertThat(System.getProperty("plinth.test.greeter.com.alpha.AlphaGreeter")).isEqualTo("constructed");
    assertThat(registry.extensions(Greeter.class).get(0).instance()).isSameAs(found.get(0).instance());
  }

  @Test
  void register_undeclaredProvider_isIgnoredWithEvent() throws Exception {
    PluginManifest m = TestBundles.manifest("sneaky", "1.0.0").build();

    assertThat(registry.register(m, load(m, "com.sneaky.SneakyGreeter", "psst"), "corr-1")).isZero();

    assertThat(registry.extensions(Greeter.class)).isEmpty();
    List<PlinthEvent> events = sink.ofType(RuntimeEvents.EXTENSION_UNDECLARED);
    assertThat(events).hasSize(1);
    assertThat(events.get(0).pluginId()).isEqualTo("sneaky");
    assertThat(events.get(0).correlationId()).isEqualTo("corr-1");
    assertThat(events.get(0).detail())
        .containsEntry("interface", Greeter.class.getName())
        .containsEntry("providers", List.of("com.sneaky.SneakyGreeter"));
  }

  @Test
  void unregister_plugin_removesOnlyItsExtensions() throws Exception {
    PluginManifest a = TestBundles.manifest("alpha", "1.0.0").extension(Greeter.class).build();
    PluginManifest b = TestBundles.manifest("beta", "1.0.0").extension(Greeter.class).build();
    registry.register(a, load(a, "com.alpha.A2", "hi"), "c1");
    registry.register(b, load(b, "com.beta.B2", "yo"), "c2");

    registry.unregister("alpha");

    assertThat(registry.extensions(Greeter.class)).extracting(Extension::pluginId).containsExactly("beta");
  }

  @Test
  void extensions_providerConstructorThrows_isLeftOutWithEvent() throws Exception {
    PluginManifest m = TestBundles.manifest("broken", "1.0.0").extension(Greeter.class).build();
    PluginClassLoader l = factory.create(m, TestBundles.bundle(root, "broken", "1.0.0",
        TestBundles.jar("broken.jar").source("com.broken.Bad", """
            package com.broken;
            public class Bad implements dev.plinth.runtime.testhost.spi.Greeter {
              public Bad() { throw new IllegalStateException("no greeting today"); }
              public String greet(String n) { return n; }
            }
            """).service(Greeter.class.getName(), "com.broken.Bad")), List.of());
    loaders.add(l);
    registry.register(m, l, "c1");

    assertThat(registry.extensions(Greeter.class)).isEmpty();
    assertThat(registry.extensions(Greeter.class)).isEmpty();
    assertThat(sink.ofType(RuntimeEvents.EXTENSION_FAILED)).singleElement()
        .satisfies(e -> assertThat(e.detail()).containsEntry("provider", "com.broken.Bad")
            .containsEntry("error", "java.lang.IllegalStateException: no greeting today"));
  }

  private PluginClassLoader loadListingMissing(PluginManifest m) throws Exception {
    PluginClassLoader l = factory.create(m, TestBundles.bundle(root, m.id(), m.version(),
        TestBundles.jar(m.id() + ".jar").source("com.gone.Present", "package com.gone; public final class Present {}")
            .service(Greeter.class.getName(), "com.gone.MissingGreeter")), List.of());
    loaders.add(l);
    return l;
  }

  @Test
  void register_providerBreaksPackageSealing_extensionInvalidNotARawSecurityException() throws Exception {
    // The provider's package is sealed in one jar and its superclass sits in another: the JDK's
    // loader throws SecurityException while ServiceLoader loads the provider.
    PluginManifest m = TestBundles.manifest("sealed", "1.0.0").extension(Greeter.class).build();
    Path base = TestBundles.jar("b.jar")
        .source("com.sealed.Base", "package com.sealed; public abstract class Base implements "
            + Greeter.class.getName() + " {}")
        .writeTo(Files.createDirectories(root.resolve("built")));
    Path dir = TestBundles.bundle(root, m.id(), m.version(), TestBundles.jar("a.jar")
        .manifestAttribute("Sealed", "true").compileAgainst(base)
        .source("com.sealed.Hello", "package com.sealed; public class Hello extends Base {"
            + " public String greet(String name) { return \"hi \" + name; } }")
        .service(Greeter.class.getName(), "com.sealed.Hello"));
    Files.copy(base, dir.resolve("lib/b.jar"));
    PluginClassLoader loader = factory.create(m, dir, List.of());
    loaders.add(loader);

    assertThatThrownBy(() -> registry.register(m, loader, "c1"))
        .isInstanceOfSatisfying(PluginRuntimeException.class, e -> {
          assertThat(e.code()).isEqualTo(RuntimeErrorCode.EXTENSION_INVALID);
          assertThat(e.getMessage()).contains("sealing violation");
        });
    assertThat(registry.extensions(Greeter.class)).isEmpty();
  }

  @Test
  void register_declaredServicesFileNamesMissingClass_extensionInvalidNamingInterface() throws Exception {
    PluginManifest m = TestBundles.manifest("gone", "1.0.0").extension(Greeter.class).build();
    PluginClassLoader loader = loadListingMissing(m);

    assertThatThrownBy(() -> registry.register(m, loader, "c1"))
        .isInstanceOfSatisfying(PluginRuntimeException.class, e -> {
          assertThat(e.code()).isEqualTo(RuntimeErrorCode.EXTENSION_INVALID);
          assertThat(e.pluginId()).isEqualTo("gone");
          assertThat(e.getMessage()).startsWith("META-INF/services/" + Greeter.class.getName()
              + " must list loadable implementations: ").contains("com.gone.MissingGreeter");
          assertThat(e.details()).containsEntry("field", "plugin.contributes.extensions")
              .containsEntry("value", Greeter.class.getName());
        });
    assertThat(registry.extensions(Greeter.class)).isEmpty();
  }

  @Test
  void register_undeclaredServicesFileNamesMissingClass_eventSaysUnloadable() throws Exception {
    PluginManifest m = TestBundles.manifest("gone", "1.0.0").build();

    assertThat(registry.register(m, loadListingMissing(m), "c2")).isZero();

    assertThat(sink.ofType(RuntimeEvents.EXTENSION_UNDECLARED)).singleElement().satisfies(e -> {
      @SuppressWarnings("unchecked")
      List<String> providers = (List<String>) e.detail().get("providers");
      assertThat(providers).singleElement().asString().startsWith("unloadable: ").contains("com.gone.MissingGreeter");
    });
  }
}
