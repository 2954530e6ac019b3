package dev.plinth.runtime.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.api.Plugin;
import dev.plinth.manifest.PluginManifest;
import dev.plinth.runtime.PluginRuntimeException;
import dev.plinth.runtime.RuntimeErrorCode;
import dev.plinth.runtime.Sources;
import dev.plinth.runtime.TestBundles;
import dev.plinth.runtime.classloading.ClassLoaderFactory;
import dev.plinth.runtime.classloading.OpenedLoader;
import dev.plinth.runtime.classloading.PluginClassLoader;
import dev.plinth.runtime.classloading.SharedPackages;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EntryDiscoveryTest {
  @TempDir Path root;
  private PluginClassLoader loader;

  @AfterEach
  void close() throws Exception {
    if (loader != null) {
      loader.close();
    }
  }

  private PluginClassLoader loader(PluginManifest m, TestBundles.JarSpec jar) throws Exception {
    loader = ClassLoaderFactory.of(SharedPackages.defaults())
        .create(m, TestBundles.bundle(root, m.id(), m.version(), jar), List.of());
    return loader;
  }

  private static PluginRuntimeException thrown(Runnable r) {
    try {
      r.run();
    } catch (PluginRuntimeException e) {
      return e;
    }
    throw new AssertionError("expected a PluginRuntimeException");
  }

  /** A jar with two Plugin classes, com.two.A and com.two.B; which services file it has is the caller's. */
  private static TestBundles.JarSpec twoPlugins() {
    return TestBundles.jar("two.jar")
        .source("com.two.A", Sources.noop("com.two.A")).source("com.two.B", Sources.noop("com.two.B"));
  }

  @Test
  void find_oneProvider_returnsItAndCreatesIt() throws Exception {
    PluginManifest m = TestBundles.manifest("one", "1.0.0").build();
    PluginClassLoader l = loader(m, TestBundles.jar("one.jar")
        .source("com.one.OnePlugin", Sources.noop("com.one.OnePlugin")).plugin("com.one.OnePlugin"));

    EntryDiscovery.EntryPoint entry = EntryDiscovery.find(m, l);
    Plugin p = entry.create();

    assertThat(entry.className()).isEqualTo("com.one.OnePlugin");
    assertThat(p.getClass().getClassLoader()).isSameAs(l);
  }

  @Test
  void find_noProvider_isEntryNotFound() throws Exception {
    PluginManifest m = TestBundles.manifest("none", "1.0.0").build();
    PluginClassLoader l = loader(m, TestBundles.jar("none.jar").source("com.none.NonePlugin", Sources.noop("com.none.NonePlugin")));

    PluginRuntimeException e = thrown(() -> EntryDiscovery.find(m, l));

    assertThat(e.code()).isEqualTo(RuntimeErrorCode.ENTRY_NOT_FOUND);
    assertThat(e.getMessage()).isEqualTo(
        "META-INF/services/dev.plinth.api.Plugin must list one Plugin class of this bundle: none found");
  }

  @Test
  void find_severalProviders_isAmbiguousNamingEach() throws Exception {
    PluginManifest m = TestBundles.manifest("two", "1.0.0").build();
    PluginClassLoader l = loader(m, twoPlugins()
        .plugin("com.two.A", "com.two.B"));

    PluginRuntimeException e = thrown(() -> EntryDiscovery.find(m, l));

    assertThat(e.code()).isEqualTo(RuntimeErrorCode.ENTRY_AMBIGUOUS);
    assertThat(e.getMessage()).endsWith("must list exactly one Plugin class: [com.two.A, com.two.B]");
  }

  @Test
  void find_entryOverride_winsOverSeveralProviders() throws Exception {
    PluginManifest m = TestBundles.manifest("two", "1.0.0").entry("com.two.B").build();
    PluginClassLoader l = loader(m, twoPlugins()
        .plugin("com.two.A", "com.two.B"));

    EntryDiscovery.EntryPoint entry = EntryDiscovery.find(m, l);

    assertThat(entry.className()).isEqualTo("com.two.B");
    assertThat(entry.create().getClass().getName()).isEqualTo("com.two.B");
  }

  @Test
  void find_entryMissingOrNotAPlugin_isTyped() throws Exception {
    PluginManifest missing = TestBundles.manifest("bad", "1.0.0").entry("com.bad.Missing").build();
    PluginManifest notPlugin = TestBundles.manifest("bad", "1.0.0").entry("com.bad.NotAPlugin").build();
    PluginManifest hidden = TestBundles.manifest("bad", "1.0.0").entry("com.bad.NoCtor").build();
    PluginClassLoader l = loader(missing, TestBundles.jar("bad.jar")
        .source("com.bad.NotAPlugin", "package com.bad; public class NotAPlugin {}")
        .source("com.bad.NoCtor", "package com.bad; public class NoCtor implements dev.plinth.api.Plugin { NoCtor(int x) {} }"));

    assertThat(thrown(() -> EntryDiscovery.find(missing, l)).code()).isEqualTo(RuntimeErrorCode.ENTRY_NOT_FOUND);
    PluginRuntimeException e = thrown(() -> EntryDiscovery.find(notPlugin, l));
    assertThat(e.code()).isEqualTo(RuntimeErrorCode.ENTRY_INVALID);
    assertThat(e.getMessage()).isEqualTo("plugin.runtime.entry must implement dev.plinth.api.Plugin: com.bad.NotAPlugin");
    assertThat(thrown(() -> EntryDiscovery.find(hidden, l)).getMessage())
        .isEqualTo("plugin.runtime.entry must have a public no-arg constructor: com.bad.NoCtor");
  }

  @Test
  void find_providerDefinedByAnotherLoader_isIgnoredWithoutInstantiation() throws Exception {
    PluginManifest m = TestBundles.manifest("parent", "1.0.0").build();
    PluginClassLoader parent = loader(m, TestBundles.jar("p.jar")
        .source("com.p.Loud", Sources.plugin("com.p.Loud", "", "", "return HealthStatus.healthy();")
            .replace("public class Loud implements Plugin {",
                "public class Loud implements Plugin { public Loud() { System.setProperty(\"plinth.test.loud\", \"made\"); }"))
        .plugin("com.p.Loud"));
    try (URLClassLoader child = new URLClassLoader(new URL[0], parent)) {
      PluginRuntimeException e = thrown(() -> EntryDiscovery.find(m, child));

      assertThat(e.code()).isEqualTo(RuntimeErrorCode.ENTRY_NOT_FOUND);
      assertThat(System.getProperty("plinth.test.loud")).isNull();
    }
  }

  private OpenedLoader opened(PluginManifest m, TestBundles.JarSpec jar) throws Exception {
    OpenedLoader o = ClassLoaderFactory.of(SharedPackages.defaults())
        .open(m, TestBundles.bundle(root, m.id(), m.version(), jar), List.of());
    loader = o.loader();
    return o;
  }

  @Test
  void findOpened_oneProvider_readsTheCheckedServicesFileAndCreatesIt() throws Exception {
    PluginManifest m = TestBundles.manifest("one", "1.0.0").build();
    OpenedLoader o = opened(m, TestBundles.jar("one.jar")
        .source("com.one.OnePlugin", Sources.noop("com.one.OnePlugin")).plugin("com.one.OnePlugin"));

    EntryDiscovery.EntryPoint entry = EntryDiscovery.find(m, o);

    assertThat(o.pluginServices()).hasValueSatisfying(files -> assertThat(files).singleElement()
        .satisfies(f -> assertThat(f.text()).contains("com.one.OnePlugin")));
    assertThat(entry.className()).isEqualTo("com.one.OnePlugin");
    assertThat(entry.create().getClass().getClassLoader()).isSameAs(o.loader());
  }

  @Test
  void findOpened_noneOrSeveral_areTypedLikeServiceLoader() throws Exception {
    PluginManifest none = TestBundles.manifest("none", "1.0.0").build();
    OpenedLoader n = opened(none, TestBundles.jar("none.jar").source("com.none.P", Sources.noop("com.none.P")));
    assertThat(thrown(() -> EntryDiscovery.find(none, n)).getMessage()).isEqualTo(
        "META-INF/services/dev.plinth.api.Plugin must list one Plugin class of this bundle: none found");
    loader.close();

    PluginManifest two = TestBundles.manifest("two", "1.0.0").build();
    OpenedLoader t = opened(two, twoPlugins()
        .resource("META-INF/services/dev.plinth.api.Plugin", "# providers\ncom.two.A\r\n\n  com.two.B # second\ncom.two.A\n"));
    PluginRuntimeException e = thrown(() -> EntryDiscovery.find(two, t));
    assertThat(e.code()).isEqualTo(RuntimeErrorCode.ENTRY_AMBIGUOUS);
    assertThat(e.getMessage()).endsWith("must list exactly one Plugin class: [com.two.A, com.two.B]");
  }

  @Test
  void findOpened_malformedOrMissingProvider_isEntryInvalidWithServiceLoadersMessage() throws Exception {
    PluginManifest bad = TestBundles.manifest("bad", "1.0.0").build();
    OpenedLoader b = opened(bad, TestBundles.jar("bad.jar")
        .resource("META-INF/services/dev.plinth.api.Plugin", "com.bad.Gone\n"));
    PluginRuntimeException missing = thrown(() -> EntryDiscovery.find(bad, b));
    assertThat(missing.code()).isEqualTo(RuntimeErrorCode.ENTRY_INVALID);
    assertThat(missing.getMessage()).isEqualTo("META-INF/services/dev.plinth.api.Plugin must list loadable Plugin"
        + " classes: dev.plinth.api.Plugin: Provider com.bad.Gone not found");
    loader.close();

    PluginManifest syntax = TestBundles.manifest("syntax", "1.0.0").build();
    OpenedLoader s = opened(syntax, TestBundles.jar("syntax.jar")
        .resource("META-INF/services/dev.plinth.api.Plugin", "com.a.B c.D\n"));
    assertThat(thrown(() -> EntryDiscovery.find(syntax, s)).getMessage())
        .endsWith("syntax.jar!/META-INF/services/dev.plinth.api.Plugin:1: Illegal configuration-file syntax");
  }

  @Test
  void findOpened_providerNotAPlugin_isInvalid() throws Exception {
    PluginManifest m = TestBundles.manifest("np", "1.0.0").build();
    OpenedLoader o = opened(m, TestBundles.jar("np.jar")
        .source("com.np.Thing", "package com.np; public class Thing {}")
        .resource("META-INF/services/dev.plinth.api.Plugin", "com.np.Thing\n"));

    assertThat(thrown(() -> EntryDiscovery.find(m, o)).getMessage())
        .endsWith("dev.plinth.api.Plugin: com.np.Thing not a subtype");
  }

  @Test
  void findOpened_throwingConstructor_failsOnCreateLikeServiceLoader() throws Exception {
    PluginManifest m = TestBundles.manifest("boom", "1.0.0").build();
    OpenedLoader o = opened(m, TestBundles.jar("boom.jar")
        .source("com.boom.Boom", Sources.noop("com.boom.Boom").replace("public class Boom implements dev.plinth.api.Plugin {}",
            "public class Boom implements dev.plinth.api.Plugin { public Boom() { throw new IllegalStateException(\"no\"); } }"))
        .plugin("com.boom.Boom"));

    EntryDiscovery.EntryPoint entry = EntryDiscovery.find(m, o);

    assertThatThrownBy(entry::create).isInstanceOf(java.util.ServiceConfigurationError.class)
        .hasMessage("dev.plinth.api.Plugin: Provider com.boom.Boom could not be instantiated")
        .hasRootCauseInstanceOf(IllegalStateException.class);
  }
}
